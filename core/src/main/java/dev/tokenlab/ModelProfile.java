package dev.tokenlab;

/**
 * What an app needs to budget tokens for one model, as data: which tokenizer it uses and how many
 * tokens its context window holds.
 *
 * <pre>{@code
 * ModelProfile p = ModelProfiles.get("llama3.1");
 * p.tokenizer();       // "llama3"
 * p.contextWindow();   // 131072
 * }</pre>
 *
 * @param name          the model's name, for example {@code llama3.1} or {@code gpt-4o}
 * @param tokenizer     the registry name of its tokenizer
 * @param contextWindow tokens of prompt plus answer the model accepts
 * @param chatTemplate  the chat format it expects ({@code llama3}, {@code llama2}, {@code none})
 * @param notes         one line for people
 */
public record ModelProfile(String name, String tokenizer, int contextWindow, String chatTemplate, String notes) {
}
