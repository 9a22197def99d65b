package dev.tokenlab.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenlab.Decoded;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.budget.Chunk;
import dev.tokenlab.budget.TokenBudget;
import dev.tokenlab.explain.Words;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The text routes of {@code /v1}: tokenize, count, decode, and the budget ones (fits, truncate, chunk). Each
 * names its model with {@code model} (default: the server's default model).
 */
final class TextApi {
    private static final Set<String> ENCODE_FIELDS = Set.of("model", "text", "special", "add_special");
    private static final Set<String> BUDGET_FIELDS = Set.of("model", "text", "limit", "reserve", "require_fit");

    private final Models models;
    private final String defaultModel;

    TextApi(Models models, String defaultModel) {
        this.models = models;
        this.defaultModel = defaultModel;
    }

    /** {@code POST /v1/tokenize}: ids and tokens with UTF-16 and UTF-8 offsets. */
    JsonNode tokenize(ObjectNode request) {
        Fields f = Fields.of(request, ENCODE_FIELDS);
        String model = f.text("model", defaultModel);
        Tokenizer t = models.open(model, f.bool("add_special", false));
        String text = f.text("text");
        var spans = t.tokenize(text, Tokens.policy(f.choice("special", "text", Tokens.POLICIES)));
        ObjectNode answer = head(model, t).put("count", spans.size());
        Tokens.ids(answer, "ids", spans.stream().mapToInt(s -> s.id()).toArray());
        Tokens.spans(answer, "tokens", text, spans);
        return answer;
    }

    /**
     * {@code POST /v1/count}: the number of tokens, and the text's characters (code points), UTF-8 bytes and words
     * ({@link Words}: the rule {@code tokenlab compare} counts fertility by), for ratios such as the playground's
     * compare mode shows.
     */
    JsonNode count(ObjectNode request) {
        Fields f = Fields.of(request, ENCODE_FIELDS);
        String model = f.text("model", defaultModel);
        Tokenizer t = models.open(model, f.bool("add_special", false));
        String text = f.text("text");
        int count = t.count(text, Tokens.policy(f.choice("special", "text", Tokens.POLICIES)));
        Words.Count words = Words.count(text);
        return head(model, t).put("count", count).put("characters", text.codePointCount(0, text.length()))
                .put("bytes", text.getBytes(StandardCharsets.UTF_8).length).put("words", words.words()).put("spaceless_characters", words.spacelessCharacters());
    }

    /** {@code POST /v1/decode}: ids back to text, and whether the bytes were valid UTF-8. */
    JsonNode decode(ObjectNode request) {
        Fields f = Fields.of(request, Set.of("model", "ids"));
        String model = f.text("model", defaultModel);
        Tokenizer t = models.open(model, false);
        int[] ids = f.ids("ids");
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] >= t.vocabularySize()) {
                throw ApiException.badRequest("ids[" + i + "] = " + ids[i] + " is not a token of " + t.name()
                        + " (its ids are 0 to " + (t.vocabularySize() - 1) + ")");
            }
        }
        Decoded decoded = t.decodeChecked(ids);
        return head(model, t).put("text", decoded.text()).put("lossless", decoded.lossless())
                .put("replaced_sequences", decoded.replacedSequences());
    }

    /** {@code POST /v1/fits}: whether the text fits {@code limit} (default: the model's window) less {@code reserve}. */
    JsonNode fits(ObjectNode request) {
        Fields f = Fields.of(request, BUDGET_FIELDS);
        String model = f.text("model", defaultModel);
        Tokenizer t = models.open(model, false);
        String text = f.text("text");
        int limit = limit(f, model, t);
        int reserve = f.integer("reserve", 0, 0, limit);
        int count = t.count(text);
        long remaining = (long) limit - reserve - count;
        if (remaining < 0 && f.bool("require_fit", false)) {
            throw new ApiException(422, "over budget: " + count + " tokens, " + (limit - reserve) + " allowed ("
                    + limit + (reserve > 0 ? " less " + reserve + " reserved" : "") + ")");
        }
        return head(model, t).put("count", count).put("limit", limit).put("reserve", reserve)
                .put("fits", remaining >= 0).put("remaining", remaining);
    }

    /** {@code POST /v1/truncate}: the longest head, tail or both ends of the text within {@code max_tokens}. */
    JsonNode truncate(ObjectNode request) {
        Fields f = Fields.of(request, Set.of("model", "text", "max_tokens", "keep"));
        String model = f.text("model", defaultModel);
        Tokenizer t = models.open(model, false);
        String text = f.text("text");
        int max = f.integer("max_tokens", 0, Integer.MAX_VALUE);
        String keep = f.choice("keep", "head", List.of("head", "tail", "middle"));
        TokenBudget budget = TokenBudget.of(t, max);
        String kept = budget.truncate(text, max, TokenBudget.Keep.valueOf(keep.toUpperCase(Locale.ROOT)));
        return head(model, t).put("text", kept).put("count", t.count(kept)).put("original_count", t.count(text))
                .put("truncated", !kept.equals(text));
    }

    /** {@code POST /v1/chunk}: chunks of at most {@code max_tokens}, overlapping by about {@code overlap}. */
    JsonNode chunk(ObjectNode request) {
        Fields f = Fields.of(request, Set.of("model", "text", "max_tokens", "overlap"));
        String model = f.text("model", defaultModel);
        Tokenizer t = models.open(model, false);
        String text = f.text("text");
        int max = f.integer("max_tokens", 1, Integer.MAX_VALUE);
        int overlap = f.integer("overlap", 0, 0, max - 1);
        List<Chunk> chunks = TokenBudget.of(t, max).chunk(text, max, overlap);
        ObjectNode answer = head(model, t).put("count", chunks.size());
        ArrayNode array = answer.putArray("chunks");
        for (Chunk c : chunks) {
            array.addObject().put("text", c.text()).put("start", c.charStart()).put("end", c.charEnd()).put("count", c.tokens());
        }
        return answer;
    }

    /** {@code limit}, else the model's context window, else a 400 asking for it. */
    private int limit(Fields f, String model, Tokenizer t) {
        if (f.has("limit")) {
            return f.integer("limit", 1, Integer.MAX_VALUE);
        }
        OptionalInt window = models.contextWindow(model, t);
        if (window.isEmpty()) {
            throw ApiException.badRequest("missing field \"limit\": model \"" + model + "\" declares no context window");
        }
        return window.getAsInt();
    }

    /** The start of every answer: the model as asked and the tokenizer it resolved to. */
    static ObjectNode head(String model, Tokenizer t) {
        return JsonCodec.object().put("model", model).put("tokenizer", t.name());
    }
}
