package dev.tokenlab.sentencepiece;

/**
 * The fields of a model's {@code TrainerSpec} that Tokenlab reads. Only {@code modelType},
 * {@code byteFallback}, {@code treatWhitespaceAsSuffix}, the special pieces and {@code unkSurface}
 * change how text is encoded or decoded; {@code splitDigits}, {@code splitByWhitespace} and
 * {@code allowWhitespaceOnlyPieces} shaped the vocabulary during training and the C++ encoder does
 * not consult them (neither does Tokenlab), but they are kept so tools can show them.
 *
 * <pre>{@code
 * // Meta's Llama 2 tokenizer.model (the bundled llama2 keeps only the fields that change encoding,
 * // so its training-only flags read as the defaults)
 * TrainerSpec[modelType=BPE, byteFallback=true, splitDigits=true, splitByWhitespace=true,
 *             treatWhitespaceAsSuffix=false, allowWhitespaceOnlyPieces=true, unkId=0, bosId=1, eosId=2,
 *             padId=-1, unkPiece=<unk>, bosPiece=<s>, eosPiece=</s>, padPiece=<pad>, unkSurface= ⁇ ]
 * }</pre>
 *
 * @param modelType                 segmentation algorithm (default {@link ModelType#UNIGRAM})
 * @param byteFallback              unknown characters become their UTF-8 bytes as {@code <0xNN>} pieces
 * @param splitDigits               training-time: digits were split into single pieces
 * @param splitByWhitespace         training-time: pieces did not cross whitespace
 * @param treatWhitespaceAsSuffix   the dummy whitespace goes at the end instead of the start
 * @param allowWhitespaceOnlyPieces training-time: pieces made only of whitespace were allowed
 * @param unkId                     declared id of the unknown piece (default 0)
 * @param bosId                     declared id of the beginning-of-sentence piece (default 1, -1 for none)
 * @param eosId                     declared id of the end-of-sentence piece (default 2, -1 for none)
 * @param padId                     declared id of the padding piece (default -1, none)
 * @param unkPiece                  text of the unknown piece (default {@code <unk>})
 * @param bosPiece                  text of the beginning-of-sentence piece (default {@code <s>})
 * @param eosPiece                  text of the end-of-sentence piece (default {@code </s>})
 * @param padPiece                  text of the padding piece (default {@code <pad>})
 * @param unkSurface                what decoding prints for the unknown id (default {@code " ⁇ "})
 */
public record TrainerSpec(ModelType modelType, boolean byteFallback, boolean splitDigits, boolean splitByWhitespace,
                          boolean treatWhitespaceAsSuffix, boolean allowWhitespaceOnlyPieces,
                          int unkId, int bosId, int eosId, int padId,
                          String unkPiece, String bosPiece, String eosPiece, String padPiece, String unkSurface) {

    /** The protobuf defaults: what a model file that sets no trainer field means. */
    public static TrainerSpec defaults() {
        return new TrainerSpec(ModelType.UNIGRAM, false, false, true, false, false, 0, 1, 2, -1,
                "<unk>", "<s>", "</s>", "<pad>", " \u2047 ");
    }
}
