package dev.tokenlab;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A tokenizer engine other than core's own, found through {@link java.util.ServiceLoader}: the
 * {@code tokenlab-jtokkit} and {@code tokenlab-sentencepiece} adapters implement it, so the CLI and
 * the benchmarks can run the same text through a reference library without core depending on it.
 *
 * <p>Register an implementation in {@code META-INF/services/dev.tokenlab.TokenizerProvider}.
 */
public interface TokenizerProvider {

    /** The engine's name, as {@code --engine} takes it: {@code jtokkit}, {@code sentencepiece}. */
    String engine();

    /** One line for people: what library this runs, and which version. */
    String description();

    /** The tokenizer names {@link #open(String)} accepts (core's names, such as {@code llama3}). */
    List<String> names();

    /**
     * Opens a tokenizer by core's name for it.
     *
     * @throws TokenizerNotFoundException if this engine does not have it
     * @throws TokenizerException if the engine cannot start (a native library that does not load …)
     */
    Tokenizer open(String name);

    /**
     * Opens a model file, if this engine reads its format.
     *
     * @return empty when the engine does not read this format
     */
    default Optional<Tokenizer> load(Path modelFile) {
        return Optional.empty();
    }
}
