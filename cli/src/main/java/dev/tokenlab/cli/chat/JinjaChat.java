package dev.tokenlab.cli.chat;

import dev.tokenlab.cli.exit.CliException;
import dev.tokenlab.cli.exit.ExitCodes;
import dev.tokenlab.cli.input.ChatRequest;
import dev.tokenlab.templates.ModelChatTemplate;
import dev.tokenlab.templates.RenderOptions;
import dev.tokenlab.templates.TemplateException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One chat request under a Jinja chat template, with the command line's settings applied: the prompt text, its ids
 * and its per-message accounting, as transformers' {@code apply_chat_template} gives them. A template that refuses
 * the chat ({@code raise_exception}, Gemma's alternation rule) or fails becomes one line with the template's own
 * message (exit 1).
 */
public final class JinjaChat {
    private final ChatFormat.Jinja format;
    private final String source;
    private final List<Map<String, Object>> messages;
    private final boolean addGenerationPrompt;
    private final Map<String, Object> variables;
    private final RenderOptions options;

    /**
     * @param source the chat file's name or {@code stdin}, for messages
     */
    public JinjaChat(ChatFormat.Jinja format, ChatRequest request, ChatSettings settings, String source) {
        this.format = format;
        this.source = source;
        this.messages = request.messages();
        this.addGenerationPrompt = settings.addGenerationPrompt() != null ? settings.addGenerationPrompt()
                : request.addGenerationPrompt() == null || request.addGenerationPrompt();
        Map<String, Object> vars = new HashMap<>(request.templateKwargs());
        vars.put("tools", settings.tools() != null ? settings.tools() : request.tools());
        vars.put("documents", request.documents());
        vars.putAll(settings.variables());
        this.variables = vars;
        this.options = settings.now() == null ? RenderOptions.defaults() : RenderOptions.defaults().withNow(settings.now());
    }

    /** The rendered prompt, exactly. */
    public String text() {
        try {
            return format.template().render(messages, addGenerationPrompt, variables, options);
        } catch (TemplateException e) {
            throw refused(e);
        }
    }

    /** The prompt's ids (special-token text the template writes is matched; nothing is added around it). */
    public int[] ids() {
        try {
            return format.template().encode(messages, addGenerationPrompt, variables, options);
        } catch (TemplateException e) {
            throw refused(e);
        }
    }

    /** The count, each message's share (successive prefixes) and the overhead. */
    public ModelChatTemplate.Accounting accounting() {
        try {
            return format.template().accounting(messages, addGenerationPrompt, variables, options);
        } catch (TemplateException e) {
            throw refused(e);
        }
    }

    /** The roles of the messages, in order. */
    public List<String> roles() {
        return messages.stream().map(m -> (String) m.get("role")).toList();
    }

    private CliException refused(TemplateException e) {
        String which = format.fromFile() ? "the template " + format.name() : "the chat template";
        String verb = e.kind().equals("TemplateError") ? " refuses the chat: " : " fails on the chat: ";
        return new CliException(ExitCodes.ERROR, source + ": " + which + verb + e.getMessage(), e);
    }
}
