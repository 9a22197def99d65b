package dev.tokenlab.hf;

import dev.tokenlab.TokenizerDescription;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.hf.pipeline.Decoder;
import dev.tokenlab.hf.pipeline.Model;
import dev.tokenlab.hf.pipeline.NormalizedString;
import dev.tokenlab.hf.pipeline.Normalizer;
import dev.tokenlab.hf.pipeline.PostProcessor;
import dev.tokenlab.hf.pipeline.PreTokenizer;
import dev.tokenlab.json.JsonArray;
import dev.tokenlab.json.JsonNull;
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
        JsonValue normalizerJson = root.get("normalizer").orElse(null);
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
        boolean identity = normalizer == null || normalizerJson instanceof JsonObject n && n.string("type").equals("Sequence")
                && n.array("normalizers").size() == 0;
        TokenizerDescription description = describe(identity ? null : normalizer, preTokenizer, model, post, decoder, specials,
                addedById.size(), root, config);
        boolean nfc = normalizerJson instanceof JsonObject n && n.string("type").equals("NFC");
        DirectByteLevel direct = identity || nfc ? DirectPaths.of(preJson, model).orElse(null) : null;
        HfTokenizer.Parts parts = new HfTokenizer.Parts(name, identity ? null : normalizer, preTokenizer, model, post, decoder,
                new AddedTokenMatcher(raw), new AddedTokenMatcher(normalized), addedById, specials, vocabularySize, bos, eos, config,
                description, direct, nfc);
        return new HfTokenizer(parts, options);
    }

    private static OptionalInt idOf(String token, Map<String, Integer> added, Model model) {
        if (token == null) {
            return OptionalInt.empty();
        }
        Integer id = added.get(token);
        return id != null ? OptionalInt.of(id) : model.id(token);
    }

    private static TokenizerDescription describe(Normalizer normalizer, PreTokenizer preTokenizer, Model model, PostProcessor post,
                                                 Decoder decoder, Map<String, Integer> specials, int added, JsonObject root,
                                                 TokenizerConfig config) {
        List<TokenizerDescription.Stage> stages = new ArrayList<>();
        stages.add(new TokenizerDescription.Stage("added tokens", added + ", special: " + specials.size()
                + (specials.isEmpty() ? "" : " (" + String.join(" ", specials.keySet().stream().limit(6).toList())
                + (specials.size() > 6 ? " …" : "") + ")")));
        stages.add(new TokenizerDescription.Stage("normalizer", normalizer == null ? "none" : normalizer.toString()));
        stages.add(new TokenizerDescription.Stage("pre-tokenizer", preTokenizer == null ? "none" : preTokenizer.toString()));
        stages.add(new TokenizerDescription.Stage("model", model.describe()));
        stages.add(new TokenizerDescription.Stage("post-processor", "adds " + Processors.describe(post) + " with --add-special"));
        stages.add(new TokenizerDescription.Stage("decoder", decoder == null ? "none (tokens joined by spaces)" : decoder.toString()));
        List<String> notes = new ArrayList<>();
        if (root.get("truncation").filter(v -> !(v instanceof JsonNull)).isPresent()
                || root.get("padding").filter(v -> !(v instanceof JsonNull)).isPresent()) {
            notes.add("truncation/padding are set in the file but not applied: they are batching settings, not tokenization");
        }
        config.addBosToken().ifPresent(b -> {
            boolean processorAddsBos = post.prefix().length > 0;
            if (b != processorAddsBos) {
                notes.add("tokenizer_config.json says add_bos_token=" + b + " but the tokenizer.json post-processor "
                        + (processorAddsBos ? "adds" : "does not add") + " one; Tokenlab follows tokenizer.json, as the Rust library does");
            }
        });
        return new TokenizerDescription("Hugging Face tokenizer.json", stages, config.contextLength(), OptionalInt.empty(), config.chatTemplates(),
                config.specialTokens(), notes);
    }
}
