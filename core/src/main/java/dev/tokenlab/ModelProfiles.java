package dev.tokenlab;

import java.util.List;
import java.util.Optional;

/**
 * The model profiles Tokenlab knows: name → tokenizer, context window, chat template.
 *
 * <pre>{@code
 * ModelProfiles.find("llama2").map(ModelProfile::contextWindow);   // Optional[4096]
 * }</pre>
 */
public final class ModelProfiles {
    private static final List<ModelProfile> ALL = List.of(
            new ModelProfile("llama3", "llama3", 8_192, "llama3", "Meta Llama 3 (April 2024)"),
            new ModelProfile("llama3.1", "llama3", 131_072, "llama3", "Meta Llama 3.1"),
            new ModelProfile("llama3.2", "llama3", 131_072, "llama3", "Meta Llama 3.2 (1B, 3B, 11B/90B vision)"),
            new ModelProfile("llama3.3", "llama3", 131_072, "llama3", "Meta Llama 3.3 70B"),
            new ModelProfile("llama2", "llama2", 4_096, "llama2", "Meta Llama 2 (SentencePiece BPE)"),
            new ModelProfile("gpt-4o", "o200k_base", 128_000, "none", "OpenAI GPT-4o"),
            new ModelProfile("gpt-4o-mini", "o200k_base", 128_000, "none", "OpenAI GPT-4o mini"),
            new ModelProfile("gpt-4.1", "o200k_base", 1_047_576, "none", "OpenAI GPT-4.1 family"),
            new ModelProfile("gpt-4.1-mini", "o200k_base", 1_047_576, "none", "OpenAI GPT-4.1 mini"),
            new ModelProfile("gpt-4.1-nano", "o200k_base", 1_047_576, "none", "OpenAI GPT-4.1 nano"),
            new ModelProfile("gpt-4", "cl100k_base", 8_192, "none", "OpenAI GPT-4 (8K)"),
            new ModelProfile("gpt-4-turbo", "cl100k_base", 128_000, "none", "OpenAI GPT-4 Turbo"),
            new ModelProfile("gpt-3.5-turbo", "cl100k_base", 16_385, "none", "OpenAI GPT-3.5 Turbo"));

    private ModelProfiles() {
    }

    /** Every known profile. */
    public static List<ModelProfile> all() {
        return ALL;
    }

    /** The profile named {@code name} (case-insensitive), if any. */
    public static Optional<ModelProfile> find(String name) {
        return ALL.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
    }

    /**
     * The profile named {@code name}.
     *
     * @throws TokenizerNotFoundException with the closest names if there is none
     */
    public static ModelProfile get(String name) {
        return find(name).orElseThrow(() -> new TokenizerNotFoundException("model profile", name,
                Names.closest(name, ALL.stream().map(ModelProfile::name).toList())));
    }
}
