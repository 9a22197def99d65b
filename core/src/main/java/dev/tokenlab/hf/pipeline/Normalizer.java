package dev.tokenlab.hf.pipeline;

/**
 * A {@code normalizer} of a {@code tokenizer.json}: rewrites a piece of input (NFC, lowercase, replace
 * spaces by {@code ▁} …) keeping each code point's origin. Runs on each stretch of text between added
 * tokens on its own. Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface Normalizer {
    /** The normalized text; {@code text} itself when nothing changes. */
    NormalizedString normalize(NormalizedString text);
}
