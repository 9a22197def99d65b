package dev.tokenlab.explain;

import dev.tokenlab.TokenSpan;

import java.util.ArrayList;
import java.util.List;

/**
 * A BPE trace: the pieces the text is cut into and, for each piece, its starting symbols, every merge
 * in order, and the tokens it ends as. Byte-level BPE (Llama 3, the OpenAI encodings) cuts the text
 * with its pre-tokenizer, starts from single bytes and merges the pair of
 * {@linkplain MergeOrder#LOWEST_RANK lowest rank}; SentencePiece BPE (Llama 2) normalizes the text
 * ({@code ▁} for spaces), cuts it into words before each {@code ▁} (no piece spans such a cut), starts
 * from characters (and user-defined symbols) and merges the pair whose piece has the
 * {@linkplain MergeOrder#HIGHEST_SCORE highest score}; a part that is no piece then falls back to
 * byte pieces or the unknown piece ({@link Fallback}). Hugging Face {@code tokenizer.json} BPE models
 * (Llama 3, Qwen, Mistral, Gemma in that form) run the file's pipeline (added tokens, normalizer,
 * pre-tokenizer), start from bytes (byte-level) or characters (with byte-fallback or unknown symbols
 * for characters not in the vocabulary) and merge the pair {@linkplain MergeOrder#MERGE_RANK listed
 * first in the merge list}. All three fit this record.
 *
 * <pre>{@code
 * BpeTrace t = (BpeTrace) Explainers.find(Tokenizers.get("llama3")).orElseThrow().explain("unhappiness");
 * BpeTrace.Piece p = t.pieces().get(0);   // "unhappiness", 11 starting bytes u n h a p p i n e s s
 * p.merges().get(0);                      // 1. "i"+"n" → "in" (rank 258), at part 6
 * p.merges().size();                      // 8
 * t.ids();                                // [359, 71, 67391]: "un" "h" "appiness"
 *
 * BpeTrace s = (BpeTrace) Explainers.find(Tokenizers.get("llama2")).orElseThrow().explain("unhappiness");
 * s.normalized();                         // "▁unhappiness": 12 starting characters
 * s.pieces().get(0).merges().get(0);      // 1. "i"+"n" → "in" (score -3.0, id 262), at part 7
 * s.mergeCount();                         // 9, the last "▁un"+"h" → "▁unh" (score -28600.0, id 28859)
 * s.ids();                                // [28859, 932, 3335]: "▁unh" "app" "iness"
 * }</pre>
 *
 * <p>Byte arrays are shared, not copied: do not modify them.
 *
 * @param tokenizer  the tokenizer's name
 * @param text       the text explained
 * @param algorithm  the algorithm, in words
 * @param order      which pair merges first
 * @param normalized the text the pieces are cut from: {@code text} itself for byte-level BPE, the
 *                   normalizer's output for SentencePiece ({@code "▁unhappiness"})
 * @param pieces     the pieces in text order; their tokens, concatenated, are {@link #tokens()}
 */
