package dev.tokenlab.explain;

import dev.tokenlab.TokenSpan;

import java.util.ArrayList;
import java.util.List;

/**
 * A WordPiece trace (BERT and its kin, {@code tokenizer.json} models): the normalized text, the words
 * the pre-tokenizer cuts it into and, for each word, the greedy longest-match-first steps. From the
 * start of the word the longest vocabulary entry that matches is taken (after the first piece it is
 * spelled with the continuing prefix, {@code ##}), then the same from where it ends. A word longer
 * than {@code max_input_chars_per_word}, or with a position where no entry matches, becomes the
 * unknown token as a whole. WordPiece never merges: the pieces are found, not built.
 *
 * <pre>{@code
 * WordPieceTrace t = (WordPieceTrace) Explainers.find(Tokenizers.load(Path.of("bert"))).orElseThrow().explain("unaffable");
 * WordPieceTrace.Word w = t.words().get(0);   // "unaffable"
 * w.steps();   // at 0 "un" (4895, 7 longer candidates first), at 2 "##aff" (10354, 4), at 5 "##able" (3085, 0)
 * t.ids();     // [4895, 10354, 3085]
 * }</pre>
 *
 * @param tokenizer            the tokenizer's name
 * @param text                 the text explained
 * @param algorithm            the algorithm, in words
 * @param normalized           the text after the normalizer (BERT's: lower case, accents stripped, CJK
 *                             characters spaced), added tokens found in the raw text as they are there
 * @param prefix               the continuing-subword prefix ({@code ##})
 * @param maxInputCharsPerWord words longer than this many characters are unknown as a whole
 * @param words                the words (and added tokens) in text order; their tokens, concatenated,
 *                             are {@link #tokens()}
 */
public record WordPieceTrace(String tokenizer, String text, String algorithm, String normalized, String prefix,
                             int maxInputCharsPerWord, List<Word> words) implements ExplainTrace {

    /** Whether, and why, a word became the unknown token. */
    public enum Unknown {
        /** It did not: its steps are its tokens. */
        NONE,
        /** Longer than {@code max_input_chars_per_word}: the whole word is the unknown token, no step is tried. */
        TOO_LONG,
        /** At the last step's position no entry matches, not even one character: the whole word is the unknown token. */
        NO_MATCH
    }

    /**
     * One step: at {@code position} the longest entry that matches, or none.
     *
     * @param position    the code point of the word where the step starts (0 for the first)
     * @param length      how many code points the entry covers; 0 when none matched
     * @param match       the entry as the vocabulary spells it ({@code "un"}, {@code "##aff"}); null when none matched
     * @param id          its id; -1 when none matched
     * @param longerTried how many longer candidates the greedy rule tries first (from {@code position} to
     *                    the end of the word, then one character shorter each time); when none matched,
     *                    every candidate down to one character. The encoder skips those longer than the
     *                    vocabulary's longest entry without a lookup: they cannot match.
     */
    public record Step(int position, int length, String match, int id, int longerTried) {
        /** Whether an entry matched. */
        public boolean matched() {
            return id >= 0;
        }
    }

    /**
     * One word, or an added token, and what it became.
     *
     * @param text      the word as it is in the input ({@code input.substring(charStart, charEnd)})
     * @param charStart its first UTF-16 index in the input
     * @param charEnd   one past its last UTF-16 index
     * @param word      the word as the model sees it (after the normalizer and the pre-tokenizer)
     * @param source    the model's word, or an added token found in the text or the post-processor's token
     *                  (no steps, one token)
     * @param steps     the greedy steps, in order
     * @param unknown   whether, and why, the word is the unknown token
     * @param tokens    its tokens, as {@code tokenize} gives them
     */
    public record Word(String text, int charStart, int charEnd, String word, PieceSource source, List<Step> steps,
                       Unknown unknown, List<TokenSpan> tokens) {
        public Word {
            steps = List.copyOf(steps);
            tokens = List.copyOf(tokens);
        }
    }

    public WordPieceTrace {
        words = List.copyOf(words);
    }

    @Override
    public List<TokenSpan> tokens() {
        List<TokenSpan> all = new ArrayList<>();
        for (Word w : words) {
            all.addAll(w.tokens());
        }
        return all;
    }
}
