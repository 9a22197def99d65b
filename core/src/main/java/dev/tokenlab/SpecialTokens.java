package dev.tokenlab;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What an encoder does when the input contains the text of a special token such as
 * {@code <|eot_id|>}: treat it as ordinary text (the default), emit the special token's id, or fail.
 *
 * <p>The default matters for safety: user content must never be able to inject a control token.
 * Meta's Llama 3 {@code tokenizer.py} encodes special-token text as ordinary text unless the caller
 * allows it, and so does every {@link Tokenizer#encode(String)} here. Chat templates insert their
 * special ids structurally instead of parsing them out of text.
 *
 * <pre>{@code
 * Tokenizer llama3 = Tokenizers.get("llama3");
 * llama3.encode("<|eot_id|>");                                   // [27, 91, 68, 354, 851, 91, 29]
 * llama3.encode("<|eot_id|>", SpecialTokens.allowAll());         // [128009]
 * llama3.encode("<|eot_id|>", SpecialTokens.allow(Set.of("<|eot_id|>"))); // [128009]
 * llama3.encode("<|eot_id|>", SpecialTokens.disallowAll());      // throws SpecialTokenException
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SpecialTokens {

    /** What to do with one special token's text found in the input. */
    public enum Action {
        /** Encode the text like any other text (several ordinary tokens). */
        TEXT,
        /** Emit the special token's id. */
        ALLOW,
        /** Refuse the whole input with a {@link SpecialTokenException}. */
        DISALLOW
    }

    private static final SpecialTokens AS_TEXT = new SpecialTokens(Action.TEXT, Map.of());
    private static final SpecialTokens ALLOW_ALL = new SpecialTokens(Action.ALLOW, Map.of());
    private static final SpecialTokens DISALLOW_ALL = new SpecialTokens(Action.DISALLOW, Map.of());

    private final Action otherwise;
    private final Map<String, Action> named;

    private SpecialTokens(Action otherwise, Map<String, Action> named) {
        this.otherwise = otherwise;
        this.named = named;
    }

    /** Special-token text is ordinary text. The default of every {@code encode} without a policy. */
    public static SpecialTokens asText() {
        return AS_TEXT;
    }

    /** Every special token's text becomes its id. Only for text you fully control. */
    public static SpecialTokens allowAll() {
        return ALLOW_ALL;
    }

    /** The named special tokens become their ids; any other special-token text stays ordinary text. */
    public static SpecialTokens allow(Set<String> tokens) {
        return new SpecialTokens(Action.TEXT, only(tokens, Action.ALLOW));
    }

    /** Any special-token text in the input is an error ({@code tiktoken}'s default). */
    public static SpecialTokens disallowAll() {
        return DISALLOW_ALL;
    }

    /** The named special tokens are an error; any other special-token text stays ordinary text. */
    public static SpecialTokens disallow(Set<String> tokens) {
        return new SpecialTokens(Action.TEXT, only(tokens, Action.DISALLOW));
    }

    /**
     * The named tokens become their ids and every other special-token text is an error, like
     * {@code tiktoken}'s {@code encode(text, allowed_special={...})}.
     */
    public static SpecialTokens allowOnly(Set<String> tokens) {
        return new SpecialTokens(Action.DISALLOW, only(tokens, Action.ALLOW));
    }

    private static Map<String, Action> only(Set<String> tokens, Action action) {
        Objects.requireNonNull(tokens, "tokens");
        Map<String, Action> map = new HashMap<>();
        for (String token : tokens) {
            map.put(Objects.requireNonNull(token, "token"), action);
        }
        return Map.copyOf(map);
    }

    /** The action for one special token's text. */
    public Action actionFor(String token) {
        return named.getOrDefault(token, otherwise);
    }

    /** True when no special token can be emitted or refused, so the scan for them can be skipped. */
    public boolean isAllText() {
        return otherwise == Action.TEXT && named.values().stream().allMatch(a -> a == Action.TEXT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpecialTokens other && otherwise == other.otherwise && named.equals(other.named);
    }

    @Override
    public int hashCode() {
        return otherwise.hashCode() * 31 + named.hashCode();
    }

    @Override
    public String toString() {
        return named.isEmpty() ? "SpecialTokens[" + otherwise + "]" : "SpecialTokens[" + named + ", otherwise " + otherwise + "]";
    }
}
