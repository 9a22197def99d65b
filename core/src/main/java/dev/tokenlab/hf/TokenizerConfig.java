package dev.tokenlab.hf;

import dev.tokenlab.json.JsonArray;
import dev.tokenlab.json.JsonNumber;
import dev.tokenlab.json.JsonObject;
import dev.tokenlab.json.JsonString;
import dev.tokenlab.json.JsonValue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a model's {@code tokenizer_config.json} adds to its {@code tokenizer.json}: the names of its
 * special tokens ({@code bos_token}, {@code eos_token} …, as a string or {@code {"content": …}}), its
 * context length ({@code model_max_length}; transformers' "no limit" sentinel is none), its chat
 * templates ({@code chat_template}: one string, or named ones such as {@code default} and
 * {@code tool_use}) and whether it asks for BOS/EOS ({@code add_bos_token}, {@code add_eos_token}).
 * Immutable.
 */
public record TokenizerConfig(Map<String, String> specialTokens, OptionalInt contextLength, Map<String, String> chatTemplates,
                              Optional<Boolean> addBosToken, Optional<Boolean> addEosToken) {

    /** A model without a {@code tokenizer_config.json}. */
    public static final TokenizerConfig NONE = new TokenizerConfig(Map.of(), OptionalInt.empty(), Map.of(), Optional.empty(),
            Optional.empty());

    /** Reads the fields Tokenlab uses; others are ignored. */
    static TokenizerConfig read(JsonObject config) {
        Map<String, String> specials = new LinkedHashMap<>();
        for (String key : config.keys()) {
            if (key.endsWith("_token") && !key.startsWith("add_")) {
                JsonValue v = config.get(key).orElseThrow();
                if (v instanceof JsonString s) {
                    specials.put(key, s.value());
                } else if (v instanceof JsonObject o && o.has("content")) {
                    specials.put(key, o.string("content"));
                }
            }
        }
        OptionalInt context = OptionalInt.empty();
        Optional<JsonValue> max = config.get("model_max_length");
        if (max.isPresent() && max.get() instanceof JsonNumber n) {
            double d = n.asDouble();
            if (d >= 1 && d < 1e9) {
                context = OptionalInt.of((int) d);
            }
        }
        Map<String, String> templates = new LinkedHashMap<>();
        Optional<JsonValue> template = config.get("chat_template");
        if (template.isPresent() && template.get() instanceof JsonString s) {
            templates.put("default", s.value());
        } else if (template.isPresent() && template.get() instanceof JsonArray list) {
            for (int i = 0; i < list.size(); i++) {
                JsonObject t = list.object(i);
                templates.put(t.string("name"), t.string("template"));
            }
        }
        return new TokenizerConfig(Collections.unmodifiableMap(specials), context, Collections.unmodifiableMap(templates), bool(config, "add_bos_token"),
                bool(config, "add_eos_token"));
    }

    private static Optional<Boolean> bool(JsonObject config, String key) {
        Optional<JsonValue> v = config.get(key);
        return v.isPresent() && v.get() instanceof dev.tokenlab.json.JsonBoolean b ? Optional.of(b.value()) : Optional.empty();
    }
}
