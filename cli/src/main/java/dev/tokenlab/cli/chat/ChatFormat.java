package dev.tokenlab.cli.chat;

import dev.tokenlab.templates.ModelChatTemplate;

/**
 * The chat format a command uses for a model: one of core's built-in formats (Meta's Llama 3 and Llama 2
 * reference encoders), or a Jinja chat template rendered as transformers renders it — the model's own, or a
 * template file.
 */
public sealed interface ChatFormat {

    /** The name shown in outputs: {@code llama3}, {@code llama2}, the model's template name, or the file. */
    String name();

    /** Core's built-in format: {@code llama3} or {@code llama2}. */
    record BuiltIn(dev.tokenlab.budget.ChatTemplate template) implements ChatFormat {
        @Override
        public String name() {
            return template.name();
        }
    }

    /**
     * A Jinja chat template with the model's special tokens.
     *
     * @param template the template and its tokenizer
     * @param name     the model's template name ({@code default}, {@code tool_use} …) or the file as given
     * @param fromFile true for a {@code --template FILE}, false for the model's own
     */
    record Jinja(ModelChatTemplate template, String name, boolean fromFile) implements ChatFormat {
    }
}
