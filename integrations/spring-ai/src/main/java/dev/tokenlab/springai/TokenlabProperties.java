package dev.tokenlab.springai;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code tokenlab.*} properties of {@link TokenlabAutoConfiguration}.
 *
 * <pre>{@code
 * # application.properties
 * tokenlab.model=ollama:llama3.1       # or llama3.1, a model file, hf:ORG/NAME
 * tokenlab.context=8192                # a TokenBudget bean of 8,192 tokens…
 * tokenlab.reserve=1024                # …less 1,024 kept for the answer
 * tokenlab.chunk-size=512              # the TokenlabTextSplitter bean's chunks
 * tokenlab.chunk-overlap=32
 * }</pre>
 */
@ConfigurationProperties(prefix = TokenlabProperties.PREFIX)
public class TokenlabProperties {
    /** The prefix of these properties: {@value}. */
    public static final String PREFIX = "tokenlab";

    /**
     * The model to count for: a bundled name (llama3, llama3.1, cl100k_base,
     * gpt-4o …), a model file or folder, hf:ORG/NAME or ollama:NAME.
     */
    private String model = "llama3";

    /**
     * The context window in tokens, for the TokenBudget bean. Defaults to the num_ctx of an ollama: model (else
     * Ollama's default 4096), the window of the model profile tokenlab.model names (llama3.1: 131072), or the
     * context length in the model's files; without any there is no TokenBudget bean.
     */
    private Integer context;

    /** Tokens of the context kept for the model's answer: the TokenBudget bean allows the context less these. */
    private int reserve = 0;

    /** The most tokens in a chunk of the TokenlabTextSplitter bean (Spring AI's TokenTextSplitter default: 800). */
    private int chunkSize = 800;

    /** About how many tokens consecutive chunks of the TokenlabTextSplitter bean share. */
    private int chunkOverlap = 0;

    /**
     * What each media (image, audio, file) of a MediaContent counts in the
     * TokenlabTokenCountEstimator bean, besides its text; it depends on the model's encoder, not its
     * tokenizer.
     */
    private int mediaTokens = 0;

    /**
     * {@code tokenlab.model}.
     *
     * <pre>{@code
     * new TokenlabProperties().getModel();   // "llama3"
     * }</pre>
     */
    public String getModel() {
        return model;
    }

    /**
     * Sets {@code tokenlab.model}.
     *
     * <pre>{@code
     * properties.setModel("ollama:llama3.1");
     * }</pre>
     */
    public void setModel(String model) {
        this.model = model;
    }

    /**
     * {@code tokenlab.context}, or {@code null} for the model profile's window.
     *
     * <pre>{@code
     * new TokenlabProperties().getContext();   // null
     * }</pre>
     */
    public Integer getContext() {
        return context;
    }

    /**
     * Sets {@code tokenlab.context}.
     *
     * <pre>{@code
     * properties.setContext(8_192);
     * }</pre>
     */
    public void setContext(Integer context) {
        this.context = context;
    }

    /**
     * {@code tokenlab.reserve}.
     *
     * <pre>{@code
     * new TokenlabProperties().getReserve();   // 0
     * }</pre>
     */
    public int getReserve() {
        return reserve;
    }

    /**
     * Sets {@code tokenlab.reserve}.
     *
     * <pre>{@code
     * properties.setReserve(1_024);
     * }</pre>
     */
    public void setReserve(int reserve) {
        this.reserve = reserve;
    }

    /**
     * {@code tokenlab.chunk-size}.
     *
     * <pre>{@code
     * new TokenlabProperties().getChunkSize();   // 800
     * }</pre>
     */
    public int getChunkSize() {
        return chunkSize;
    }

    /**
     * Sets {@code tokenlab.chunk-size}.
     *
     * <pre>{@code
     * properties.setChunkSize(512);
     * }</pre>
     */
    public void setChunkSize(int chunkSize) {
        this.chunkSize = chunkSize;
    }

    /**
     * {@code tokenlab.chunk-overlap}.
     *
     * <pre>{@code
     * new TokenlabProperties().getChunkOverlap();   // 0
     * }</pre>
     */
    public int getChunkOverlap() {
        return chunkOverlap;
    }

    /**
     * Sets {@code tokenlab.chunk-overlap}.
     *
     * <pre>{@code
     * properties.setChunkOverlap(32);
     * }</pre>
     */
    public void setChunkOverlap(int chunkOverlap) {
        this.chunkOverlap = chunkOverlap;
    }

    /**
     * {@code tokenlab.media-tokens}.
     *
     * <pre>{@code
     * new TokenlabProperties().getMediaTokens();   // 0
     * }</pre>
     */
    public int getMediaTokens() {
        return mediaTokens;
    }

    /**
     * Sets {@code tokenlab.media-tokens}.
     *
     * <pre>{@code
     * properties.setMediaTokens(85);   // GPT-4o's low-detail image
     * }</pre>
     */
    public void setMediaTokens(int mediaTokens) {
        this.mediaTokens = mediaTokens;
    }
}
