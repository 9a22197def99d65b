package dev.tokenlab.langchain4j;

import dev.tokenlab.Tokenizer;

import java.util.List;

/**
 * How {@link TokenlabTokenCountEstimator} counts chat messages: in the model's own chat format, or as
 * text only.
 *
 * <pre>{@code
 * ChatFormat.detect(Tokenizers.get("llama3"));        // LLAMA3
 * ChatFormat.detect(Tokenizers.get("cl100k_base"));   // TEXT
 * }</pre>
 */
public enum ChatFormat {
    /**
     * Meta's Llama 3.x chat format, exactly as core's {@code llama3} chat template (and
     * {@code tokenlab chat}) renders it: {@code <|begin_of_text|>}, then per message
     * {@code <|start_header_id|>role<|end_header_id|>\n\n content <|eot_id|>}, then the assistant's header.
     * A message costs its header, content and {@code <|eot_id|>}; a conversation costs
     * {@link TokenlabTokenCountEstimator#conversationOverhead() 5 tokens} more: the BOS and the header of
     * the reply.
     *
     * <pre>{@code
     * new TokenlabTokenCountEstimator(Tokenizers.get("llama3"), ChatFormat.LLAMA3)
     *         .estimateTokenCountInMessage(UserMessage.from("Hi"));   // 6: 4 header + 1 content + 1 <|eot_id|>
     * }</pre>
     */
    LLAMA3,

    /**
     * Text only, for models without a built-in chat format (OpenAI encodings, Hugging Face files, Llama 2): a
     * message costs the tokens of its text, a conversation the sum, with no overhead. It undercounts the
     * real prompt by the model's per-message markers.
     *
     * <pre>{@code
     * new TokenlabTokenCountEstimator(Tokenizers.get("cl100k_base"), ChatFormat.TEXT)
     *         .estimateTokenCountInMessage(UserMessage.from("Hello world"));   // 2
     * }</pre>
     */
    TEXT;

    private static final List<String> LLAMA3_TOKENS =
            List.of("<|begin_of_text|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>");

    /**
     * {@link #LLAMA3} for a tokenizer that has Llama 3's four chat tokens ({@code <|begin_of_text|>},
     * {@code <|start_header_id|>}, {@code <|end_header_id|>}, {@code <|eot_id|>}), else {@link #TEXT}.
     *
     * <pre>{@code
     * ChatFormat.detect(Tokenizers.open("ollama:llama3.1"));   // LLAMA3
     * ChatFormat.detect(Tokenizers.get("llama2"));             // TEXT
     * }</pre>
     */
    public static ChatFormat detect(Tokenizer tokenizer) {
        return tokenizer.specialTokens().keySet().containsAll(LLAMA3_TOKENS) ? LLAMA3 : TEXT;
    }
}
