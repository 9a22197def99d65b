package dev.tokenlab.hf.pipeline;

/**
 * The {@code post_processor} of a {@code tokenizer.json}, for one sequence: the ids it puts before and
 * after the encoded text when special tokens are asked for ({@code <|begin_of_text|>}, {@code [CLS] …
 * [SEP]}), and whether it trims the offsets of byte-level tokens. Immutable.
 *
 * @param prefix      ids before the text
 * @param suffix      ids after the text
 * @param trimOffsets whether token offsets lose leading and trailing whitespace (ByteLevel and
 *                    RoBERTa processors with {@code trim_offsets})
 * @param keepFirstSpace with {@code trimOffsets}: a first token with exactly one leading space keeps it
 *                    ({@code add_prefix_space})
 */
public record PostProcessor(int[] prefix, int[] suffix, boolean trimOffsets, boolean keepFirstSpace) {
    /** Adds nothing, trims nothing. */
    public static final PostProcessor NONE = new PostProcessor(new int[0], new int[0], false, false);

    /** The number of ids added around a text. */
    public int added() {
        return prefix.length + suffix.length;
    }
}
