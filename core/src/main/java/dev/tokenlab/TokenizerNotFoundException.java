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
        super("unknown " + what + " \"" + name + "\""
                + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(", ", suggestions) + "?"));
        this.suggestions = List.copyOf(suggestions);
    }

    /** The closest known names, best first (may be empty). */
    public List<String> suggestions() {
        return suggestions;
    }
}
