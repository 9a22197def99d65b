package dev.tokenlab.hf;

import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.hf.pipeline.Decoder;
import dev.tokenlab.hf.pipeline.Model;
import dev.tokenlab.hf.pipeline.NormalizedString;
import dev.tokenlab.hf.pipeline.Normalizer;
import dev.tokenlab.hf.pipeline.PostProcessor;
import dev.tokenlab.hf.pipeline.PreTokenizer;
import dev.tokenlab.json.JsonArray;
import dev.tokenlab.json.JsonObject;
import dev.tokenlab.json.JsonReader;
import dev.tokenlab.json.JsonValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads a {@code tokenizer.json} (and its {@code tokenizer_config.json}) into an {@link HfTokenizer},
 * with the Rust library's rules for what is required and how added tokens get their ids.
 */
final class TokenizerJson {
    private static final Set<String> TOP_LEVEL = Set.of("version", "truncation", "padding", "added_tokens", "normalizer",
            "pre_tokenizer", "model", "post_processor", "decoder");

    private TokenizerJson() {
    }

    static HfTokenizer read(String name, byte[] json, String source, byte[] configJson, String configSource, TokenizerOptions options) {
        JsonObject root = JsonReader.parseObject(json, source);
        for (String key : root.keys()) {
            if (!TOP_LEVEL.contains(key)) {
                throw root.error(key, "is not a field of a tokenizer.json (" + String.join(", ", TOP_LEVEL.stream().sorted().toList()) + ")");
            }
        }
        root.optionalString("version").ifPresent(v -> {
            if (!v.equals("1.0")) {
                throw root.error("version", "Unknown tokenizer version \"" + v + "\"");
            }
        });
        TokenizerConfig config = configJson == null ? TokenizerConfig.NONE : TokenizerConfig.read(JsonReader.parseObject(configJson, configSource));
        JsonValue preJson = root.get("pre_tokenizer").orElse(null);
        // A ByteLevel pre-tokenizer writes pieces in GPT-2's alphabet; a BPE model reads the bytes instead
        // (the same lookups, no mapped text). A ByteLevel normalizer maps for real: the model then sees
        // GPT-2 characters as ordinary characters, as in Rust.
        JsonObject modelJson = root.object("model");
        boolean bytesToModel = Components.isByteLevel(preJson) && Models.type(modelJson).equals("BPE");
        Normalizer normalizer = root.optionalObject("normalizer").map(Components::normalizer).orElse(null);
        PreTokenizer preTokenizer = root.optionalObject("pre_tokenizer").map(p -> Components.preTokenizer(p, !bytesToModel)).orElse(null);
        Model model = Models.model(modelJson, bytesToModel);
        Decoder decoder = root.optionalObject("decoder").map(Components::decoder).orElse(null);

        // Added tokens: ids as the Rust library assigns them (the JSON id is not used), special ones first in matching.
        JsonArray list = root.optionalArray("added_tokens").orElse(null);
        Map<Integer, String> addedById = new LinkedHashMap<>();
        Map<String, Integer> addedByContent = new HashMap<>();
        Map<String, Integer> specials = new LinkedHashMap<>();
        List<AddedTokenMatcher.Token> raw = new ArrayList<>();
        List<AddedTokenMatcher.Token> normalized = new ArrayList<>();
        List<AddedTokenMatcher.Token> rawOthers = new ArrayList<>();
        List<AddedTokenMatcher.Token> normalizedOthers = new ArrayList<>();
        int vocabEntries = model.vocabularyEntries();
        int maxAdded = -1;
        for (int i = 0; list != null && i < list.size(); i++) {
            JsonObject t = list.object(i);
            String content = t.string("content");
            t.integer("id");
            boolean special = t.bool("special");
            boolean singleWord = t.bool("single_word");
            boolean lstrip = t.bool("lstrip");
            boolean rstrip = t.bool("rstrip");
            boolean isNormalized = t.bool("normalized");
            if (content.isEmpty()) {
                continue;
            }
            String pattern = content;
            if (isNormalized && normalizer != null) {
                NormalizedString s = NormalizedString.of(content, 0, content.length());
                pattern = normalizer.normalize(s).toString();
            }
            Integer id = addedByContent.get(content);
            if (id == null) {
                OptionalInt inModel = model.id(content);
                if (inModel.isPresent()) {
                    id = inModel.getAsInt();
                } else if (maxAdded < 0) {
                    id = vocabEntries;
                } else {
                    id = maxAdded >= vocabEntries || vocabEntries == 0 ? maxAdded + 1 : vocabEntries;
                }
                maxAdded = Math.max(maxAdded, id);
                addedByContent.put(content, id);
            }
            // the Rust library's id → token map holds a normalized token's normalized content: decoding gives that
            addedById.put(id, pattern);
            if (special) {
                specials.putIfAbsent(content, id);
            }
            AddedTokenMatcher.Token token = new AddedTokenMatcher.Token(pattern, id, special, singleWord, lstrip, rstrip);
            (isNormalized ? (special ? normalized : normalizedOthers) : (special ? raw : rawOthers)).add(token);
        }
        raw.addAll(rawOthers);
        normalized.addAll(normalizedOthers);
        int vocabularySize = Math.max(model.idBound(), maxAdded + 1);
        PostProcessor post = root.optionalObject("post_processor").map(p -> Processors.processor(p, addedByContent, model))
                .orElse(PostProcessor.NONE);

        OptionalInt bos = idOf(config.specialTokens().get("bos_token"), addedByContent, model);
        OptionalInt eos = idOf(config.specialTokens().get("eos_token"), addedByContent, model);
        String summary = summary(normalizer, preTokenizer, model, post, decoder, specials, addedById.size(), root, config);
        HfTokenizer.Parts parts = new HfTokenizer.Parts(name, normalizer, preTokenizer, model, post, decoder,
                new AddedTokenMatcher(raw), new AddedTokenMatcher(normalized), addedById, specials, vocabularySize, bos, eos, config,
                summary);
        return new HfTokenizer(parts, options);
    }

