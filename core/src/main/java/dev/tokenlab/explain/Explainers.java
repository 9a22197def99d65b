package dev.tokenlab.explain;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.sentencepiece.ModelType;
import dev.tokenlab.sentencepiece.SentencePieceModel;
import dev.tokenlab.sentencepiece.SentencePieceTokenizer;
import dev.tokenlab.tiktoken.TiktokenTokenizer;

import java.util.Optional;

/**
 * Finds the explainer and the piece view of a tokenizer. The one place where an algorithm's
 * explainer is chosen: byte-level BPE for the tiktoken-style tokenizers, BPE by piece score and the
 * Unigram lattice for SentencePiece models on the core engine.
 *
 * <pre>{@code
 * Explainers.find(Tokenizers.get("llama3"));             // Optional[byte-level BPE explainer]
 * Explainers.find(Tokenizers.get("llama2"));             // Optional[SentencePiece BPE explainer]
 * Explainers.find(Tokenizers.load(Path.of("test_model.model")));   // Optional[Unigram explainer]
 * Explainers.find(Tokenizers.get("llama3", "jtokkit"));  // Optional.empty(): an adapter, no trace
 * Explainers.pieces(Tokenizers.get("llama3")).kind(128000);   // SPECIAL
 * }</pre>
 *
 * <p>Never returns null; thread-safe.
 */
public final class Explainers {
    /** How many segmentations a Unigram trace lists unless asked otherwise: the best and the next four. */
    public static final int DEFAULT_SEGMENTATIONS = 5;

    private Explainers() {
    }

    /**
     * The explainer of {@code tokenizer}, or empty when its algorithm has none (adapters' tokenizers).
     * A Unigram trace lists {@value #DEFAULT_SEGMENTATIONS} segmentations.
     */
    public static Optional<Explainer> find(Tokenizer tokenizer) {
        return find(tokenizer, DEFAULT_SEGMENTATIONS);
    }

    /**
     * The explainer of {@code tokenizer}, or empty when its algorithm has none.
     *
     * <pre>{@code
     * UnigramTrace t = (UnigramTrace) Explainers.find(testModel, 3).orElseThrow().explain("unhappiness");
     * t.alternatives().size();   // 2: the best segmentation and the next two
     * }</pre>
     *
     * @param segmentations how many segmentations a Unigram trace lists, the best included (at least
     *                      1); BPE traces have one path and ignore it
     * @throws IllegalArgumentException if {@code segmentations < 1}
     */
    public static Optional<Explainer> find(Tokenizer tokenizer, int segmentations) {
        if (segmentations < 1) {
            throw new IllegalArgumentException("a trace lists at least one segmentation, not " + segmentations);
        }
        if (tokenizer instanceof TiktokenTokenizer tiktoken) {
            return Optional.of(new ByteLevelBpeExplainer(tiktoken));
        }
        if (tokenizer instanceof SentencePieceTokenizer sp) {
            return Optional.of(sp.model().trainer().modelType() == ModelType.BPE ? new SentencePieceBpeExplainer(sp)
                    : new UnigramExplainer(sp, segmentations));
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
        if (tokenizer instanceof SentencePieceTokenizer sp) {
            SentencePieceModel model = sp.model();
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
