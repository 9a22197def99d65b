package dev.tokenlab.server;

import dev.tokenlab.ModelProfile;
import dev.tokenlab.ModelProfiles;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.Tokenizers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models requests name, each loaded once and shared by every request (tokenizers are thread-safe).
 *
 * <p>What a request may name: a tokenizer or profile name core knows ({@code llama3}, {@code gpt-4o} …);
 * any model given at start ({@code serve -m hf:Qwen/Qwen3-8B -m ./tokenizer.model}), by the same string; and
 * a model file inside the {@code --allow-model-files} folder (relative to it, or absolute), checked on its real
 * path, symbolic links resolved, so nothing outside that folder is ever read. Scheme names ({@code hf:},
 * {@code ollama:}) and files not given at start are refused (403): a request must not make the server download
 * or read what its operator did not choose.
 */
final class Models {
    private final Map<String, Tokenizer> loaded = new ConcurrentHashMap<>();
    private final List<String> preloaded;
    private final Path modelFiles;

    Models(List<String> preload, Path modelFiles) {
        this.modelFiles = modelFiles == null ? null : realFolder(modelFiles);
        List<String> names = new ArrayList<>();
        for (String name : preload) {
            String key = key(name);
            for (boolean addSpecial : new boolean[] {false, true}) {
                loaded.computeIfAbsent(cacheKey(key, addSpecial), k -> Tokenizers.open(name, options(addSpecial)));
            }
            names.add(key);
        }
        this.preloaded = List.copyOf(names);
    }

    /** The models loaded at start, by the names given (names lower-cased). */
    List<String> preloaded() {
        return preloaded;
    }

    /**
     * The tokenizer {@code name} names, loaded on first use.
     *
     * @param addSpecial with the model's own special tokens around every text (BOS …)
     * @throws ApiException 403 for a file or scheme a request may not name, 404 for a missing file
     * @throws dev.tokenlab.TokenizerNotFoundException for an unknown name (404 with suggestions)
     */
    Tokenizer open(String name, boolean addSpecial) {
        String key = key(name);
        Tokenizer cached = loaded.get(cacheKey(key, addSpecial));
        if (cached != null) {
            return cached;
        }
        if (preloaded.contains(key)) {
            return loaded.computeIfAbsent(cacheKey(key, addSpecial), k -> Tokenizers.open(name, options(addSpecial)));
        }
        if (looksLikeScheme(key)) {
            throw new ApiException(403, "model \"" + name + "\" is not served: scheme names load only when the server"
                    + " starts with them (tokenlab serve -m " + name + ")");
        }
        if (looksLikeFile(name)) {
            Path file = allowedFile(name);
            return loaded.computeIfAbsent(cacheKey(file.toString(), addSpecial), k -> Tokenizers.load(file, options(addSpecial)));
        }
        return loaded.computeIfAbsent(cacheKey(Tokenizers.canonicalName(key), addSpecial), k -> Tokenizers.get(key, options(addSpecial)));
    }

    /**
     * The context window for {@code name}: its profile's, else what the model's files declare (a GGUF or
     * {@code tokenizer_config.json}), else empty.
     */
    OptionalInt contextWindow(String name, Tokenizer tokenizer) {
        return ModelProfiles.find(key(name)).map(p -> OptionalInt.of(p.contextWindow()))
                .orElseGet(() -> tokenizer.describe().contextLength());
    }

    /** The chat template the profile of {@code name} names ({@code llama3}, {@code llama2}), or null. */
    static String profileChatTemplate(String name) {
        return ModelProfiles.find(key(name)).map(ModelProfile::chatTemplate).filter(t -> !t.equals("none")).orElse(null);
    }

    private Path allowedFile(String name) {
        if (modelFiles == null) {
            throw new ApiException(403, "model files are not served: \"" + name + "\" names a file; start the server with"
                    + " --allow-model-files DIR to let requests name files inside DIR");
        }
        Path asked;
        try {
            asked = modelFiles.resolve(name).normalize();
        } catch (InvalidPathException e) {
            throw ApiException.badRequest("model \"" + name + "\" is not a valid path");
        }
        if (!asked.startsWith(modelFiles)) {
            throw new ApiException(403, "model file \"" + name + "\" is outside the allowed folder");
        }
        Path real;
        try {
            real = asked.toRealPath();
        } catch (IOException e) {
            throw new ApiException(404, "no model file \"" + name + "\" in the allowed folder");
        }
        if (!real.startsWith(modelFiles)) {
            throw new ApiException(403, "model file \"" + name + "\" is outside the allowed folder (a link leads out)");
        }
        return real;
    }

    private static Path realFolder(Path folder) {
        try {
            Path real = folder.toRealPath();
            if (!Files.isDirectory(real)) {
                throw new IllegalArgumentException("--allow-model-files: " + folder + " is not a folder");
            }
            return real;
        } catch (IOException e) {
            throw new IllegalArgumentException("--allow-model-files: no folder " + folder);
        }
    }

    private static TokenizerOptions options(boolean addSpecial) {
        return TokenizerOptions.defaults().addSpecialTokens(addSpecial);
    }

    /** A name as the cache and the profiles see it: trimmed, and lower-cased unless it is a file. */
    private static String key(String name) {
        String trimmed = name.trim();
        return looksLikeFile(trimmed) ? trimmed : trimmed.toLowerCase(Locale.ROOT);
    }

    private static String cacheKey(String key, boolean addSpecial) {
        return (addSpecial ? "+special:" : "plain:") + key;
    }

    /** As the CLI's {@code -m}: a path separator, or a model file's ending. */
    static boolean looksLikeFile(String name) {
        return name.indexOf('/') >= 0 || name.indexOf('\\') >= 0 || name.startsWith(".")
                || name.endsWith(".model") || name.endsWith(".tiktoken") || name.endsWith(".json") || name.endsWith(".gguf");
    }

    private static boolean looksLikeScheme(String key) {
        int colon = key.indexOf(':');
        return colon > 0 && key.substring(0, colon).chars().allMatch(c -> c >= 'a' && c <= 'z');
    }
}