    private static OptionalInt idOf(String token, Map<String, Integer> added, Model model) {
        if (token == null) {
            return OptionalInt.empty();
        }
        Integer id = added.get(token);
        return id != null ? OptionalInt.of(id) : model.id(token);
    }

    private static String summary(Normalizer normalizer, PreTokenizer preTokenizer, Model model, PostProcessor post, Decoder decoder,
                                  Map<String, Integer> specials, int added, JsonObject root, TokenizerConfig config) {
        StringBuilder sb = new StringBuilder();
        sb.append("model: ").append(model.describe()).append('\n');
        sb.append("normalizer: ").append(normalizer == null ? "none" : normalizer).append('\n');
        sb.append("pre-tokenizer: ").append(preTokenizer == null ? "none" : preTokenizer).append('\n');
        sb.append("added tokens: ").append(added).append(", special: ").append(specials.size())
                .append(specials.isEmpty() ? "" : " (" + String.join(" ", specials.keySet().stream().limit(6).toList())
                        + (specials.size() > 6 ? " …" : "") + ")").append('\n');
        sb.append("special tokens added (--add-special): ").append(Processors.describe(post)).append('\n');
        sb.append("decoder: ").append(decoder == null ? "none (tokens joined by spaces)" : decoder);
        if (root.get("truncation").filter(v -> !(v instanceof dev.tokenlab.json.JsonNull)).isPresent()
                || root.get("padding").filter(v -> !(v instanceof dev.tokenlab.json.JsonNull)).isPresent()) {
            sb.append('\n').append("truncation/padding: in the file, not applied (they are batching settings, not tokenization)");
        }
        config.addBosToken().ifPresent(b -> {
            boolean processorAddsBos = post.prefix().length > 0;
            if (b != processorAddsBos) {
                sb.append('\n').append("note: tokenizer_config.json says add_bos_token=").append(b)
                        .append(" but the tokenizer.json post-processor ").append(processorAddsBos ? "adds" : "does not add")
                        .append(" one; Tokenlab follows tokenizer.json, as the Rust library does");
            }
        });
        return sb.toString();
    }
}
