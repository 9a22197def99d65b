package dev.tokenlab.explain;

/**
 * What kind of vocabulary entry a token is, for the statistics of {@code tokenlab compare}.
 *
 * <pre>{@code
 * PieceView llama3 = Explainers.pieces(Tokenizers.get("llama3"));
 * llama3.kind(9906);     // ORDINARY ("Hello")
 * llama3.kind(128000);   // SPECIAL (<|begin_of_text|>)
 * // Llama 2 (SentencePiece, byte fallback): 243 is <0xF0>, a BYTE_FALLBACK piece; 0 is <unk>, UNKNOWN
 * }</pre>
 */
public enum PieceKind {
    /** A piece of text from the vocabulary; every token of a byte-level BPE model is one (its bytes may still be part of a character). */
    ORDINARY,
    /** A SentencePiece byte piece {@code <0xNN>}: text with no piece of its own, spelled byte by byte. */
    BYTE_FALLBACK,
    /** The unknown piece ({@code <unk>}): text the model cannot represent, lost in decoding. */
    UNKNOWN,
    /** A control token such as {@code <|begin_of_text|>} or {@code <s>}. */
    SPECIAL
}
