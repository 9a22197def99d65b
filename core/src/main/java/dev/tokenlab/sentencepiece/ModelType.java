package dev.tokenlab.sentencepiece;

/**
 * The segmentation algorithm of a SentencePiece model ({@code TrainerSpec.ModelType}). Tokenlab
 * encodes the two that language models use.
 *
 * <pre>{@code
 * llama2.model().trainer().modelType();      // BPE
 * testModel.model().trainer().modelType();   // UNIGRAM
 * }</pre>
 */
public enum ModelType {
    /** Unigram language model: the segmentation with the highest total piece score (Viterbi). */
    UNIGRAM(1),
    /** Byte-pair encoding: merge adjacent symbols in order of the merged piece's score. */
    BPE(2),
    /** Whitespace-delimited words (not supported by Tokenlab). */
    WORD(3),
    /** One piece per character (not supported by Tokenlab). */
    CHAR(4);

    private final int wireValue;

    ModelType(int wireValue) {
        this.wireValue = wireValue;
    }

    /** The enum number in {@code sentencepiece_model.proto}. */
    public int wireValue() {
        return wireValue;
    }

    static ModelType fromWire(long value) {
        for (ModelType t : values()) {
            if (t.wireValue == value) {
                return t;
            }
        }
        return null;
    }
}
