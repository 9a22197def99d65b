package dev.tokenlab.templates;

import dev.tokenlab.SpecialTokens;
import dev.tokenlab.Tokenizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model's own chat template together with its tokenizer: renders a chat as {@code transformers}'
 * {@code apply_chat_template} does and counts it as that function tokenizes it (special-token text the
 * template writes is matched, nothing is added around the prompt). The template and the special tokens come
 * from the model's files ({@code tokenizer_config.json}'s {@code chat_template}, a string or named ones, and its
 * {@code bos_token}, {@code eos_token} …; a GGUF's {@code tokenizer.chat_template}), as
 * {@link Tokenizer#describe()} reports them.
 *
 * <pre>{@code
 * Tokenizer qwen = Tokenizers.load(Path.of("models/qwen3"));
 * ModelChatTemplate chat = ModelChatTemplate.of(qwen);
 * List<Map<String, Object>> messages = List.of(Map.of("role", "user", "content", "Hi"));
 * chat.render(messages, true, Map.of("enable_thinking", false), RenderOptions.defaults());
 * chat.count(messages, true, Map.of(), RenderOptions.defaults());   // the prompt's tokens
 * }</pre>
 *
 * <p>Counting assumes a tokenizer built without {@code addSpecialTokens} (the default), as
 * {@code apply_chat_template} tokenizes with {@code add_special_tokens=False}. Immutable and thread-safe.
 */
public final class ModelChatTemplate {
    /** The special-token roles transformers passes to a template (its special_tokens_map). */
    private static final List<String> SPECIAL_TOKEN_ROLES = List.of("bos_token", "eos_token", "unk_token", "sep_token",
            "pad_token", "cls_token", "mask_token");

    private final Tokenizer tokenizer;
    private final ChatTemplate template;
    private final Map<String, Object> specialTokens;

    private ModelChatTemplate(Tokenizer tokenizer, ChatTemplate template, Map<String, Object> specialTokens) {
        this.tokenizer = tokenizer;
        this.template = template;
        this.specialTokens = specialTokens;
    }

    /**
     * The model's default template ({@code default}, or its only one).
     *
     * @throws TemplateException if the model has no chat template, or it does not parse
     */
    public static ModelChatTemplate of(Tokenizer tokenizer) {
        Map<String, String> templates = tokenizer.describe().chatTemplates();
        String name = templates.containsKey("default") || templates.size() != 1 ? "default" : templates.keySet().iterator().next();
        return of(tokenizer, name);
    }

    /**
     * The model's template named {@code name} ({@code default}, {@code tool_use} …).
     *
     * @throws TemplateException if the model has no template of that name, or it does not parse
     */
    public static ModelChatTemplate of(Tokenizer tokenizer, String name) {
        Map<String, String> templates = tokenizer.describe().chatTemplates();
        String source = templates.get(name);
        if (source == null) {
            // transformers raises a ValueError for a tokenizer without chat_template
            throw new TemplateException("ValueError", templates.isEmpty()
                    ? tokenizer.name() + " has no chat template (its files hold none); give one"
                    : tokenizer.name() + " has no chat template named \"" + name + "\"; it has " + templates.keySet(), 0, 0);
        }
        return withTemplate(tokenizer, ChatTemplate.parse(source));
    }

    /** {@code template} in place of the model's own (a template file the user gives), with the model's special tokens. */
    public static ModelChatTemplate withTemplate(Tokenizer tokenizer, ChatTemplate template) {
        Map<String, Object> tokens = new HashMap<>();
        tokenizer.describe().specialTokenNames().forEach((role, text) -> {
            if (SPECIAL_TOKEN_ROLES.contains(role) && !text.isEmpty()) {
                tokens.put(role, text);
            }
        });
        return new ModelChatTemplate(Objects.requireNonNull(tokenizer, "tokenizer"), Objects.requireNonNull(template, "template"),
                Map.copyOf(tokens));
    }

    /**
     * The prompt text: the template rendered with {@code messages}, {@code add_generation_prompt}, the model's
     * special tokens and {@code variables} ({@code tools}, {@code documents}, {@code enable_thinking} …; they win
     * over the special tokens, as keyword arguments do in transformers).
     *
     * @throws TemplateException if the template refuses the chat ({@code raise_exception}) or fails
     */
    public String render(List<? extends Map<String, ?>> messages, boolean addGenerationPrompt, Map<String, ?> variables,
                         RenderOptions options) {
        Map<String, Object> all = new HashMap<>(specialTokens);
        all.put("messages", messages);
        all.put("add_generation_prompt", addGenerationPrompt);
        all.putIfAbsent("tools", null);
        all.putIfAbsent("documents", null);
        all.putAll(variables);
        return template.render(all, options);
    }

    /** The prompt's ids, as {@code apply_chat_template(..., tokenize=True)} gives them. */
    public int[] encode(List<? extends Map<String, ?>> messages, boolean addGenerationPrompt, Map<String, ?> variables,
                        RenderOptions options) {
        return tokenizer.encode(render(messages, addGenerationPrompt, variables, options), SpecialTokens.allowAll());
    }

    /** The prompt's token count. */
    public int count(List<? extends Map<String, ?>> messages, boolean addGenerationPrompt, Map<String, ?> variables,
                     RenderOptions options) {
        return tokenizer.count(render(messages, addGenerationPrompt, variables, options), SpecialTokens.allowAll());
    }

    /**
     * Each message's share of the prompt: the count of the first {@code k + 1} messages rendered without the
     * generation prompt less that of the first {@code k}. With {@link Accounting#overhead()} (the empty chat,
     * and the generation prompt) they add up to {@link #count} exactly; where the template refuses an empty
     * chat, the first message's share holds the template's preamble too, and where it refuses a longer prefix
     * (Gemma 3 folds a system message into the first user turn and refuses the system message alone), that
     * message's share is 0 and the next message's share holds it. A share may be negative where a
     * template renders earlier messages differently once later ones follow (Qwen3 drops the thinking of all
     * but the last turn).
     */
    public Accounting accounting(List<? extends Map<String, ?>> messages, boolean addGenerationPrompt, Map<String, ?> variables,
                                 RenderOptions options) {
        List<Integer> shares = new ArrayList<>(messages.size());
        int empty;
        try {
            empty = count(List.of(), false, variables, options);
        } catch (TemplateException refused) {
            empty = 0; // a template that refuses an empty chat (Qwen3, Gemma 3): the first message carries the preamble
        }
        int previous = empty;
        for (int k = 1; k <= messages.size(); k++) {
            int now;
            try {
                now = count(messages.subList(0, k), false, variables, options);
            } catch (TemplateException refused) {
                if (k == messages.size()) {
                    throw refused;
                }
                shares.add(0); // a prefix the template refuses (Gemma 3: a system message alone): the next message carries it
                continue;
            }
            shares.add(now - previous);
            previous = now;
        }
        int total = addGenerationPrompt ? count(messages, true, variables, options) : previous;
        return new Accounting(total, empty + (total - previous), List.copyOf(shares));
    }

    /**
     * A chat's count, split into each message's share and the rest.
     *
     * @param total    the prompt's count
     * @param overhead what belongs to no message: the empty chat's count and the generation prompt
     * @param messages each message's share, in order; {@code total == overhead + sum(messages)}
     */
    public record Accounting(int total, int overhead, List<Integer> messages) {
    }
}
