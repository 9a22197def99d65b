package dev.tokenlab.hf.pipeline;

import java.util.List;

/**
 * A {@code decoder} of a {@code tokenizer.json}: turns the tokens' spellings back into text, as the
 * Rust library's {@code decode_chain} does — a list of strings in, a list of strings out, concatenated
 * at the end. Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface Decoder {
    /** The decoded tokens. */
    List<String> decode(List<String> tokens);
}