public record BpeTrace(String tokenizer, String text, String algorithm, MergeOrder order, String normalized,
                       List<Piece> pieces)
        implements ExplainTrace {

    /** Which adjacent pair merges next. */
    public enum MergeOrder {
        /** Byte-level BPE (tiktoken): the pair whose joined bytes have the lowest rank; the leftmost on a tie. */
        LOWEST_RANK("rank"),
        /** SentencePiece BPE: the pair whose joined piece has the highest score; the leftmost on a tie. */
        HIGHEST_SCORE("score"),
        /**
         * Hugging Face BPE ({@code tokenizer.json}): only pairs in the merge list merge, the one listed
         * first (lowest merge rank) first; the leftmost on a tie.
         */
        MERGE_RANK("merge rank");

        private final String label;

        MergeOrder(String label) {
            this.label = label;
        }

        /** What {@link Merge#priority()} is: {@code "rank"}, {@code "score"} or {@code "merge rank"}. */
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
     * @param priority what chose this pair: the rank (byte-level BPE, equal to {@code id}), the piece
     *                 score (SentencePiece) or the pair's index in the merge list (merge rank, 0 first;
     *                 Hugging Face)
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
     * One starting symbol of a piece.
     *
     * @param bytes       its bytes: one byte (byte-level BPE), one character or one user-defined symbol
     *                    (SentencePiece, UTF-8 of the normalized text); Hugging Face BPE: one byte
     *                    (byte-level), one character (without the continuing-subword prefix or
     *                    end-of-word suffix its spelling may have), the one byte a byte-fallback
     *                    {@code <0xNN>} symbol stands for, or the characters an unknown symbol stands for
     * @param id          the token it is on its own: the byte's rank (byte-level BPE), its piece
     *                    (SentencePiece), or the unknown id when no piece is this character (unless it
     *                    merges, it ends as a {@link Fallback}); Hugging Face BPE: its token, a
     *                    {@code <0xNN>} token or the unknown token
     * @param userDefined whether it is a SentencePiece user-defined symbol: matched before characters,
     *                    never merged
     */
    public record Symbol(byte[] bytes, int id, boolean userDefined) {
    }

    /**
     * One piece and how it merged.
     *
     * @param text       the piece as it is in the input ({@code input.substring(charStart, charEnd)})
     * @param charStart  its first UTF-16 index in the input
     * @param charEnd    one past its last UTF-16 index
     * @param bytes      the bytes the merges start from: its UTF-8 (a lone surrogate is U+FFFD's three
     *                   bytes) for byte-level BPE, its normalized UTF-8 ({@code ▁unhappiness}) for SentencePiece
     * @param symbols    the starting parts: one per byte (byte-level BPE) or per character and
     *                   user-defined symbol (SentencePiece)
     * @param merges     every merge, in order
     * @param fallbacks  the parts left after merging that {@code encode} does not emit as they are
     *                   (SentencePiece; empty for byte-level BPE): unknown characters and UNUSED pieces.
     *                   Hugging Face BPE: the characters that start as byte-fallback or unknown symbols,
     *                   or are left out, before any merge ({@link Fallback#position()} is then an index
     *                   among the starting symbols)
     * @param tokens     the tokens the piece ends as
     * @param takenWhole true when the whole piece is itself a vocabulary entry and the encoder takes it
     *                   as one token without merging (tiktoken does, before any merge; Hugging Face BPE
     *                   with {@code ignore_merges}); the merges are then shown for teaching and end in the
     *                   same token nearly always. Never for SentencePiece. Always for an added token.
     * @param source     where the piece comes from: the model, or (Hugging Face) an added token found in
     *                   the text or the post-processor, which have no symbols and no merges
     */
    public record Piece(String text, int charStart, int charEnd, byte[] bytes, List<Symbol> symbols,
                        List<Merge> merges, List<Fallback> fallbacks, List<TokenSpan> tokens, boolean takenWhole,
                        PieceSource source) {
        /**
         * Copies the lists, so a trace handed out cannot change under its reader.
         *
         * @throws NullPointerException if a list or {@code source} is null
         */
        public Piece {
            symbols = List.copyOf(symbols);
            merges = List.copyOf(merges);
            fallbacks = List.copyOf(fallbacks);
            tokens = List.copyOf(tokens);
            if (source == null) {
                throw new NullPointerException("source");
            }
        }

        /** A piece the model tokenized ({@link PieceSource#MODEL}). */
        public Piece(String text, int charStart, int charEnd, byte[] bytes, List<Symbol> symbols,
                     List<Merge> merges, List<Fallback> fallbacks, List<TokenSpan> tokens, boolean takenWhole) {
            this(text, charStart, charEnd, bytes, symbols, merges, fallbacks, tokens, takenWhole, PieceSource.MODEL);
        }

        /**
         * The number of parts left when no pair merges: the symbols less the merges. Llama 3's
         * "unhappiness": 11 bytes, 8 merges, 3 parts; Llama 2's "▁unhappiness": 12 characters, 9 merges, 3 parts.
         */
        public int partCount() {
            return symbols.size() - merges.size();
        }
    }

    /**
     * Copies the pieces, so a trace handed out cannot change under its reader.
     *
     * @throws NullPointerException if {@code pieces} is null
     */
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
