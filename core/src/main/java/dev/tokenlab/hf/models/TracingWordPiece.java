package dev.tokenlab.hf.models;

import dev.tokenlab.hf.pipeline.NormalizedString;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link WordPiece#tokenize} step by step, for the teaching views ({@code tokenlab explain}): at each
 * position of a word, the longest vocabulary entry that matches there and how many longer candidates
 * came before it, or the position where nothing matches, or the word being too long.
 *
 * <p>A separate loop on purpose, so {@link WordPiece}'s keeps no record. The same rule: from the
 * start of the word, the longest entry (spelled with the continuing prefix after the first piece),
 * then again from where it ends; a word longer than {@code max_input_chars_per_word}, or with a
 * position where no entry matches, is one unknown token. The explainer tests prove the tokens equal
 * {@code tokenize}'s on every edge case.
 *
 * <pre>{@code
 * // BERT (all-MiniLM-L6-v2), "unaffable":
 * // at 0 "un" (id 4895) after 7 longer candidates, at 2 "##aff" (id 10354) after 4, at 5 "##able" (id 3085)
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class TracingWordPiece {

    /** Why a word became the unknown token, if it did. */
    public enum Unknown {
        /** It did not: its steps are its tokens. */
        NONE,
        /** Longer than {@code max_input_chars_per_word} characters: no step is tried. */
        TOO_LONG,
        /** At the last step's position no entry matches (not even one character). */
        NO_MATCH
    }

    /**
     * One step of the greedy search.
     *
     * @param start        the code point where the step starts
     * @param end          one past the last code point of the entry found; -1 if none matched
     * @param id           the entry's id; -1 if none matched
     * @param spelling     the entry as the vocabulary spells it ({@code "##aff"}); null if none matched
     * @param longerTried  how many candidates longer than the match the greedy rule tries first, each from
     *                     {@code start} to one more character, down from the rest of the word (all of
     *                     them when none matched); the encoder skips, without a lookup, those longer than
     *                     the vocabulary's longest entry, which cannot match
     */
    public record Step(int start, int end, int id, String spelling, int longerTried) {
        /** Whether an entry matched. */
        public boolean matched() {
            return id >= 0;
        }
    }

    /**
     * How a word went.
     *
     * @param steps   the steps, in order (none when the word is too long)
     * @param unknown whether, and why, the word is the unknown token
     * @param ids     its tokens' ids, as {@code tokenize} gives them
     * @param starts  each token's first code point
     * @param ends    one past each token's last code point
     */
    public record Result(List<Step> steps, Unknown unknown, int[] ids, int[] starts, int[] ends) {
    }

    private final WordPiece model;

    /** The tracer of {@code model}. */
    public TracingWordPiece(WordPiece model) {
        this.model = model;
    }

    /** Tokenizes one non-empty word as {@link WordPiece#tokenize} does, keeping each step. */
    public Result trace(NormalizedString piece) {
        int n = piece.length();
        List<Step> steps = new ArrayList<>();
        if (n > model.maxChars) {
            return unknown(steps, Unknown.TOO_LONG, n);
        }
        StringBuilder sb = new StringBuilder();
        int start = 0;
        while (start < n) {
            Step found = null;
            for (int end = Math.min(n, start + model.longest); end > start && found == null; end--) {
                sb.setLength(0);
                if (start > 0) {
                    sb.append(model.prefix);
                }
                for (int i = start; i < end; i++) {
                    sb.appendCodePoint(piece.codePointAt(i));
                }
                String candidate = sb.toString();
                Integer id = model.ids.get(candidate);
                if (id != null) {
                    found = new Step(start, end, id, candidate, n - end);
                }
            }
            if (found == null) {
                steps.add(new Step(start, -1, -1, null, n - start));
                return unknown(steps, Unknown.NO_MATCH, n);
            }
            steps.add(found);
            start = found.end();
        }
        int[] ids = new int[steps.size()];
        int[] starts = new int[steps.size()];
        int[] ends = new int[steps.size()];
        for (int k = 0; k < steps.size(); k++) {
            ids[k] = steps.get(k).id();
            starts[k] = steps.get(k).start();
            ends[k] = steps.get(k).end();
        }
        return new Result(steps, Unknown.NONE, ids, starts, ends);
    }

    private Result unknown(List<Step> steps, Unknown why, int n) {
        return new Result(steps, why, new int[] {model.unkId}, new int[] {0}, new int[] {n});
    }
}
