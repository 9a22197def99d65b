package dev.tokenlab.langchain4j;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.TokenCountEstimator;
import dev.tokenlab.SpecialTokens;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.templates.ModelChatTemplate;

import java.util.Objects;

/**
 * LangChain4j's {@link TokenCountEstimator} with Tokenlab's exact counts, for any Tokenlab model: bundled
 * ({@code llama3}, {@code llama3.1}, {@code cl100k_base} …), a model file, {@code hf:ORG/NAME} or
 * {@code ollama:NAME}. A drop-in for {@code OpenAiTokenCountEstimator} where the model is not OpenAI's.
 *
 * <pre>{@code
 * TokenlabTokenCountEstimator estimator = TokenlabTokenCountEstimator.forModel("llama3.1");
 * DocumentSplitter splitter = DocumentSplitters.recursive(512, 32, estimator);   // or TokenlabDocumentSplitter
 * ChatMemory memory = TokenWindowChatMemory.withMaxTokens(8_000, estimator);
 * estimator.estimateTokenCountInText("Hello world");                 // 2
 * estimator.estimateTokenCountInMessages(List.of(UserMessage.from("Hi")));   // 11, as tokenlab chat counts
 * }</pre>
 *
 * <p><b>What is counted.</b> Text, and the text of messages, is counted with special-token text as ordinary
 * text ({@code <|eot_id|>} in a text is 7 tokens, never an exception), whatever policy the tokenizer was built
 * with. Messages are mapped by {@link LangChain4jMessages} and counted in the {@link ChatFormat}:
 * {@link ChatFormat#LLAMA3} (exact, detected from the tokenizer's special tokens), {@link ChatFormat#LLAMA2}
 * (exact, for Llama 2), {@link ChatFormat#TEMPLATE} (the model's own Jinja template: Qwen3, Gemma 3, DeepSeek
 * V3 …) or {@link ChatFormat#TEXT} (text only).
 * {@code estimateTokenCountInMessages(list) == conversationOverhead() + Σ estimateTokenCountInMessage(m)},
 * which LangChain4j's {@code TokenWindowChatMemory} relies on when it evicts, always holds for Llama 3 and
 * text, and for Llama 2 and templates where the format writes each message independently of its neighbours
 * (tested: Llama 2, and ChatML-style templates such as Qwen3's and DeepSeek V3's); see each {@link ChatFormat}
 * for what a message alone costs. With Llama 3 the conversation count is the whole prompt, BOS and reply header
 * included, the total of {@code tokenlab chat --format count}.
 *
 * <p>Immutable and thread-safe.
 */
public final class TokenlabTokenCountEstimator implements TokenCountEstimator {
    private final Tokenizer tokenizer;
    private final ChatFormat chatFormat;
    private final ChatCounts counts;

    /**
     * An estimator for {@code tokenizer}, in the chat format its special tokens tell ({@link ChatFormat#detect}).
     *
     * <pre>{@code
     * new TokenlabTokenCountEstimator(Tokenizers.open("ollama:llama3.1"));   // Llama 3 chat format
     * }</pre>
     */
    public TokenlabTokenCountEstimator(Tokenizer tokenizer) {
        this(tokenizer, ChatFormat.detect(Objects.requireNonNull(tokenizer, "tokenizer")));
    }

