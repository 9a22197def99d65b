package dev.tokenlab.spi;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerException;
import dev.tokenlab.TokenizerInfo;
import dev.tokenlab.TokenizerNotFoundException;
import dev.tokenlab.TokenizerOptions;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An engine: something that runs tokenizers, found through {@link java.util.ServiceLoader}. Core's own
 * engine ({@code core}) is one; the {@code tokenlab-jtokkit} and {@code tokenlab-sentencepiece} adapters
 * are others, so the CLI and the benchmarks can run the same text through a reference library without
 * core depending on it. {@link dev.tokenlab.Tokenizers} picks the engine that
 * {@link TokenizerOptions#engine()} names.
 *
 * <p>Register an implementation in {@code META-INF/services/dev.tokenlab.spi.TokenizerProvider} (class
 * path) and with {@code provides dev.tokenlab.spi.TokenizerProvider with …} (module path).
 *
 * <pre>{@code
 * public final class MyEngine implements TokenizerProvider {
 *     public String engine() { return "mine"; }
 *     public String description() { return "my library 1.2"; }
 *     public List<String> names() { return List.of("llama3"); }
 *     public Tokenizer open(String name, TokenizerOptions options) { … }
 * }
 * Tokenizers.get("llama3", TokenizerOptions.defaults().engine("mine"));
 * }</pre>
 */
public interface TokenizerProvider {

    /** The engine's name, as {@code --engine} and {@link TokenizerOptions#engine(String)} take it. */
    String engine();

    /** One line for people: what library this runs, and which version. */
    String description();

    /** The tokenizer names {@link #open} accepts (core's names, such as {@code llama3}). */
    List<String> names();

    /**
     * The tokenizers this engine offers, described without building them. By default one line per
     * {@link #names()} entry, with no details.
     */
    default List<TokenizerInfo> models() {
        return names().stream().map(n -> new TokenizerInfo(n, "", -1, description(), true)).toList();
    }

    /**
     * Opens a tokenizer by core's name for it. An engine honours {@link TokenizerOptions#specialTokens()}
     * (through {@link Tokenizer#defaultSpecialTokens()}) and refuses options it does not
     * have, such as {@link TokenizerOptions#metaSplit()}.
     *
     * @throws TokenizerNotFoundException if this engine does not have it
     * @throws TokenizerException if the engine cannot start (a native library that does not load …)
     *                            or does not support an option
     */
    Tokenizer open(String name, TokenizerOptions options);

    /**
     * Opens a model file, if this engine reads its format.
     *
     * @return empty when the engine does not read this format
     */
    default Optional<Tokenizer> load(Path modelFile, TokenizerOptions options) {
        return Optional.empty();
    }
}
