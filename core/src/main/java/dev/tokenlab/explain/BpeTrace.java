package dev.tokenlab.explain;

import dev.tokenlab.TokenSpan;

import java.util.ArrayList;
import java.util.List;

/**
 * A BPE trace: the pre-tokenizer's pieces and, for each piece, its starting symbols, every merge in
 * order, and the tokens it ends as. Byte-level BPE (Llama 3, the OpenAI encodings) starts from single
 * bytes and merges the pair of {@linkplain MergeOrder#LOWEST_RANK lowest rank}; SentencePiece BPE
 * (Llama 2) starts from characters and merges the pair whose piece has the
 * {@linkplain MergeOrder#HIGHEST_SCORE highest score}. Both fit this record.
 *
 * <pre>{@code
 * BpeTrace t = (BpeTrace) Explainers.find(Tokenizers.get("llama3")).orElseThrow().explain("unhappiness");
 * BpeTrace.Piece p = t.pieces().get(0);   // "unhappiness", 11 starting bytes u n h a p p i n e s s
 * p.merges().get(0);                      // 1. "i"+"n" → "in" (rank 258), at part 6
 * p.merges().size();                      // 8
 * t.ids();                                // [359, 71, 67391]: "un" "h" "appiness"
 * }</pre>
 *
 * <p>Byte arrays are shared, not copied: do not modify them.
 *
 * @param tokenizer the tokenizer's name
 * @param text      the text explained
 * @param algorithm the algorithm, in words
 * @param order     which pair merges first
 * @param pieces    the pieces in text order; their tokens, concatenated, are {@link #tokens()}
 */
public record BpeTrace(String tokenizer, String text, String algorithm, MergeOrder order, List<Piece> pieces)
        implements ExplainTrace {

    /** Which adjacent pair merges next. */
    public enum MergeOrder {
        /** Byte-level BPE (tiktoken): the pair whose joined bytes have the lowest rank; the leftmost on a tie. */
        LOWEST_RANK("rank"),
        /** SentencePiece BPE: the pair whose joined piece has the highest score; the leftmost on a tie. */
        HIGHEST_SCORE("score");

        private final String label;

        MergeOrder(String label) {
            this.label = label;
        }

        /** What {@link Merge#priority()} is: {@code "rank"} or {@code "score"}. */
        public String label() {
            return label;
        }
    }

    /**
     * One merge: parts {@code left} and {@code right} became the token {@code id}.
     *
     * @param step     1 for the first merge of the piece, then 2, 3 …
     * @param position index of the left part among the piece's parts just before this merge
     * @param left     the left part's bytes
     * @param right    the right part's bytes
     * @param id       the id of the joined part
     * @param priority what chose this pair: the rank (byte-level BPE, equal to {@code id}) or the piece score
     */
    public record Merge(int step, int position, byte[] left, byte[] right, int id, double priority) {
        /** The joined bytes, {@code left} then {@code right}. */
        public byte[] result() {
            byte[] r = new byte[left.length + right.length];
            System.arraycopy(left, 0, r, 0, left.length);
            System.arraycopy(right, 0, r, left.length, right.length);
            return r;
        }
    }

    /**
     * One piece of the pre-tokenizer and how it merged.
     *
     * @param text       the piece as it is in the input
     * @param charStart  its first UTF-16 index in the input
     * @param charEnd    one past its last UTF-16 index
     * @param bytes      its bytes (UTF-8; a lone surrogate is U+FFFD's three bytes)
     * @param symbols    the starting parts: one per byte (byte-level BPE) or per character (SentencePiece)
     * @param merges     every merge, in order
     * @param tokens     the tokens the piece ends as
     * @param takenWhole true when the whole piece is itself a vocabulary entry and the encoder takes it
     *                   as one token without merging (tiktoken does, before any merge); the merges are
     *                   then shown for teaching and end in the same token nearly always
     */
    public record Piece(String text, int charStart, int charEnd, byte[] bytes, List<byte[]> symbols,
                        List<Merge> merges, List<TokenSpan> tokens, boolean takenWhole) {
        public Piece {
            symbols = List.copyOf(symbols);
            merges = List.copyOf(merges);
            tokens = List.copyOf(tokens);
        }
    }

    public BpeTrace {
        pieces = List.copyOf(pieces);
    }

    /** The number of merges over all pieces. */
    public int mergeCount() {
        return pieces.stream().mapToInt(p -> p.merges().size()).sum();
    }

    @Override
    public List<TokenSpan> tokens() {
        List<TokenSpan> all = new ArrayList<>();
        for (Piece p : pieces) {
            all.addAll(p.tokens());
        }
        return all;
    }
}
