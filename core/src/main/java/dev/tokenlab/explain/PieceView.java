package dev.tokenlab.explain;

import java.util.Optional;

/**
 * How a tokenizer's vocabulary classifies and spells its tokens: what {@code show} prints in a chip
 * and what {@code compare} counts as byte-fallback or unknown. Get one with
 * {@link Explainers#pieces(dev.tokenlab.Tokenizer)}.
 *
 * <pre>{@code
 * PieceView v = Explainers.pieces(Tokenizers.get("llama3"));
 * v.kind(9906);        // ORDINARY
 * v.spelling(9906);    // Optional.empty(): byte-level BPE stores bytes, show those
 * // Llama 2 (SentencePiece), once it is merged: spelling(15043) is "▁Hello", spelling(243) "<0xF0>"
 * }</pre>
 */
public interface PieceView {

    /** The kind of the token {@code id}. */
    PieceKind kind(int id);

    /**
     * The token as the vocabulary itself writes it ({@code "▁Hello"}, {@code "<0xF0>"}), or empty when
     * the vocabulary stores raw bytes (byte-level BPE): a display then shows the token's bytes.
     */
    Optional<String> spelling(int id);
}
