package dev.tokenlab;

import dev.tokenlab.spi.ModelFormat;
import dev.tokenlab.spi.ModelScheme;
import dev.tokenlab.spi.ModelSource;
import dev.tokenlab.spi.TokenizerProvider;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The entry point: tokenizers by name, from a model file, or from a scheme name such as
 * {@code hf:Qwen/Qwen3-8B}, on core's engine or on an adapter's.
 *
 * <pre>{@code
 * Tokenizer llama3 = Tokenizers.get("llama3");        // also "llama3.1", "llama3.2", "llama3.3"
 * Tokenizer gpt4o = Tokenizers.get("gpt-4o");         // a model profile: o200k_base
 * Tokenizer file = Tokenizers.load(Path.of("tokenizer.model"));   // format told by the bytes
 * Tokenizer any = Tokenizers.open("models/tokenizer.model");      // a name, a path or SCHEME:NAME
 * Tokenizer meta = Tokenizers.get("llama3", TokenizerOptions.defaults().metaSplit(true));
 * Tokenizer ref = Tokenizers.get("llama3", TokenizerOptions.defaults().engine("jtokkit"));
 * }</pre>
 *
 * <p>Named tokenizers are built once and shared; every method is thread-safe and never returns null.
 * Engines, model formats and schemes are found through {@link java.util.ServiceLoader}
 * ({@link TokenizerProvider}, {@link ModelFormat}, {@link ModelScheme}).
 */
public final class Tokenizers {
    /** The name of core's own engine. */
    public static final String CORE = TokenizerOptions.CORE_ENGINE;

    private static final Map<String, Tokenizer> CACHE = new ConcurrentHashMap<>();

    private Tokenizers() {
    }

    /**
     * Core's tokenizer for a tokenizer name ({@code llama3}, {@code cl100k_base} …) or a model profile
     * name ({@code llama3.1}, {@code gpt-4o} …), case-insensitive.
     *
     * @throws TokenizerNotFoundException with the closest names if nothing has that name
     */
    public static Tokenizer get(String name) {
        return get(name, TokenizerOptions.defaults());
    }

    /**
     * A tokenizer by name, built with {@code options}: on the engine they name, with their special-token
     * policy and long-run split.
     *
     * @throws TokenizerNotFoundException if the engine or the name is unknown
     * @throws TokenizerException if the engine cannot start or does not support an option
     */
    public static Tokenizer get(String name, TokenizerOptions options) {
        Objects.requireNonNull(options, "options");
        String canonical = canonicalName(name);
        TokenizerProvider engine = engine(options.engine());
        return CACHE.computeIfAbsent(engine.engine() + ":" + canonical + ":" + options, k -> engine.open(canonical, options));
    }

    /**
     * Core's tokenizer for a model file or folder; the format is told by the bytes (and for a folder by
     * the files inside), never by the name.
     *
     * @throws TokenizerFormatException if the file is missing, unreadable, corrupt, or of no known format
     */
    public static Tokenizer load(Path model) {
        return load(model, TokenizerOptions.defaults());
    }

    /**
     * A tokenizer for a model file or folder, built with {@code options}.
     *
     * @throws TokenizerException if the engine cannot read the file's format, or the file is bad
     */
    public static Tokenizer load(Path model, TokenizerOptions options) {
        return load(ModelSource.of(model), options);
    }

    /**
     * A tokenizer for whatever {@code model} names: {@code SCHEME:NAME} for a registered scheme
     * ({@link #schemes()}), a path (it contains a path separator,
     * ends like a model file ({@code .model}, {@code .tiktoken}, {@code .json}, {@code .gguf}), or names an
     * existing file or folder), or else a tokenizer or profile name as {@link #get(String)} takes it.
     *
     * <pre>{@code
     * Tokenizers.open("llama3.1");                      // a name
     * Tokenizers.open("../shared/models/llama2/tokenizer.model");   // a file
     * Tokenizers.open("hf:Qwen/Qwen3-8B");              // a scheme, once one is registered
     * }</pre>
     *
     * @throws TokenizerNotFoundException if nothing has that name, or the scheme is unknown
     * @throws TokenizerException if the model's files cannot be read
     */
    public static Tokenizer open(String model) {
        return open(model, TokenizerOptions.defaults());
    }

    /** {@link #open(String)} with {@code options}. */
    public static Tokenizer open(String model, TokenizerOptions options) {
        String value = model.trim();
        Optional<ModelScheme> scheme = schemeOf(value);
        if (scheme.isPresent()) {
            String rest = value.substring(value.indexOf(':') + 1);
            return load(scheme.get().resolve(rest), options);
        }
        Path path = asPath(value);
        if (path != null) {
            return load(path, options);
        }
        if (looksLikeScheme(value)) {
            String prefix = value.substring(0, value.indexOf(':'));
            throw new TokenizerNotFoundException("scheme", prefix + ":",
                    schemes().stream().map(s -> s.scheme() + ":").toList());
        }
        return get(value, options);
    }

