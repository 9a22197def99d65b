package dev.tokenlab.hf.pipeline;

import java.util.function.Consumer;

/**
 * A {@code pre_tokenizer} of a {@code tokenizer.json}: splits a normalized piece into the pieces the
 * model sees one at a time (words, digit runs …), possibly rewriting them (Metaspace's {@code ▁}).
 * Empty pieces may be passed on; the pipeline drops them, as the Rust library does at every step.
 * Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface PreTokenizer {
    /** Passes the pieces of {@code piece}, in order, to {@code out}. */
    void split(NormalizedString piece, Consumer<NormalizedString> out);
}
