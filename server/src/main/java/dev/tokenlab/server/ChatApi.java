package dev.tokenlab.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenlab.Tokenizer;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code POST /v1/chat}: a chat's prompt in the model's format — its count, per-message counts, the ids
 * ({@code "format":"ids"}) or the tokens with special ones marked ({@code "format":"tokens"}), and its share of
 * the context window; with {@code limit}/{@code reserve} and {@code require_fit}, a 422 when it is over.
 */
final class ChatApi {
    private static final Set<String> FIELDS = Set.of("model", "messages", "tools", "template", "add_generation_prompt",
            "format", "limit", "reserve", "require_fit");

    private final Models models;
    private final Chats chats;
    private final String defaultModel;

    ChatApi(Models models, Chats chats, String defaultModel) {
        this.models = models;
        this.chats = chats;
        this.defaultModel = defaultModel;
    }

    JsonNode chat(ObjectNode request) {
        Fields f = Fields.of(request, FIELDS);
        String model = f.text("model", defaultModel);
        Tokenizer t = models.open(model, false);
        List<Fields> messages = f.objects("messages", Chats.MESSAGE_FIELDS);
        String format = f.choice("format", "count", List.of("count", "ids", "tokens"));
        Chats.Rendered chat = chats.render(model, t, messages, f.plain("tools"), f.choice("template", "auto", Chats.TEMPLATES),
                f.bool("add_generation_prompt", true));
        int count = chat.ids().length;
        ObjectNode answer = TextApi.head(model, t).put("template", chat.template()).put("count", count);
        ArrayNode perMessage = answer.putArray("messages");
        for (int i = 0; i < messages.size(); i++) {
            perMessage.addObject().put("role", messages.get(i).text("role")).put("count", chat.perMessage().get(i));
        }
        answer.put("overhead", chat.overhead());
        OptionalInt window = f.has("limit") ? OptionalInt.of(f.integer("limit", 1, Integer.MAX_VALUE)) : models.contextWindow(model, t);
        if (window.isPresent()) {
            int limit = window.getAsInt();
            int reserve = f.integer("reserve", 0, 0, limit);
            long remaining = (long) limit - reserve - count;
            answer.put("limit", limit).put("reserve", reserve).put("remaining", remaining).put("fits", remaining >= 0)
                    .put("share", Math.round(10_000.0 * count / limit) / 10_000.0);
            if (remaining < 0 && f.bool("require_fit", false)) {
                throw new ApiException(422, "over budget: the chat takes " + count + " tokens, " + (limit - reserve) + " allowed");
            }
        } else if (f.bool("require_fit", false)) {
            throw ApiException.badRequest("missing field \"limit\": model \"" + model + "\" declares no context window");
        }
        if (format.equals("ids")) {
            Tokens.ids(answer, "ids", chat.ids());
        } else if (format.equals("tokens")) {
            Tokens.pieces(answer, "tokens", t, chat.ids());
        }
        return answer;
    }
}
