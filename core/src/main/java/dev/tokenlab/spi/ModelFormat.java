package dev.tokenlab.spi;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerFormatException;
import dev.tokenlab.TokenizerOptions;

/**
 * A model file format core's engine can read: tiktoken rank files and SentencePiece {@code .model}
 * files today; Hugging Face {@code tokenizer.json} and GGUF plug in the same way. Found through
 * {@link java.util.ServiceLoader}; {@link dev.tokenlab.Tokenizers#load(java.nio.file.Path)} asks every
 * registered format whether it {@link #recognizes} the file and loads it with the one that does, so a
 * new format needs no change to the dispatch.
 *
 * <p>Register an implementation in {@code META-INF/services/dev.tokenlab.spi.ModelFormat} (class path)
 * and with {@code provides dev.tokenlab.spi.ModelFormat with …} (module path).
 *
 * <pre>{@code
 * public final class MyFormat implements ModelFormat {
 *     public String name() { return "my format"; }
 *     public boolean recognizes(ModelSource source) { return startsWith(source.head(), MAGIC); }
 *     public Tokenizer load(ModelSource source, TokenizerOptions options) { … source.readAll() … }
 * }
 * }</pre>
 */
public interface ModelFormat {

    /** What people call this format, for messages: {@code tiktoken rank file}, {@code SentencePiece model}. */
    String name();

    /**
     * Whether this is a model of this format, judged by its first bytes ({@link ModelSource#head()})
     * or, for a directory, by the files inside; never by the file name alone. Must be cheap and must
     * not throw for a file of another format.
     */
    boolean recognizes(ModelSource source);

    /**
     * Reads the model. Called only for a source {@link #recognizes} accepted.
     *
     * @throws TokenizerFormatException if the model is corrupt or uses something this format's reader
     *                                  does not support, in one line that says what and where
     */
    Tokenizer load(ModelSource source, TokenizerOptions options);
}
