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
     * Meta's Llama 2 chat format, exactly as core's {@code llama2} chat template (and {@code tokenlab chat -m
     * llama2}) renders it: per turn {@code <s>[INST] question [/INST] answer </s>}, the last question
     * {@code <s>[INST] question [/INST]}, an optional system message folded into the first question as
     * {@code <<SYS>>\n…\n<</SYS>>\n\n}. A conversation is counted exactly. Because a question and its answer
     * are encoded as one text, a message alone is counted in a one-character context: a question as a last
     * turn ({@code <s>[INST] … [/INST]}), an answer as what it adds after a question ({@code " answer " </s>}),
     * a system message as what it adds to the first question; no overhead. Without a system message these add
     * up to the conversation exactly (every prefix of the tested conversations: SentencePiece cuts at the spaces
     * around the brackets). A system message is written straight before the first question's first word
     * ({@code <</SYS>>\n\nQuestion}), which SentencePiece may then cut differently: the sum is off by up to
     * two tokens there (38 of 300 tested questions). A conversation the format refuses (roles that do not alternate after an eviction, a
     * tool result) counts as the sum of its messages, a tool result as its text.
     *
     * <pre>{@code
     * TokenlabTokenCountEstimator.forModel("llama2")
     *         .estimateTokenCountInMessage(UserMessage.from("Hi"));   // 9: <s> [INST] Hi [/INST]
     * }</pre>
     */
    LLAMA2,

    /**
     * The model's own Jinja chat template ({@code chat_template} of its {@code tokenizer_config.json}, or a
     * GGUF's {@code tokenizer.chat_template}), rendered as {@code transformers}' {@code apply_chat_template}
     * renders it (Tokenlab's templates module). A conversation's count is the rendered prompt's, generation
     * prompt included, exactly; a message costs what the template adds for it in the middle of a conversation,
     * and the {@link TokenlabTokenCountEstimator#conversationOverhead() overhead} is the rest of a
     * one-question conversation. Special-token text inside a message is matched as the rendered prompt is
     * tokenized, as transformers does.
     *
     * <pre>{@code
     * TokenlabTokenCountEstimator.forModel("models/qwen3")        // a folder with tokenizer_config.json
     *         .estimateTokenCountInMessage(UserMessage.from("Hi"));   // 6: <|im_start|>user\nHi<|im_end|>\n
     * }</pre>
     */
    TEMPLATE,

    /**
     * Text only, for models without a chat format Tokenlab knows (OpenAI encodings, files without a chat
     * template): a
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
     * {@code <|start_header_id|>}, {@code <|end_header_id|>}, {@code <|eot_id|>}) — Meta's format, which
     * Ollama's and llama.cpp's Llama 3 templates write too; else {@link #TEMPLATE} for a model whose files hold
     * a chat template; else {@link #LLAMA2} for the bundled {@code llama2} tokenizer; else {@link #TEXT}.
     *
     * <pre>{@code
     * ChatFormat.detect(Tokenizers.open("ollama:llama3.1"));   // LLAMA3
     * ChatFormat.detect(Tokenizers.load(Path.of("qwen3")));    // TEMPLATE
     * ChatFormat.detect(Tokenizers.get("llama2"));             // LLAMA2
     * ChatFormat.detect(Tokenizers.get("cl100k_base"));        // TEXT
     * }</pre>
     */
    public static ChatFormat detect(Tokenizer tokenizer) {
        if (tokenizer.specialTokens().keySet().containsAll(LLAMA3_TOKENS)) {
            return LLAMA3;
        }
        if (!tokenizer.describe().chatTemplates().isEmpty()) {
            return TEMPLATE;
        }
        return tokenizer.name().equals("llama2") ? LLAMA2 : TEXT;
    }
}
