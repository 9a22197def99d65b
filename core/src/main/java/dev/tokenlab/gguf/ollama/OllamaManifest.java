package dev.tokenlab.gguf.ollama;

import dev.tokenlab.TokenizerFormatException;
import dev.tokenlab.json.JsonArray;
import dev.tokenlab.json.JsonObject;
import dev.tokenlab.json.JsonReader;
import dev.tokenlab.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An Ollama manifest ({@code manifests/HOST/NAMESPACE/MODEL/TAG}): a Docker/OCI image manifest whose layers are the
 * model's parts, each a blob named by its SHA-256 — {@code application/vnd.ollama.image.model} the GGUF file,
 * {@code application/vnd.ollama.image.params} the default parameters ({@code num_ctx}, {@code stop} …),
 * {@code …template}, {@code …system}, {@code …license} and others Tokenlab does not read. Read strictly
 * ({@link JsonReader}, depth-limited): a layer without a well-formed digest is an error in one line.
 *
 * @param layers every layer, in file order
 */
public record OllamaManifest(List<Layer> layers) {
    static final String MODEL = "application/vnd.ollama.image.model";
    static final String PARAMS = "application/vnd.ollama.image.params";
    /** Manifests are a few hundred bytes; anything much larger is not one. */
    static final int MAX_BYTES = 1 << 20;

    private static final Pattern DIGEST = Pattern.compile("sha256[:-][0-9a-f]{64}");

    /**
     * One layer.
     *
     * @param mediaType what the blob holds
     * @param digest    {@code sha256:HEX}
     * @param size      its size in bytes, as the manifest says (-1 if it does not)
     */
    public record Layer(String mediaType, String digest, long size) {
        /** The blob's file name: {@code sha256-HEX}. */
        public String blobName() {
            return "sha256-" + digest.substring(7);
        }
    }

    /**
     * Parses a manifest.
     *
     * @throws TokenizerFormatException in one line naming {@code location} if it is not JSON or not a manifest
     */
    public static OllamaManifest parse(byte[] json, String location) {
        if (json.length > MAX_BYTES) {
            throw new TokenizerFormatException(location, "is " + json.length + " bytes; an Ollama manifest is a few hundred");
        }
        JsonValue root = JsonReader.parse(json, location, 16);
        if (!(root instanceof JsonObject o)) {
            throw new TokenizerFormatException(location, "is not an Ollama manifest: not a JSON object");
        }
        if (!o.has("layers")) {
            throw new TokenizerFormatException(location, "is not an Ollama manifest: no \"layers\"");
        }
        JsonArray array = o.array("layers");
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonObject layer = array.object(i);
            String mediaType = layer.string("mediaType");
            String digest = layer.string("digest");
            if (!DIGEST.matcher(digest).matches()) {
                throw layer.error("digest", "expected sha256:<64 lower-case hex digits>, found \"" + shorten(digest) + "\"");
            }
            long size = -1;
            Optional<JsonValue> s = layer.get("size");
            if (s.isPresent() && s.get() instanceof dev.tokenlab.json.JsonNumber n && n.isIntegral()) {
                size = n.asLong();
            }
            layers.add(new Layer(mediaType, "sha256:" + digest.substring(7), size));
        }
        return new OllamaManifest(List.copyOf(layers));
    }

    /** The first layer of {@code mediaType}. */
    Optional<Layer> layer(String mediaType) {
        return layers.stream().filter(l -> l.mediaType().equals(mediaType)).findFirst();
    }

    /** Whether {@code head} (a file's first bytes) looks like an Ollama manifest: JSON naming an Ollama layer type. */
    static boolean looksLikeManifest(byte[] head) {
        String s = new String(head, StandardCharsets.UTF_8).stripLeading();
        return s.startsWith("{") && s.contains("\"layers\"") && s.contains("application/vnd.ollama.image.");
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