    /**
     * The name of the format core's engine reads {@code model} as ({@code tiktoken rank file},
     * {@code SentencePiece model} …), without loading it.
     *
     * @throws TokenizerFormatException if no format, or more than one, recognises it
     */
    public static String formatOf(Path model) {
        return format(ModelSource.of(model)).name();
    }

    /** The canonical tokenizer name for a tokenizer or profile name, for example {@code llama3.1 → llama3}. */
    public static String canonicalName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        List<String> names = coreEngine().names();
        if (names.contains(n)) {
            return n;
        }
        Optional<ModelProfile> profile = ModelProfiles.find(n);
        if (profile.isPresent() && names.contains(profile.get().tokenizer())) {
            return profile.get().tokenizer();
        }
        throw new TokenizerNotFoundException("model", name, Names.closest(n, knownNames()));
    }

    /** Every tokenizer and profile name {@link #get(String)} accepts. */
    public static List<String> knownNames() {
        List<String> names = new ArrayList<>(coreEngine().names());
        ModelProfiles.all().forEach(p -> names.add(p.name()));
        return names;
    }

    /** Core's named tokenizers, whether or not they can be built here. */
    public static List<TokenizerInfo> available() {
        return coreEngine().models();
    }

    /** The engines on the class path besides core, by name. */
    public static List<TokenizerProvider> providers() {
        return Registry.engines().stream().filter(p -> !CORE.equals(p.engine())).toList();
    }

    /** The registered name schemes ({@code hf:} …). */
    public static List<ModelScheme> schemes() {
        return Registry.schemes();
    }

    private static Tokenizer load(ModelSource source, TokenizerOptions options) {
        Objects.requireNonNull(options, "options");
        if (options.isCoreEngine()) {
            return format(source).load(source, options);
        }
        TokenizerProvider engine = engine(options.engine());
        return engine.load(source.path(), options).orElseThrow(() -> new TokenizerException(
                "engine " + engine.engine() + " cannot read " + source.location()));
    }

    private static ModelFormat format(ModelSource source) {
        List<ModelFormat> formats = Registry.formats();
        List<ModelFormat> matching = formats.stream().filter(f -> f.recognizes(source)).toList();
        if (matching.size() == 1) {
            return matching.get(0);
        }
        if (matching.size() > 1) {
            throw new TokenizerFormatException(source.location(), "is ambiguous: it looks like "
                    + matching.stream().map(ModelFormat::name).collect(Collectors.joining(" and ")));
        }
        if (!Files.exists(source.path())) {
            throw new TokenizerFormatException(source.location(), "no such file");
        }
        if (!Files.isDirectory(source.path()) && !Files.isReadable(source.path())) {
            throw new TokenizerFormatException(source.location(), "permission denied");
        }
        String kinds = formats.stream().map(ModelFormat::name).collect(Collectors.joining(", "));
        throw new TokenizerFormatException(source.location(), (source.isDirectory() ? "a folder with no model Tokenlab reads"
                : "not a model file Tokenlab reads") + " (it reads: " + kinds + ")");
    }

    private static TokenizerProvider coreEngine() {
        return engine(CORE);
    }

    private static TokenizerProvider engine(String name) {
        List<TokenizerProvider> engines = Registry.engines();
        return engines.stream().filter(p -> p.engine().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> {
                    if (CORE.equalsIgnoreCase(name)) {
                        return new TokenizerException("core's engine is not registered: its META-INF/services entries"
                                + " were lost (a shaded jar must merge service files)");
                    }
                    List<String> names = engines.stream().map(TokenizerProvider::engine).toList();
                    List<String> close = Names.closest(name, names);
                    return new TokenizerNotFoundException("engine", name, close.isEmpty() ? names : close);
                });
    }

    private static Optional<ModelScheme> schemeOf(String value) {
        int colon = value.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String prefix = value.substring(0, colon).toLowerCase(Locale.ROOT);
        return schemes().stream().filter(s -> s.scheme().equals(prefix)).findFirst();
    }

    /** {@code SCHEME:…} with a scheme of two or more letters (one letter is a Windows drive). */
    private static boolean looksLikeScheme(String value) {
        return value.matches("[A-Za-z][A-Za-z0-9+.-]+:.*");
    }

    /**
     * {@code value} as a path when it has a path separator, ends like a model file ({@code .model},
     * {@code .tiktoken}, {@code .json}, {@code .gguf}) or names an existing file or folder; else null.
     */
    private static Path asPath(String value) {
        try {
            Path p = Path.of(value);
            String lower = value.toLowerCase(Locale.ROOT);
            boolean pathLike = value.indexOf('/') >= 0 || value.indexOf(File.separatorChar) >= 0
                    || lower.endsWith(".model") || lower.endsWith(".tiktoken") || lower.endsWith(".json") || lower.endsWith(".gguf");
            return pathLike || Files.exists(p) ? p : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
