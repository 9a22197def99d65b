package dev.tokenlab.cli.options;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerException;
import dev.tokenlab.TokenizerNotFoundException;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.spi.TokenizerProvider;
import picocli.CommandLine.Option;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * {@code -m/--model} and {@code --engine}: which tokenizer, on which engine. Shared by every command
 * that turns text into ids or back.
 *
 * <p>A model is a registered name ({@code llama3}, {@code llama3.1}, {@code cl100k_base},
 * {@code gpt-4o} …, case-insensitive) or a model file. A value is taken as a file when it names an
 * existing file, contains a path separator, or ends in {@code .model} or {@code .tiktoken}.
 */
public final class ModelOptions {

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL", defaultValue = "llama3",
            description = {"A model or tokenizer name (llama3, llama3.1, cl100k_base, gpt-4o …; see 'tokenlab models')"
                    + " or a model file. Default: ${DEFAULT-VALUE}."})
    String model;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = Tokenizers.CORE,
            completionCandidates = EngineNames.class,
            description = "The engine that runs the tokenizer: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    String engine;

    /**
     * The tokenizer these options name.
     *
     * @throws TokenizerNotFoundException if no model or engine has that name (exit 4)
     * @throws TokenizerException if a model file cannot be read (exit 1)
     */
    public Tokenizer open() {
        return open(options());
    }

    /**
     * The tokenizer these options name, built with {@code options} (which name the engine: start from
     * {@link #options()}).
     *
     * @throws TokenizerNotFoundException if no model or engine has that name (exit 4)
     * @throws TokenizerException if a model file cannot be read, or the engine lacks an option (exit 1)
     */
    public Tokenizer open(TokenizerOptions options) {
        return Tokenizers.open(model, options);
    }

    /** The library options for the engine chosen. */
    public TokenizerOptions options() {
        return TokenizerOptions.defaults().engine(engine);
    }

    /** The engine name as given, lower-cased: {@code core}, {@code jtokkit} … */
    public String engine() {
        return engine.trim().toLowerCase(Locale.ROOT);
    }

    /** The model as given: a name (trimmed, lower-cased) or a file path (as typed). */
    public String model() {
        return asFile(model) != null ? model : model.trim().toLowerCase(Locale.ROOT);
    }

    /** {@code value} as a model file path, or null when it is a name. */
    public static Path asFile(String value) {
        boolean pathLike = value.indexOf('/') >= 0 || value.indexOf(File.separatorChar) >= 0
                || value.endsWith(".model") || value.endsWith(".tiktoken");
        try {
            Path p = Path.of(value);
            return pathLike || Files.isRegularFile(p) ? p : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** The engines for help and completion: core, then each adapter on the class path. */
    public static final class EngineNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> names = new ArrayList<>(List.of(Tokenizers.CORE));
            for (TokenizerProvider p : Tokenizers.providers()) {
                names.add(p.engine());
            }
            return names.iterator();
        }
    }
}
