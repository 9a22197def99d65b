package dev.tokenlab.explain;

import dev.tokenlab.TokenSpan;

import java.util.ArrayList;
import java.util.List;

/**
 * A Unigram trace: the normalized text, the segmentation the model picks (the one whose pieces'
 * scores, their log probabilities, sum highest) and the next best ones, then what happens to the
 * characters no piece covers. A Unigram model does not merge: it weighs every way of cutting the
 * text into its pieces at once (Viterbi over the lattice of all pieces found in the text).
 *
 * <p>Hugging Face {@code tokenizer.json} Unigram models fit the same record with two differences the
 * file's pipeline makes. The model sees each pre-token (word) on its own, so a segmentation is the
 * words' segmentations side by side: no piece crosses a word boundary, and the next best ones are the
 * best combinations of the words' own best and next best. Added tokens (and the post-processor's)
 * are not in the lattice: they are pieces of every segmentation ({@link Piece#source()}), with score
 * 0. And the model fuses consecutive unknown pieces into one string before looking it up, so a run of
 * them is one fallback: the first lists the tokens (the unknown token, or one {@code <0xNN>} token per
 * byte of the run, each covering the run), the others none.
 *
 * <pre>{@code
 * UnigramTrace t = (UnigramTrace) Explainers.find(Tokenizers.load(Path.of("test_model.model"))).orElseThrow()
 *         .explain("unhappiness");
 * t.normalized();                      // "▁unhappiness"
 * t.best();                            // ▁un|ha|p|p|i|ness, log p = -38.483284
 * t.best().ids();                      // [210, 414, 29, 29, 25, 513]
 * t.alternatives().get(0);             // ▁un|h|a|p|p|i|ness, log p = -41.053986
 * t.alternatives().size();             // 4: the next best, down to ▁un|ha|p|p|in|e|s|s (-43.06977)
 * t.ids();                             // [210, 414, 29, 29, 25, 513], as encode gives them
 * }</pre>
 *
 * @param tokenizer    the tokenizer's name
 * @param text         the text explained
 * @param algorithm    the algorithm, in words
 * @param normalized   the normalizer's output, what the pieces cover ({@code "▁unhappiness"}); for a
 *                     tokenizer.json, the pre-tokens and added tokens joined (text the pre-tokenizer
 *                     drops, such as the spaces of WhitespaceSplit, is not in it)
 * @param best         the segmentation {@code encode} uses
 * @param alternatives the next best segmentations, highest log probability first; each differs from
 *                     {@code best} and from the others
 * @param fallbacks    the pieces of {@code best} that are unknown characters, and what they become
 * @param tokens       the final tokens: {@code best}'s pieces, unknown ones as their fallbacks
 */
public record UnigramTrace(String tokenizer, String text, String algorithm, String normalized, Segmentation best,
                           List<Segmentation> alternatives, List<Fallback> fallbacks, List<TokenSpan> tokens)
        implements ExplainTrace {

    /**
     * One piece of a segmentation.
     *
     * @param text      the piece as it is in the normalized text ({@code "▁un"}); an unknown character itself
     * @param id        its id; the unknown id for a character no piece covers
     * @param score     its score, as the model weighs it: the piece's log probability; a user-defined
     *                  piece {@code length_in_bytes × max_score − 0.1}; an unknown character
     *                  {@code min_score − 10}
     * @param charStart its first UTF-16 index in the input
     * @param charEnd   one past its last UTF-16 index in the input (equal to {@code charStart} for
     *                  text only normalization wrote, such as the dummy prefix {@code ▁})
     * @param unknown   whether it is a character no piece covers (Hugging Face: whether it has the
     *                  unknown id, which the unknown piece's own text {@code <unk>} has too)
     * @param source    the model's piece, or (Hugging Face) an added token or the post-processor's token,
     *                  in every segmentation, with score 0
     */
    public record Piece(String text, int id, double score, int charStart, int charEnd, boolean unknown, PieceSource source) {
        public Piece {
            if (source == null) {
                throw new NullPointerException("source");
            }
        }

        /** A piece of the model ({@link PieceSource#MODEL}). */
        public Piece(String text, int id, double score, int charStart, int charEnd, boolean unknown) {
            this(text, id, score, charStart, charEnd, unknown, PieceSource.MODEL);
        }
    }

    /**
     * One way of cutting the normalized text into pieces.
     *
     * @param pieces         the pieces, left to right
     * @param logProbability the sum of their scores, left to right as the encoder sums them when it
     *                       compares segmentations (SentencePiece: each partial sum rounded to
     *                       {@code float}; Hugging Face: in {@code double}, word by word, then the words'
     *                       sums added): so the best's is never below an alternative's, and the exact sum
     *                       differs by rounding only (about 6e-8 of the sum's magnitude per piece for float)
     */
    public record Segmentation(List<Piece> pieces, double logProbability) {
        public Segmentation {
            pieces = List.copyOf(pieces);
        }

        /** The pieces' ids: {@code [210, 414, 29, 29, 25, 513]} for test_model's best "▁un|ha|p|p|i|ness". */
        public int[] ids() {
            return pieces.stream().mapToInt(Piece::id).toArray();
        }
    }

    public UnigramTrace {
        alternatives = List.copyOf(alternatives);
        fallbacks = List.copyOf(fallbacks);
        tokens = List.copyOf(tokens);
    }

    /** The best segmentation, then the alternatives: 5 for "unhappiness" on test_model, 2 for "a" ("▁a", "▁|a"). */
    public List<Segmentation> segmentations() {
        List<Segmentation> all = new ArrayList<>(alternatives.size() + 1);
        all.add(best);
        all.addAll(alternatives);
        return all;
    }
}
