package dev.tokenlab.server;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerException;
import dev.tokenlab.budget.ChatMessage;
import dev.tokenlab.budget.ChatPrompt;
import dev.tokenlab.budget.ChatTemplate;
import dev.tokenlab.templates.ModelChatTemplate;
import dev.tokenlab.templates.RenderOptions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A chat rendered in a model's format: core's built-in Llama 3 and Llama 2 formats (what {@code tokenlab chat}
 * uses for the profiles that name them), else the model's own Jinja template (its {@code tokenizer_config.json}
 * or GGUF header) through {@link ModelChatTemplate}. The templates are parsed once per model.
 */
final class Chats {
    static final Set<String> MESSAGE_FIELDS = Set.of("role", "content", "name", "tool_calls", "tool_call_id", "reasoning_content");
    static final List<String> TEMPLATES = List.of("auto", "llama3", "llama2", "model");

    private final Map<Tokenizer, ModelChatTemplate> jinja = new ConcurrentHashMap<>();

    /**
     * A rendered chat.
     *
     * @param template  {@code llama3}, {@code llama2} or {@code model} (the model's Jinja template)
     * @param ids       the prompt's ids
     * @param perMessage each message's tokens, in order
     * @param overhead  the tokens that belong to no message (the start, the reply header)
     */
    record Rendered(String template, int[] ids, List<Integer> perMessage, int overhead) {
    }

    /**
     * Renders {@code messages} for {@code model}.
     *
     * @param template            one of {@link #TEMPLATES}; {@code auto}: the profile's built-in format, else the model's own
     * @param tools               tools for a Jinja template, or null
     * @param addGenerationPrompt end with the assistant's header
     */
    Rendered render(String model, Tokenizer tokenizer, List<Fields> messages, Object tools, String template,
                    boolean addGenerationPrompt) {
        String chosen = template.equals("auto") ? auto(model, tokenizer) : template;
        if (chosen.equals("model")) {
            return jinja(tokenizer, messages, tools, addGenerationPrompt);
        }
        if (tools != null) {
            throw ApiException.badRequest("field \"tools\" needs the model's own template (\"template\":\"model\");"
                    + " the built-in " + chosen + " format has no tools");
        }
        List<ChatMessage> plain = new ArrayList<>();
        for (Fields m : messages) {
            plain.add(new ChatMessage(m.text("role"), m.text("content")));
        }
        ChatPrompt prompt;
        try {
            prompt = ChatTemplate.forName(chosen).render(tokenizer, plain);
        } catch (TokenizerException lacksTheFormatsTokens) { // llama3's format on llama2: the request's choice, not a bug
            throw ApiException.badRequest(lacksTheFormatsTokens.getMessage());
        }
        int[] ids = prompt.ids();
        int overhead = prompt.replyOverhead();
        if (!addGenerationPrompt) {
            ids = Arrays.copyOf(ids, ids.length - prompt.replyOverhead());
            overhead = 0;
        }
        return new Rendered(chosen, ids, prompt.messages().stream().map(ChatPrompt.MessageCost::total).toList(), overhead);
    }

    private Rendered jinja(Tokenizer tokenizer, List<Fields> messages, Object tools, boolean addGenerationPrompt) {
        ModelChatTemplate chat = jinja.computeIfAbsent(tokenizer, ModelChatTemplate::of);
        List<Map<String, Object>> plain = new ArrayList<>();
        for (Fields m : messages) {
            Map<String, Object> message = new HashMap<>();
            for (String key : MESSAGE_FIELDS) {
                if (m.has(key)) {
                    message.put(key, m.plain(key));
                }
            }
            if (!message.containsKey("role")) {
                m.text("role"); // the 400 naming the missing field
            }
            plain.add(message);
        }
        Map<String, Object> variables = new HashMap<>();
        if (tools != null) {
            variables.put("tools", tools);
        }
        RenderOptions options = RenderOptions.defaults();
        int[] ids = chat.encode(plain, addGenerationPrompt, variables, options);
        ModelChatTemplate.Accounting accounting = chat.accounting(plain, addGenerationPrompt, variables, options);
        return new Rendered("model", ids, accounting.messages(), accounting.overhead());
    }

    /** The profile's built-in format ({@code tokenlab chat}'s default), else the model's own template. */
    private static String auto(String model, Tokenizer tokenizer) {
        String builtIn = Models.profileChatTemplate(model);
        if (builtIn != null) {
            return builtIn;
        }
        if (!tokenizer.describe().chatTemplates().isEmpty()) {
            return "model";
        }
        throw ApiException.badRequest("model \"" + model + "\" has no chat template: name a model whose files hold one,"
                + " a Llama profile (llama3.1, llama2 …), or give \"template\":\"llama3\" or \"llama2\"");
    }
}
