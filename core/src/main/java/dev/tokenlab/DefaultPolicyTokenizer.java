package dev.tokenlab;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A tokenizer with another default special-token policy than the one it wraps, for
 * {@link Tokenizer#withDefaultSpecialTokens}: the methods that take no policy use {@code policy}, every other
 * method is the wrapped tokenizer's. The framework integrations use it to count special-token text in
 * messages and documents as text (as {@code tokenlab count} does) whatever policy the application built the
 * tokenizer with.
 */
final class DefaultPolicyTokenizer implements Tokenizer {
    private final Tokenizer tokenizer;
    private final SpecialTokens policy;

    private DefaultPolicyTokenizer(Tokenizer tokenizer, SpecialTokens policy) {
        this.tokenizer = tokenizer;
        this.policy = policy;
    }

    /** {@code tokenizer} itself when its default is already {@code policy}, else a wrapper (never a wrapper of a wrapper). */
    static Tokenizer of(Tokenizer tokenizer, SpecialTokens policy) {
        Objects.requireNonNull(policy, "policy");
        Tokenizer inner = tokenizer instanceof DefaultPolicyTokenizer d ? d.tokenizer : tokenizer;
        return inner.defaultSpecialTokens().equals(policy) ? inner : new DefaultPolicyTokenizer(inner, policy);
    }

    @Override
    public SpecialTokens defaultSpecialTokens() {
        return policy;
    }

    @Override
    public String name() {
        return tokenizer.name();
    }

    @Override
    public int vocabularySize() {
        return tokenizer.vocabularySize();
    }

    @Override
    public void encode(CharSequence text, SpecialTokens policy, TokenSink sink) {
        tokenizer.encode(text, policy, sink);
    }

    @Override
    public int[] encode(String text, SpecialTokens policy) {
        return tokenizer.encode(text, policy);
    }

    @Override
    public int count(String text, SpecialTokens policy) {
        return tokenizer.count(text, policy);
    }

    @Override
    public List<TokenSpan> tokenize(String text, SpecialTokens policy) {
        return tokenizer.tokenize(text, policy);
    }

    @Override
    public byte[] tokenBytes(int id) {
        return tokenizer.tokenBytes(id);
    }

    @Override
    public byte[] decodeBytes(int[] ids) {
        return tokenizer.decodeBytes(ids);
    }

    @Override
    public Decoded decodeChecked(int[] ids) {
        return tokenizer.decodeChecked(ids);
    }

    @Override
    public String decode(int[] ids) {
        return tokenizer.decode(ids);
    }

    @Override
    public Optional<String> piece(int id) {
        return tokenizer.piece(id);
    }

    @Override
    public Map<String, Integer> specialTokens() {
        return tokenizer.specialTokens();
    }

    @Override
    public boolean isSpecial(int id) {
        return tokenizer.isSpecial(id);
    }

    @Override
    public OptionalInt bosId() {
        return tokenizer.bosId();
    }

    @Override
    public OptionalInt eosId() {
        return tokenizer.eosId();
    }

    @Override
    public int lastSafeCut(CharSequence text, int from, int to) {
        return tokenizer.lastSafeCut(text, from, to);
    }

    @Override
    public TokenizerDescription describe() {
        return tokenizer.describe();
    }

    @Override
    public String toString() {
        return tokenizer + " (default special tokens: " + policy + ")";
    }
}
