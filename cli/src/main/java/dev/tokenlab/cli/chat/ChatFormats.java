package dev.tokenlab.cli.chat;

import dev.tokenlab.ModelProfile;
import dev.tokenlab.ModelProfiles;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.cli.exit.CliException;
import dev.tokenlab.cli.exit.ExitCodes;
import dev.tokenlab.cli.input.TextInput;
import dev.tokenlab.templates.ChatTemplate;
import dev.tokenlab.templates.ModelChatTemplate;
import dev.tokenlab.templates.TemplateException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which chat format a model gets. The rule, in order:
 * <ol>
 *   <li>{@code --template llama3} or {@code llama2}: core's built-in format (Meta's reference encoder);</li>
 *   <li>{@code --template FILE} (any other value: a path): that Jinja template, with the model's special tokens;</li>
 *   <li>{@code --template-name NAME}: the model's own template of that name ({@code tool_use} …);</li>
 *   <li>the model's own Jinja template when its files carry one ({@code tokenizer_config.json}'s
 *       {@code chat_template}, a GGUF's {@code tokenizer.chat_template}) — what transformers' apply_chat_template,
 *       Ollama and llama.cpp apply, so a Llama 3 folder gets its Hugging Face template, not the built-in one;</li>
 *   <li>else the built-in format of the model's profile (the bundled {@code llama3}, {@code llama3.1} … and
 *       {@code llama2}, which carry no Jinja template);</li>
 *   <li>else one line, in transformers' words: the model has no chat template.</li>
 * </ol>
 */
public final class ChatFormats {
    /** The built-in formats {@code --template} names. */
    public static final List<String> BUILT_IN = List.of("llama3", "llama2");

    private ChatFormats() {
    }

    /**
     * The format for {@code tokenizer} (opened as {@code model}).
     *
     * @param template     {@code --template}: a built-in name or a Jinja file, or null
     * @param templateName {@code --template-name}, or null
     * @throws CliException usage (exit 2) for a model without a template or without that name, an option clash or
     *                      a missing file; error (exit 1) for a template that does not parse
     */
    public static ChatFormat choose(Tokenizer tokenizer, String model, String template, String templateName) {
        if (template != null && templateName != null) {
            throw CliException.usage("give --template or --template-name, not both");
        }
        if (template != null) {
            if (BUILT_IN.contains(template.toLowerCase(Locale.ROOT))) {
                return new ChatFormat.BuiltIn(dev.tokenlab.budget.ChatTemplate.forName(template.toLowerCase(Locale.ROOT)));
            }
            return fromFile(tokenizer, template);
        }
        if (templateName != null) {
            return own(tokenizer, model, templateName);
        }
        if (!tokenizer.describe().chatTemplates().isEmpty()) {
            return own(tokenizer, model, null);
        }
        Optional<ModelProfile> profile = ModelProfiles.find(model);
        if (profile.isPresent() && !profile.get().chatTemplate().equals("none")) {
            return new ChatFormat.BuiltIn(dev.tokenlab.budget.ChatTemplate.forName(profile.get().chatTemplate()));
        }
        throw CliException.usage(noTemplate(model));
    }

    /** transformers' words for a tokenizer without chat_template, and what to give instead. */
    static String noTemplate(String model) {
        List<String> builtIn = ModelProfiles.all().stream()
                .filter(p -> !p.chatTemplate().equals("none")).map(ModelProfile::name).toList();
        return "model " + model + ": cannot use chat template functions because tokenizer.chat_template is not set"
                + " and no --template was given (a FILE.jinja, or llama3|llama2); models with a built-in one: "
                + String.join(", ", builtIn);
    }

    private static ChatFormat own(Tokenizer tokenizer, String model, String name) {
        Map<String, String> templates = tokenizer.describe().chatTemplates();
        if (templates.isEmpty()) {
            throw CliException.usage(noTemplate(model));
        }
        // ModelChatTemplate.of(tokenizer)'s choice: "default", or the only one
        String chosen = name != null ? name
                : templates.containsKey("default") || templates.size() != 1 ? "default" : templates.keySet().iterator().next();
        try {
            return new ChatFormat.Jinja(ModelChatTemplate.of(tokenizer, chosen), chosen, false);
        } catch (TemplateException e) {
            if (e.kind().equals("ValueError")) {
                throw CliException.usage("model " + model + ": " + e.reason());
            }
            throw new CliException(ExitCodes.ERROR, "model " + model + ": its chat template does not parse: " + e.getMessage(), e);
        }
    }

    private static ChatFormat fromFile(Tokenizer tokenizer, String file) {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw CliException.usage("--template " + file + ": no such file (the built-in formats are "
                    + String.join(" and ", BUILT_IN) + ")");
        }
        String source = TextInput.decodeStrict(TextInput.readFile(path), file);
        try {
            return new ChatFormat.Jinja(ModelChatTemplate.withTemplate(tokenizer, ChatTemplate.parse(source)), file, true);
        } catch (TemplateException e) {
            throw new CliException(ExitCodes.ERROR, file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses the flags only a Jinja template reads ({@code --tools}, {@code --var}, {@code --date},
     * {@code --no-generation-prompt}) when {@code model}'s format is core's built-in one.
     *
     * @throws CliException (usage) naming the format
     */
    public static void refuseJinjaFlags(String model, ChatFormat format, ChatSettings settings) {
        if (!(format instanceof ChatFormat.Jinja) && settings.anyGiven()) {
            throw CliException.usage("--tools, --var, --date and --no-generation-prompt are for a Jinja chat template;"
                    + " " + model + " uses core's built-in " + format.name() + " format here");
        }
    }
}
