package dev.tokenlab;

import java.util.Locale;
import java.util.Objects;

/**
 * How to build a tokenizer beyond its name: the engine that runs it, the special-token policy its
 * policy-less methods use, and Meta's long-run split. Immutable; every {@code with} method returns a
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

    private static final TokenizerOptions DEFAULTS = new TokenizerOptions(CORE_ENGINE, SpecialTokens.asText(), false);

    private final String engine;
    private final SpecialTokens specialTokens;
    private final boolean metaSplit;

    private TokenizerOptions(String engine, SpecialTokens specialTokens, boolean metaSplit) {
        this.engine = engine;
        this.specialTokens = specialTokens;
        this.metaSplit = metaSplit;
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
        return new TokenizerOptions(e.isEmpty() ? CORE_ENGINE : e, specialTokens, metaSplit);
    }

    /**
     * These options with another policy for the methods that take none ({@link Tokenizer#encode(String)},
     * {@link Tokenizer#count(String)}, {@link Tokenizer#tokenize(String)}). The default,
     * {@link SpecialTokens#asText()}, is the safe one for user content.
     */
    public TokenizerOptions specialTokens(SpecialTokens policy) {
        return new TokenizerOptions(engine, Objects.requireNonNull(policy, "policy"), metaSplit);
    }

    /**
     * These options with Meta's {@code tokenizer.py} long-run split on or off: text is encoded in
     * parts of at most 400,000 characters, also cut wherever whitespace or non-whitespace runs longer
     * than 25,000 characters. Off by default, as in tiktoken and in servers (llama.cpp, Ollama, vLLM,
     * Hugging Face); ids differ only for inputs with such runs. Only tiktoken-style tokenizers on core's
     * engine have it; others refuse it with a {@link TokenizerException}.
     */
    public TokenizerOptions metaSplit(boolean on) {
        return new TokenizerOptions(engine, specialTokens, on);
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

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenizerOptions other && engine.equals(other.engine)
                && specialTokens.equals(other.specialTokens) && metaSplit == other.metaSplit;
    }

    @Override
    public int hashCode() {
        return Objects.hash(engine, specialTokens, metaSplit);
    }

    @Override
    public String toString() {
        return "TokenizerOptions[engine=" + engine + ", specialTokens=" + specialTokens + ", metaSplit=" + metaSplit + "]";
    }
}