    /**
     * An estimator for {@code tokenizer} that counts messages in {@code chatFormat}.
     *
     * <pre>{@code
     * new TokenlabTokenCountEstimator(Tokenizers.get("llama3"), ChatFormat.TEXT);   // message text only
     * }</pre>
     *
     * @throws dev.tokenlab.TokenizerException if the format needs special tokens the tokenizer lacks
     * @throws dev.tokenlab.templates.TemplateException for {@link ChatFormat#TEMPLATE} when the model's files
     *         hold no chat template, or it does not parse
     */
    public TokenlabTokenCountEstimator(Tokenizer tokenizer, ChatFormat chatFormat) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.chatFormat = Objects.requireNonNull(chatFormat, "chatFormat");
        Tokenizer asText = tokenizer.withDefaultSpecialTokens(SpecialTokens.asText());
        this.counts = switch (chatFormat) {
            case LLAMA3 -> new Llama3Counts(asText);
            case LLAMA2 -> new Llama2Counts(asText);
            case TEMPLATE -> new TemplateCounts(asText, ModelChatTemplate.of(tokenizer));
            case TEXT -> new TextCounts(asText);
        };
    }

    /**
     * An estimator for a model as {@link Tokenizers#open(String)} takes it: a name, a path, or
     * {@code SCHEME:NAME}.
     *
     * <pre>{@code
     * TokenlabTokenCountEstimator.forModel("llama3.1");
     * TokenlabTokenCountEstimator.forModel("hf:Qwen/Qwen3-8B");   // in Qwen3's own chat template
     * }</pre>
     *
     * @throws dev.tokenlab.TokenizerNotFoundException if nothing has that name
     */
    public static TokenlabTokenCountEstimator forModel(String model) {
        return new TokenlabTokenCountEstimator(Tokenizers.open(Objects.requireNonNull(model, "model")));
    }

    /**
     * The tokenizer that counts.
     *
     * <pre>{@code
     * TokenlabTokenCountEstimator.forModel("llama3.1").tokenizer().name();   // "llama3"
     * }</pre>
     */
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /**
     * The format messages are counted in.
     *
     * <pre>{@code
     * TokenlabTokenCountEstimator.forModel("gpt-4o").chatFormat();   // TEXT
     * }</pre>
     */
    public ChatFormat chatFormat() {
        return chatFormat;
    }

    /**
     * What a conversation costs besides its messages: 5 for Llama 3 ({@code <|begin_of_text|>} and the
     * assistant's header {@code <|start_header_id|>assistant<|end_header_id|>\n\n}), 0 for text only; with a
     * model's own template, a one-question conversation's count less what its question costs (Qwen3: 3, the
     * reply's {@code <|im_start|>assistant\n}).
     *
     * <pre>{@code
     * TokenlabTokenCountEstimator.forModel("llama3").conversationOverhead();   // 5
     * }</pre>
     */
    public int conversationOverhead() {
        return counts.overhead();
    }

    /**
     * The tokens of {@code text}, special-token text counted as ordinary text; equals
     * {@code tokenizer().count(text, SpecialTokens.asText())} and {@code tokenlab count}.
     *
     * <pre>{@code
     * TokenlabTokenCountEstimator.forModel("llama3").estimateTokenCountInText("<|eot_id|>");   // 7
     * }</pre>
     */
    @Override
    public int estimateTokenCountInText(String text) {
        return tokenizer.count(Objects.requireNonNull(text, "text"), SpecialTokens.asText());
    }

    /**
     * What {@code message} adds to a conversation: with Llama 3 its header, content and {@code <|eot_id|>};
     * with Llama 2 see {@link ChatFormat#LLAMA2}; with a model's own template what the template writes for it in the middle of a conversation; as text
     * only, its text. 0 for a message that is not part of the prompt ({@link LangChain4jMessages}).
     *
     * <pre>{@code
     * TokenlabTokenCountEstimator.forModel("llama3").estimateTokenCountInMessage(UserMessage.from("Hi"));   // 6
     * }</pre>
     */
    @Override
    public int estimateTokenCountInMessage(ChatMessage message) {
        return counts.message(Objects.requireNonNull(message, "message"));
    }

    /**
     * What {@code messages} cost as a prompt: with Llama 3 {@link #conversationOverhead()} plus each message's
     * {@link #estimateTokenCountInMessage count}, the rendered prompt's length, BOS and the assistant's header
     * included, as {@code tokenlab chat --format count} totals it; with Llama 2 or a model's own template the
     * rendered prompt's count; as text only, the sum of the messages' texts.
     *
     * <pre>{@code
     * TokenlabTokenCountEstimator.forModel("llama3")
     *         .estimateTokenCountInMessages(List.of(SystemMessage.from("Be brief."), UserMessage.from("Hi")));   // 19
     * }</pre>
     */
    @Override
    public int estimateTokenCountInMessages(Iterable<ChatMessage> messages) {
        return counts.conversation(Objects.requireNonNull(messages, "messages"));
    }

    @Override
    public String toString() {
        return "TokenlabTokenCountEstimator[" + tokenizer.name() + ", " + chatFormat + "]";
    }
}
