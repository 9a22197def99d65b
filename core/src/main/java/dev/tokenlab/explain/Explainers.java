package dev.tokenlab.explain;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.tiktoken.TiktokenTokenizer;

import java.util.Optional;

/**
 * Finds the explainer and the piece view of a tokenizer. The one place where an algorithm's
 * explainer is chosen: SentencePiece (BPE by piece score, Unigram lattice) is added here when its
 * tokenizer is in core.
 *
 * <pre>{@code
 * Explainers.find(Tokenizers.get("llama3"));             // Optional[byte-level BPE explainer]
 * Explainers.find(Tokenizers.get("llama3", "jtokkit"));  // Optional.empty(): an adapter, no trace
 * Explainers.pieces(Tokenizers.get("llama3")).kind(128000);   // SPECIAL
 * }</pre>
 *
 * <p>Never returns null; thread-safe.
 */
public final class Explainers {
    private Explainers() {
    }

    /**
     * The explainer of {@code tokenizer}, or empty when its algorithm has none yet (adapters'
     * tokenizers, SentencePiece models for now).
     */
    public static Optional<Explainer> find(Tokenizer tokenizer) {
        if (tokenizer instanceof TiktokenTokenizer tiktoken) {
            return Optional.of(new ByteLevelBpeExplainer(tiktoken));
        }
        return Optional.empty();
    }

    /**
     * How {@code tokenizer}'s vocabulary classifies and spells its tokens. SentencePiece: the model's
     * piece types ({@code <0xNN>} byte pieces, {@code <unk>}, control pieces) and spellings
     * ({@code ▁Hello}). Byte-level BPE and any tokenizer this class does not know: special ids are {@link PieceKind#SPECIAL}, every other id
     * {@link PieceKind#ORDINARY}, with no spelling of its own (show the bytes).
     */
    public static PieceView pieces(Tokenizer tokenizer) {
        if (tokenizer instanceof dev.tokenlab.sentencepiece.SentencePieceTokenizer sp) {
            dev.tokenlab.sentencepiece.SentencePieceModel model = sp.model();
            return new PieceView() {
                @Override
                public PieceKind kind(int id) {
                    return switch (model.type(id)) {
                        case BYTE -> PieceKind.BYTE_FALLBACK;
                        case UNKNOWN -> PieceKind.UNKNOWN;
                        case CONTROL -> PieceKind.SPECIAL;
                        default -> PieceKind.ORDINARY;
                    };
                }

                @Override
                public Optional<String> spelling(int id) {
                    return Optional.of(model.piece(id));
                }
            };
        }
        return new PieceView() {
            @Override
            public PieceKind kind(int id) {
                return tokenizer.isSpecial(id) ? PieceKind.SPECIAL : PieceKind.ORDINARY;
            }

            @Override
            public Optional<String> spelling(int id) {
                return Optional.empty();
            }
        };
    }
}
