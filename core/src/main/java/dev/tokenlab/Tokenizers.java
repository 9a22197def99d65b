package dev.tokenlab;

import dev.tokenlab.vocab.ModelFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The entry point: tokenizers by name or from a model file, on core's engine or on an adapter's.
 *
 * <pre>{@code
 * Tokenizer llama3 = Tokenizers.get("llama3");        // also "llama3.1", "llama3.2", "llama3.3"
 * Tokenizer gpt4o = Tokenizers.get("gpt-4o");         // a model profile: o200k_base
 * Tokenizer file = Tokenizers.load(Path.of("tokenizer.model"));   // format detected from the bytes
 * Tokenizer ref = Tokenizers.get("llama3", "jtokkit");            // the same vocabulary on JTokkit
 * }</pre>
 *
 * <p>Tokenizers are built once and cached; every method is thread-safe and never returns null.
 */
public final class Tokenizers {
    /** The name of core's own engine. */
    public static final String CORE = "core";

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
        String canonical = canonicalName(name);
        return CACHE.computeIfAbsent(canonical, n -> CoreModels.find(n).orElseThrow().factory().get());
    }

    /**
     * A tokenizer on a given engine: {@code core}, or an adapter's ({@code jtokkit}, {@code sentencepiece}).
     *
     * @throws TokenizerNotFoundException if the engine or the name is unknown
     */
    public static Tokenizer get(String name, String engine) {
        if (CORE.equalsIgnoreCase(engine)) {
            return get(name);
        }
        String canonical = canonicalName(name);
        TokenizerProvider provider = provider(engine);
        return CACHE.computeIfAbsent(provider.engine() + ":" + canonical, k -> provider.open(canonical));
    }

    /**
     * Core's tokenizer for a model file; the format is detected from the bytes, not the name.
     *
     * @throws TokenizerFormatException if the file is missing, unreadable, or of no known format
     */
    public static Tokenizer load(Path modelFile) {
        return ModelFiles.load(modelFile);
    }

    /**
     * A tokenizer for a model file on a given engine.
     *
     * @throws TokenizerException if the engine cannot read the file's format
     */
    public static Tokenizer load(Path modelFile, String engine) {
        if (CORE.equalsIgnoreCase(engine)) {
            return load(modelFile);
        }
        TokenizerProvider provider = provider(engine);
        return provider.load(modelFile).orElseThrow(() -> new TokenizerException(
                "engine " + provider.engine() + " cannot read " + modelFile));
    }

    /** The canonical tokenizer name for a tokenizer or profile name, for example {@code llama3.1 → llama3}. */
    public static String canonicalName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (CoreModels.find(n).isPresent()) {
            return n;
        }
        Optional<ModelProfile> profile = ModelProfiles.find(n);
        if (profile.isPresent() && CoreModels.find(profile.get().tokenizer()).isPresent()) {
            return profile.get().tokenizer();
        }
        throw new TokenizerNotFoundException("model", name, Names.closest(n, knownNames()));
    }

    /** Every tokenizer and profile name {@link #get(String)} accepts. */
    public static List<String> knownNames() {
        List<String> names = new ArrayList<>();
        CoreModels.all().forEach(e -> names.add(e.info().name()));
        ModelProfiles.all().forEach(p -> names.add(p.name()));
        return names;
    }

    /** Core's tokenizers, whether or not they can be built here. */
    public static List<TokenizerInfo> available() {
        List<TokenizerInfo> infos = new ArrayList<>();
        for (CoreModels.Entry e : CoreModels.all()) {
            TokenizerInfo i = e.info();
            infos.add(new TokenizerInfo(i.name(), i.family(), i.vocabularySize(), i.source(), e.available().getAsBoolean()));
        }
        return infos;
    }

    /** The engines on the class path besides core, by name. */
    public static List<TokenizerProvider> providers() {
        List<TokenizerProvider> providers = new ArrayList<>();
        ServiceLoader.load(TokenizerProvider.class).forEach(providers::add);
        return providers;
    }

    private static TokenizerProvider provider(String engine) {
        List<TokenizerProvider> providers = providers();
        return providers.stream().filter(p -> p.engine().equalsIgnoreCase(engine)).findFirst()
                .orElseThrow(() -> {
                    List<String> engines = new ArrayList<>(List.of(CORE));
                    providers.forEach(p -> engines.add(p.engine()));
                    return new TokenizerNotFoundException("engine", engine, Names.closest(engine, engines).isEmpty()
                            ? engines : Names.closest(engine, engines));
                });
    }
}
