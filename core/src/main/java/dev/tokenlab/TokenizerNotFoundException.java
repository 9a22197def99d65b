package dev.tokenlab;

import java.util.List;

/**
 * No tokenizer, model profile or engine has the name asked for. The message lists the closest
 * known names, so a typo is one glance away from its fix.
 *
 * <pre>{@code
 * Tokenizers.get("lama3");
 * // throws: unknown model "lama3"; did you mean llama3, llama3.1, llama3.2?
 * }</pre>
 */
public final class TokenizerNotFoundException extends TokenizerException {
    private static final long serialVersionUID = 1L;

    private final List<String> suggestions;

    public TokenizerNotFoundException(String what, String name, List<String> suggestions) {
        this(what, name, suggestions, "");
    }

    /**
     * As {@link #TokenizerNotFoundException(String, String, List)}, with {@code advice} (what to do, for
     * names that have no close neighbours to suggest) after a semicolon:
     * {@code unknown Hugging Face repository "hf:Qwen/Qwen3-8b"; check the name at https://huggingface.co/Qwen/Qwen3-8b}.
     */
    public TokenizerNotFoundException(String what, String name, List<String> suggestions, String advice) {
        super("unknown " + what + " \"" + name + "\""
                + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(", ", suggestions) + "?")
                + (advice.isEmpty() ? "" : "; " + advice));
        this.suggestions = List.copyOf(suggestions);
    }

    /** The closest known names, best first (may be empty). */
    public List<String> suggestions() {
        return suggestions;
    }
}
