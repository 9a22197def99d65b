package dev.tokenlab.explain;

import dev.tokenlab.TokenSpan;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A part of a SentencePiece segmentation that {@code encode} does not emit as it is: a character no
 * piece covers, or (BPE) a merged piece the model marks UNUSED. Shown by {@link BpeTrace} (per piece)
 * and {@link UnigramTrace} (for the best segmentation). Hugging Face BPE models decide before merging:
 * a character not in the vocabulary starts as its byte-fallback symbols, the unknown symbol, or nothing.
 *
 * <pre>{@code
 * // Llama 2 (byte fallback), "🦙": the part "🦙" is no piece, so its four UTF-8 bytes are emitted
 * //   Fallback[position=1, "🦙", id=0, BYTES, tokens=[243 <0xF0>, 162 <0x9F>, 169 <0xA6>, 156 <0x99>]]
 * // test_model.model (no byte fallback), "日本" ("▁" 4, then two characters no piece covers):
 * //   one unknown token for the run, listed with its first character
 * //   Fallback[position=1, "日", id=0, UNKNOWN, tokens=[0 <unk> 0..2]], Fallback[position=2, "本", id=0, UNKNOWN, tokens=[]]
 * }</pre>
 *
 * @param position the part's index: among the piece's parts after merging ({@link BpeTrace.Piece}), among
 *                 the pieces of the best segmentation ({@link UnigramTrace}), or (Hugging Face BPE) among the
 *                 piece's starting symbols: its first symbol, or for a character left out the index the
 *                 next symbol has
 * @param bytes    the part's normalized UTF-8 bytes; do not modify
 * @param id       the part's id: the unknown id (-1 for a Hugging Face model without one), or the UNUSED piece
 * @param kind     what {@code encode} does with it
 * @param tokens   the tokens it becomes; empty for an unknown character that continues a run of them
 *                 (the run's one unknown token is listed with its first character) and for a character
 *                 left out. Hugging Face BPE: the symbols it starts as, before merging (they seldom merge)
 */
public record Fallback(int position, byte[] bytes, int id, Kind kind, List<TokenSpan> tokens) {

    /** What happens to a part that is not emitted as it is. */
    public enum Kind {
        /** No piece, and the model has byte fallback: each UTF-8 byte becomes its {@code <0xNN>} byte piece. */
        BYTES,
        /** No piece, and no byte fallback: the unknown piece, one for each run of unknown characters. */
        UNKNOWN,
        /** An UNUSED piece (BPE): split back into the parts it was merged from, recursively. */
        UNUSED,
        /**
         * No token, no byte fallback and no unknown token (Hugging Face BPE without {@code unk_token}): the
         * character is left out, as the Rust library leaves it; it becomes no token.
         */
        DROPPED
    }

    public Fallback {
        tokens = List.copyOf(tokens);
    }

    /** The part as text ({@code "🦙"}, {@code "日"}). */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
