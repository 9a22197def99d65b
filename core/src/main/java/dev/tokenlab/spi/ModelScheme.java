package dev.tokenlab.spi;

import dev.tokenlab.TokenizerException;
import dev.tokenlab.TokenizerNotFoundException;

import java.util.List;

/**
 * A name scheme such as {@code hf:} or {@code ollama:}: turns a name ({@code Qwen/Qwen3-8B}) into model
 * files on this machine, which a {@link ModelFormat} then reads. Found through
 * {@link java.util.ServiceLoader}; {@link dev.tokenlab.Tokenizers#open(String)} sends
 * {@code SCHEME:NAME} to the scheme registered under {@code SCHEME}.
 *
 * <p>Register an implementation in {@code META-INF/services/dev.tokenlab.spi.ModelScheme} (class path)
 * and with {@code provides dev.tokenlab.spi.ModelScheme with …} (module path).
 */
public interface ModelScheme {

    /** The scheme, lower-case, without the colon: {@code hf}. */
    String scheme();

    /** One line for people: where names of this scheme are looked up. */
    String description();

    /**
     * The model files {@code name} stands for (a file, or a directory of files), named
     * {@code scheme:name} in messages.
     *
     * @throws TokenizerNotFoundException if nothing has that name
     * @throws TokenizerException if the files cannot be found or fetched, in one line that says why
     */
    ModelSource resolve(String name);

    /**
     * One model this scheme can resolve without the network.
     *
     * @param name  the name as {@link #resolve} takes it (without {@code SCHEME:})
     * @param bytes the size of its model files on disk, or -1 when unknown
     */
    record Local(String name, long bytes) {
    }

    /** The models this scheme can resolve without the network (Ollama's pulled models …); none by default. */
    default List<Local> local() {
        return List.of();
    }
}
