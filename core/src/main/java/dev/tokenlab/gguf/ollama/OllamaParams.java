package dev.tokenlab.gguf.ollama;

import dev.tokenlab.TokenizerFormatException;
import dev.tokenlab.json.JsonArray;
import dev.tokenlab.json.JsonNumber;
import dev.tokenlab.json.JsonObject;
import dev.tokenlab.json.JsonReader;
import dev.tokenlab.json.JsonString;
import dev.tokenlab.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The parts of an Ollama params layer ({@code application/vnd.ollama.image.params}: the Modelfile's
 * {@code PARAMETER} lines as JSON) that matter for counting: {@code num_ctx}, the context window Ollama runs the
 * model with, and {@code stop}, the sequences that end a reply.
 *
 * @param numCtx the context window, if the params set one
 * @param stop   the stop sequences (a single string is one sequence)
 */
public record OllamaParams(OptionalInt numCtx, List<String> stop) {
    static final OllamaParams NONE = new OllamaParams(OptionalInt.empty(), List.of());
    /** Params blobs are small JSON objects. */
    static final int MAX_BYTES = 1 << 20;

    public static OllamaParams parse(byte[] json, String location) {
        if (json.length > MAX_BYTES) {
            throw new TokenizerFormatException(location, "is " + json.length + " bytes; an Ollama params layer is a small JSON object");
        }
        JsonValue root = JsonReader.parse(json, location, 16);
        if (!(root instanceof JsonObject o)) {
            throw new TokenizerFormatException(location, "is not an Ollama params layer: not a JSON object");
        }
        OptionalInt numCtx = OptionalInt.empty();
        if (o.get("num_ctx").isPresent()) {
            JsonValue v = o.get("num_ctx").get();
            if (!(v instanceof JsonNumber n) || !n.isIntegral() || n.asLong() <= 0 || n.asLong() > Integer.MAX_VALUE) {
                throw o.error("num_ctx", "expected a positive whole number of tokens, found " + v);
            }
            numCtx = OptionalInt.of((int) n.asLong());
        }
        List<String> stop = new ArrayList<>();
        if (o.get("stop").isPresent()) {
            JsonValue v = o.get("stop").get();
            if (v instanceof JsonString s) {
                stop.add(s.value());
            } else if (v instanceof JsonArray a) {
                for (int i = 0; i < a.size(); i++) {
                    stop.add(a.string(i));
                }
            } else {
                throw o.error("stop", "expected a string or an array of strings, found " + v);
            }
        }
        return new OllamaParams(numCtx, List.copyOf(stop));
    }
}
