package dev.tokenlab.hf;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.spi.ModelFormat;
import dev.tokenlab.spi.ModelSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Hugging Face {@code tokenizer.json} files, and folders holding one (with its
 * {@code tokenizer_config.json} when there is one, beside the file too). A file is recognised by its
 * first bytes: a JSON object with one of the top-level keys of a {@code tokenizer.json}.
 */
public final class TokenizerJsonFormat implements ModelFormat {
    static final String FILE = "tokenizer.json";
    static final String CONFIG = "tokenizer_config.json";
    private static final Pattern KEY = Pattern.compile(
            "\"(version|truncation|padding|added_tokens|normalizer|pre_tokenizer|post_processor|decoder|model)\"\\s*:");

    @Override
    public String name() {
        return "Hugging Face tokenizer.json";
    }

    @Override
    public boolean recognizes(ModelSource source) {
        if (source.isDirectory()) {
            return source.file(FILE).isPresent();
        }
        String head = new String(source.head(), StandardCharsets.UTF_8);
        String trimmed = head.stripLeading();
        return trimmed.startsWith("{") && KEY.matcher(head).find();
    }

    @Override
    public Tokenizer load(ModelSource source, TokenizerOptions options) {
        Path file = source.isDirectory() ? source.file(FILE).orElseThrow() : source.path();
        String location = source.isDirectory() ? source.location() + "/" + FILE : source.location();
        byte[] json = ModelSource.readAll(file, location);
        Path config = file.resolveSibling(CONFIG);
        byte[] configJson = null;
        String configLocation = null;
        if (Files.isRegularFile(config) && !config.equals(file)) {
            configLocation = source.isDirectory() ? source.location() + "/" + CONFIG : config.toString();
            configJson = ModelSource.readAll(config, configLocation);
        }
        return TokenizerJson.read(name(source, file), json, location, configJson, configLocation, options);
    }

    /** A folder's name, or for a file called tokenizer.json the name of its folder; a scheme's name as given. */
    private static String name(ModelSource source, Path file) {
        if (source.name().contains(":") || source.isDirectory()) {
            return source.name();
        }
        Path parent = file.toAbsolutePath().getParent();
        return FILE.equals(String.valueOf(file.getFileName())) && parent != null && parent.getFileName() != null
                ? parent.getFileName().toString() : source.name();
    }

    /** The files this format reads from a folder. */
    static List<String> files() {
        return List.of(FILE, CONFIG);
    }
}
