package dev.tokenlab.springai;

import dev.tokenlab.SpecialTokens;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import org.springframework.ai.content.MediaContent;
import org.springframework.ai.tokenizer.TokenCountEstimator;

import java.util.List;
import java.util.Objects;

/**
 * Spring AI's {@link TokenCountEstimator} with Tokenlab's exact counts, for any Tokenlab model: bundled
 * ({@code llama3}, {@code llama3.1}, {@code cl100k_base} …), a model file, {@code hf:ORG/NAME} or
 * {@code ollama:NAME}. A drop-in for {@code JTokkitTokenCountEstimator}, which knows only OpenAI encodings.
 *
 * <pre>{@code
 * TokenCountEstimator estimator = TokenlabTokenCountEstimator.forModel("llama3.1");
 * estimator.estimate("Hello world");                                   // 2
 * estimator.estimate("<|endoftext|>");                                 // 7: text, where JTokkit's throws
 * BatchingStrategy batching = new TokenCountBatchingStrategy(estimator, 8_000, 0.1,
 *         Document.DEFAULT_CONTENT_FORMATTER, MetadataMode.EMBED);     // batches by Llama 3 tokens
 * }</pre>
 *
 * <p><b>What is counted.</b> Text exactly, as {@code tokenlab count} counts it: special-token text
 * ({@code <|endoftext|>}, {@code <|eot_id|>}) is ordinary text whatever policy the tokenizer was built with,
 * never an exception; {@code null} is 0. A {@link MediaContent} (a {@code UserMessage}, an
 * {@code AssistantMessage} …) costs the tokens of its text plus {@link #tokensPerMedia()} for each attached
 * media: what an image or a file costs is decided by the model's own encoder, not its tokenizer, so Tokenlab
 * does not guess it; the default is 0 (text only). {@code JTokkitTokenCountEstimator} instead counts the
 * media's MIME type and its bytes as Base64 text, which no model does. No chat-format overhead is added: a
 * {@code MediaContent} carries no position in a prompt.
 *
 * <p>Immutable and thread-safe.
 */
public final class TokenlabTokenCountEstimator implements TokenCountEstimator {
    private final Tokenizer tokenizer;
    private final int tokensPerMedia;

    /**
     * An estimator for {@code tokenizer} that counts text only (media are 0).
     *
     * <pre>{@code
     * new TokenlabTokenCountEstimator(Tokenizers.open("ollama:llama3.1")).estimate("Hello world");   // 2
     * }</pre>
     */
    public TokenlabTokenCountEstimator(Tokenizer tokenizer) {
        this(tokenizer, 0);
    }

    /**
     * An estimator for {@code tokenizer} that counts each media of a {@link MediaContent} as
     * {@code tokensPerMedia} tokens, besides its text.
     *
     * <pre>{@code
     * // GPT-4o charges a low-detail image 85 tokens
     * new TokenlabTokenCountEstimator(Tokenizers.get("o200k_base"), 85)
     *         .estimate(UserMessage.builder().text("What is this?").media(image).build());   // 4 + 85
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code tokensPerMedia} is negative
     */
    public TokenlabTokenCountEstimator(Tokenizer tokenizer, int tokensPerMedia) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        if (tokensPerMedia < 0) {
            throw new IllegalArgumentException("tokensPerMedia must not be negative: " + tokensPerMedia);
        }
        this.tokensPerMedia = tokensPerMedia;
    }

    /**
     * An estimator for a model as {@link Tokenizers#open(String)} takes it: a name, a path, or
     * {@code SCHEME:NAME}; text only.
     *
     * <pre>{@code
     * TokenlabTokenCountEstimator.forModel("llama3.1");
     * TokenlabTokenCountEstimator.forModel("hf:Qwen/Qwen3-8B");
     * TokenlabTokenCountEstimator.forModel("../shared/models/llama2/tokenizer.model");
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
     * What each media of a {@link MediaContent} counts, besides its text: 0 unless given.
     *
     * <pre>{@code
     * new TokenlabTokenCountEstimator(Tokenizers.get("o200k_base"), 85).tokensPerMedia();   // 85
     * }</pre>
     */
    public int tokensPerMedia() {
        return tokensPerMedia;
    }

    /**
     * The tokens of {@code text}, special-token text counted as ordinary text; 0 for {@code null}. Equals
     * {@code tokenizer().count(text, SpecialTokens.asText())} and {@code tokenlab count}.
     *
     * <pre>{@code
     * TokenlabTokenCountEstimator.forModel("llama3").estimate("<|eot_id|>");     // 7
     * TokenlabTokenCountEstimator.forModel("cl100k_base").estimate("<|endoftext|>");   // 7, never an exception
     * }</pre>
     */
    @Override
    public int estimate(String text) {
        return text == null ? 0 : tokenizer.count(text, SpecialTokens.asText());
    }

    /**
     * The tokens of the content's text plus {@link #tokensPerMedia()} for each of its media.
     *
     * <pre>{@code
     * TokenlabTokenCountEstimator.forModel("llama3").estimate(new UserMessage("Hello world"));   // 2
     * }</pre>
     */
    @Override
    public int estimate(MediaContent content) {
        Objects.requireNonNull(content, "content");
        List<?> media = content.getMedia();
        return estimate(content.getText()) + (media == null ? 0 : media.size() * tokensPerMedia);
    }

    /**
     * The sum of {@link #estimate(MediaContent)} over {@code contents}.
     *
     * <pre>{@code
     * TokenlabTokenCountEstimator.forModel("llama3")
     *         .estimate(List.of(new UserMessage("Hello"), new AssistantMessage("world")));   // 2
     * }</pre>
     */
    @Override
    public int estimate(Iterable<MediaContent> contents) {
        int total = 0;
        for (MediaContent content : Objects.requireNonNull(contents, "contents")) {
            total += estimate(content);
        }
        return total;
    }

    @Override
    public String toString() {
        return "TokenlabTokenCountEstimator[" + tokenizer.name() + ", tokensPerMedia=" + tokensPerMedia + "]";
    }
}
