package dev.tokenlab.explain;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.hf.HfTokenizer;
import dev.tokenlab.hf.models.Bpe;
import dev.tokenlab.hf.models.Unigram;
import dev.tokenlab.hf.models.WordLevel;
import dev.tokenlab.hf.models.WordPiece;
import dev.tokenlab.hf.pipeline.Model;
import dev.tokenlab.sentencepiece.ModelType;
import dev.tokenlab.sentencepiece.SentencePieceModel;
import dev.tokenlab.sentencepiece.SentencePieceTokenizer;
import dev.tokenlab.tiktoken.TiktokenTokenizer;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the explainer and the piece view of a tokenizer. The one place where an algorithm's
 * explainer is chosen: byte-level BPE for the tiktoken-style tokenizers, BPE by piece score and the
 * Unigram lattice for SentencePiece models on the core engine; for Hugging Face {@code tokenizer.json}
 * models, BPE by merge rank, WordPiece's greedy steps and the Unigram lattice word by word (WordLevel
 * models, one lookup per word, have none).
 *
 * <pre>{@code
 * Explainers.find(Tokenizers.get("llama3"));             // Optional[byte-level BPE explainer]
 * Explainers.find(Tokenizers.get("llama2"));             // Optional[SentencePiece BPE explainer]
 * Explainers.find(Tokenizers.load(Path.of("test_model.model")));   // Optional[Unigram explainer]
 * Explainers.find(Tokenizers.load(Path.of("models/hf/mistral")));  // Optional[merge-rank BPE explainer]
 * Explainers.find(Tokenizers.load(Path.of("models/hf/bert")));     // Optional[WordPiece explainer]
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
     * The explainer of {@code tokenizer}, or empty when its algorithm has none (adapters' tokenizers,
     * WordLevel tokenizer.json models). A Unigram trace lists {@value #DEFAULT_SEGMENTATIONS} segmentations.
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
     *                      1); BPE and WordPiece traces have one path and ignore it
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
        if (tokenizer instanceof HfTokenizer hf) {
            if (hf.model() instanceof Bpe bpe) {
                return Optional.of(new HfBpeExplainer(hf, bpe));
            }
            if (hf.model() instanceof WordPiece wordPiece) {
                return Optional.of(new WordPieceExplainer(hf, wordPiece));
            }
            if (hf.model() instanceof Unigram unigram) {
                return Optional.of(new HfUnigramExplainer(hf, unigram, segmentations));
            }
        }
        return Optional.empty();
    }

    /**
     * How {@code tokenizer}'s vocabulary classifies and spells its tokens. SentencePiece: the model's
     * piece types ({@code <0xNN>} byte pieces, {@code <unk>}, control pieces) and spellings
     * ({@code ▁Hello}). Hugging Face {@code tokenizer.json}: the model's unknown token, its
     * {@code <0xNN>} byte-fallback tokens (when it falls back to bytes), the special added tokens, and
     * the vocabulary's spellings ({@code ▁Hello}, {@code ##ing}; an added token's content), except for
     * byte-level models, whose tokens stand for bytes. Byte-level BPE and any tokenizer this class does
     * not know: special ids are {@link PieceKind#SPECIAL}, every other id {@link PieceKind#ORDINARY},
     * with no spelling of its own (show the bytes).
     *
     * <pre>{@code
     * PieceView bert = Explainers.pieces(Tokenizers.load(Path.of("bert")));
     * bert.kind(100);            // UNKNOWN ([UNK], though it is a special added token too)
     * bert.kind(101);            // SPECIAL ([CLS])
     * bert.spelling(2075);       // Optional[##ing]
     * Explainers.pieces(mistral).kind(243);   // BYTE_FALLBACK (<0xF0>)
     * }</pre>
     */
    public static PieceView pieces(Tokenizer tokenizer) {
        if (tokenizer instanceof HfTokenizer hf) {
            return hfPieces(hf);
        }
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

    /** The unknown token first (BERT's [UNK] and Mistral's <unk> are special added tokens too), then byte fallback, then special. */
    private static PieceView hfPieces(HfTokenizer hf) {
        Model model = hf.model();
        int unk = model instanceof Bpe b ? b.unkId() : model instanceof WordPiece w ? w.unkId()
                : model instanceof Unigram u ? u.unkId() : model instanceof WordLevel l ? l.unkId() : -1;
        Set<Integer> byteFallback = new HashSet<>();
        for (int b = 0; b < 256; b++) {
            int id = model instanceof Bpe bpe ? bpe.byteFallbackId(b) : model instanceof Unigram u ? u.byteFallbackId(b) : -1;
            if (id >= 0) {
                byteFallback.add(id);
            }
        }
        return new PieceView() {
            @Override
            public PieceKind kind(int id) {
                if (id == unk) {
                    return PieceKind.UNKNOWN;
                }
                if (byteFallback.contains(id)) {
                    return PieceKind.BYTE_FALLBACK;
                }
                return hf.isSpecial(id) ? PieceKind.SPECIAL : PieceKind.ORDINARY;
            }

            @Override
            public Optional<String> spelling(int id) {
                return hf.piece(id);
            }
        };
    }
}
