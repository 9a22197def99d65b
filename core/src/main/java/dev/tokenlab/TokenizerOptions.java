package dev.tokenlab;

import java.util.Locale;
import java.util.Objects;

/**
 * How to build a tokenizer beyond its name: the engine that runs it, the special-token policy its
 * policy-less methods use, whether the model's own special tokens are added, and Meta's long-run split. Immutable; every {@code with} method returns a
 * new instance, so one constant can be shared.
 *
 * <pre>{@code
 * TokenizerOptions meta = TokenizerOptions.defaults().metaSplit(true);
 * Tokenizers.get("llama3", meta).encode("Hello world");            // [9906, 1917]
 *
 * TokenizerOptions trusted = TokenizerOptions.defaults().specialTokens(SpecialTokens.allowAll());
 * Tokenizers.get("llama3", trusted).encode("<|eot_id|>");          // [128009]
 *
 * Tokenizers.get("llama3", TokenizerOptions.defaults().engine("jtokkit"));   // JTokkit runs it
 * }</pre>
 */
public final class TokenizerOptions {
    /** The name of core's own engine, the default. */
    public static final String CORE_ENGINE = "core";

    private static final TokenizerOptions DEFAULTS = new TokenizerOptions(CORE_ENGINE, SpecialTokens.asText(), false, false);

    private final String engine;
    private final SpecialTokens specialTokens;
    private final boolean metaSplit;
    private final boolean addSpecialTokens;

    private TokenizerOptions(String engine, SpecialTokens specialTokens, boolean metaSplit, boolean addSpecialTokens) {
        this.engine = engine;
        this.specialTokens = specialTokens;
        this.metaSplit = metaSplit;
        this.addSpecialTokens = addSpecialTokens;
    }

    /** Core's engine, special-token text as ordinary text, no long-run split. */
    public static TokenizerOptions defaults() {
        return DEFAULTS;
    }

    /**
     * These options on another engine: {@code core} (the default) or an adapter's ({@code jtokkit},
     * {@code sentencepiece}), case-insensitive.
     */
    public TokenizerOptions engine(String engine) {
        String e = Objects.requireNonNull(engine, "engine").trim().toLowerCase(Locale.ROOT);
        return new TokenizerOptions(e.isEmpty() ? CORE_ENGINE : e, specialTokens, metaSplit, addSpecialTokens);
    }

    /**
     * These options with another policy for the methods that take none ({@link Tokenizer#encode(String)},
     * {@link Tokenizer#count(String)}, {@link Tokenizer#tokenize(String)}). The default,
     * {@link SpecialTokens#asText()}, is the safe one for user content.
     */
    public TokenizerOptions specialTokens(SpecialTokens policy) {
        return new TokenizerOptions(engine, Objects.requireNonNull(policy, "policy"), metaSplit, addSpecialTokens);
    }

    /**
     * These options with Meta's {@code tokenizer.py} long-run split on or off: text is encoded in
     * parts of at most 400,000 characters, also cut wherever whitespace or non-whitespace runs longer
     * than 25,000 characters. Off by default, as in tiktoken and in servers (llama.cpp, Ollama, vLLM,
     * Hugging Face); ids differ only for inputs with such runs. Only tiktoken-style tokenizers on core's
     * engine have it; others refuse it with a {@link TokenizerException}.
     */
    public TokenizerOptions metaSplit(boolean on) {
        return new TokenizerOptions(engine, specialTokens, on, addSpecialTokens);
    }

    /**
     * These options with the model's own special tokens added around every encoded text, or not (the
     * default): what Hugging Face's {@code add_special_tokens=True} adds — {@code <|begin_of_text|>} for
     * Llama 3, {@code <bos>} for Gemma, {@code [CLS] … [SEP]} for BERT, nothing for Qwen or the OpenAI
     * encodings. Counts then include them.
     *
     * <pre>{@code
     * Tokenizers.get("llama3", TokenizerOptions.defaults().addSpecialTokens(true)).encode("Hi");   // [128000, 13347]
     * }</pre>
     */
    public TokenizerOptions addSpecialTokens(boolean on) {
        return new TokenizerOptions(engine, specialTokens, metaSplit, on);
    }

    /** The engine's name, lower-case: {@code core} unless set. */
    public String engine() {
        return engine;
    }

    /** Whether the engine is core's own. */
    public boolean isCoreEngine() {
        return CORE_ENGINE.equals(engine);
    }

    /** The policy of the methods that take none. */
    public SpecialTokens specialTokens() {
        return specialTokens;
    }

    /** Whether Meta's long-run split is asked for. */
    public boolean metaSplit() {
        return metaSplit;
    }

    /** Whether the model's special tokens are added around every encoded text. */
    public boolean addSpecialTokens() {
        return addSpecialTokens;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenizerOptions other && engine.equals(other.engine)
                && specialTokens.equals(other.specialTokens) && metaSplit == other.metaSplit
                && addSpecialTokens == other.addSpecialTokens;
    }

    @Override
    public int hashCode() {
        return Objects.hash(engine, specialTokens, metaSplit, addSpecialTokens);
    }

    @Override
    public String toString() {
        return "TokenizerOptions[engine=" + engine + ", specialTokens=" + specialTokens + ", metaSplit=" + metaSplit
                + ", addSpecialTokens=" + addSpecialTokens + "]";
    }
}
