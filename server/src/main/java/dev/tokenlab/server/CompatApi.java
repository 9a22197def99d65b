package dev.tokenlab.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenlab.SpecialTokens;
import dev.tokenlab.Tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The shapes existing clients speak, on the paths they call. One {@code POST /tokenize} serves two servers'
 * clients, told apart by the request's fields:
 * <ul>
 *   <li>{@code content} → llama.cpp's server: {@code add_special} (default false), {@code parse_special} (default
 *       true: special-token text becomes the special token), {@code with_pieces} → {@code {"tokens":[ids]}} or
 *       {@code {"tokens":[{"id":…,"piece":…}]}}, a piece being its text, or its byte values when they are not
 *       valid UTF-8 (as llama.cpp answers);</li>
 *   <li>{@code prompt} or {@code messages} → vLLM's: {@code add_special_tokens} (default true for a prompt, false
 *       for messages, as vLLM), {@code add_generation_prompt}, {@code return_token_strs} →
 *       {@code {"count","max_model_len","tokens","token_strs"}}.</li>
 * </ul>
 * Both, or neither, is a 400. {@code POST /detokenize} likewise: {@code tokens} alone is llama.cpp's
 * ({@code {"content":…}}), with {@code model} it is vLLM's ({@code {"prompt":…}}).
 */
final class CompatApi {
    private static final Set<String> LLAMA_CPP = Set.of("content", "add_special", "parse_special", "with_pieces", "model");
    private static final Set<String> VLLM_PROMPT = Set.of("model", "prompt", "add_special_tokens", "return_token_strs");
    private static final Set<String> VLLM_CHAT = Set.of("model", "messages", "add_special_tokens", "add_generation_prompt",
            "return_token_strs", "tools");

    private final Models models;
    private final Chats chats;
    private final String defaultModel;

    CompatApi(Models models, Chats chats, String defaultModel) {
        this.models = models;
        this.chats = chats;
        this.defaultModel = defaultModel;
    }

    JsonNode tokenize(ObjectNode request) {
        boolean llamaCpp = request.has("content");
        boolean vllm = request.has("prompt") || request.has("messages");
        if (llamaCpp == vllm) {
            throw ApiException.badRequest(llamaCpp
                    ? "give \"content\" (llama.cpp's shape) or \"prompt\"/\"messages\" (vLLM's), not both"
                    : "missing field: \"content\" (llama.cpp's shape) or \"prompt\" or \"messages\" (vLLM's)");
        }
        return llamaCpp ? llamaCppTokenize(request) : vllmTokenize(request);
    }

    private JsonNode llamaCppTokenize(ObjectNode request) {
        Fields f = Fields.of(request, LLAMA_CPP);
        Tokenizer t = models.open(f.text("model", defaultModel), f.bool("add_special", false));
        SpecialTokens policy = f.bool("parse_special", true) ? SpecialTokens.allowAll() : SpecialTokens.asText();
        int[] ids = t.encode(f.text("content"), policy);
        ObjectNode answer = JsonCodec.object();
        if (!f.bool("with_pieces", false)) {
            Tokens.ids(answer, "tokens", ids);
            return answer;
        }
        ArrayNode tokens = answer.putArray("tokens");
        for (int id : ids) {
            byte[] bytes = t.tokenBytes(id);
            ObjectNode token = tokens.addObject().put("id", id);
            String text = strictUtf8(bytes);
            if (text != null) {
                token.put("piece", text);
            } else {
                ArrayNode values = token.putArray("piece");
                for (byte b : bytes) {
                    values.add(b & 0xff);
                }
            }
        }
        return answer;
    }

    private JsonNode vllmTokenize(ObjectNode request) {
        boolean chat = request.has("messages");
        Fields f = Fields.of(request, chat ? VLLM_CHAT : VLLM_PROMPT);
        if (chat && request.has("prompt")) {
            throw ApiException.badRequest("give \"prompt\" or \"messages\", not both");
        }
        String model = f.text("model", defaultModel);
        boolean addSpecial = f.bool("add_special_tokens", !chat);
        Tokenizer t = models.open(model, addSpecial);
        int[] ids;
        if (chat) {
            List<Fields> messages = f.objects("messages", Chats.MESSAGE_FIELDS);
            ids = chats.render(model, models.open(model, false), messages, f.plain("tools"), "auto",
                    f.bool("add_generation_prompt", true)).ids();
            if (addSpecial) {
                ids = withSpecials(t, ids);
            }
        } else {
            ids = t.encode(f.text("prompt"), SpecialTokens.allowAll());
        }
        ObjectNode answer = JsonCodec.object().put("count", ids.length);
        OptionalInt window = models.contextWindow(model, t);
        if (window.isPresent()) {
            answer.put("max_model_len", window.getAsInt());
        } else {
            answer.putNull("max_model_len");
        }
        Tokens.ids(answer, "tokens", ids);
        if (f.bool("return_token_strs", false)) {
            ArrayNode strs = answer.putArray("token_strs");
            for (int id : ids) {
                strs.add(t.piece(id).orElseGet(() -> new String(t.tokenBytes(id), StandardCharsets.UTF_8)));
            }
        } else {
            answer.putNull("token_strs");
        }
        return answer;
    }

    /** A rendered chat with the tokenizer's own additions around it (what add_special_tokens=True does to it). */
    private static int[] withSpecials(Tokenizer withSpecials, int[] ids) {
        int[] around = withSpecials.encode("");
        if (around.length == 0) {
            return ids;
        }
        int[] result = new int[around.length + ids.length];
        System.arraycopy(around, 0, result, 0, around.length);
        System.arraycopy(ids, 0, result, around.length, ids.length);
        return result;
    }

    JsonNode detokenize(ObjectNode request) {
        boolean vllm = request.has("model");
        Fields f = Fields.of(request, Set.of("model", "tokens"));
        Tokenizer t = models.open(f.text("model", defaultModel), false);
        int[] ids = f.ids("tokens");
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] >= t.vocabularySize()) {
                throw ApiException.badRequest("tokens[" + i + "] = " + ids[i] + " is not a token of " + t.name());
            }
        }
        return JsonCodec.object().put(vllm ? "prompt" : "content", t.decode(ids));
    }

    private static String strictUtf8(byte[] bytes) {
        String visible = ExplainApi.visible(bytes);
        return visible.equals(new String(bytes, StandardCharsets.UTF_8)) ? visible : null;
    }
}
