package dev.tokenlab.springai;

import dev.tokenlab.Decoded;
import dev.tokenlab.SpecialTokens;
import dev.tokenlab.TokenSink;
import dev.tokenlab.TokenSpan;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerDescription;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A tokenizer whose default special-token policy is {@link SpecialTokens#asText()}, whatever the wrapped one was
 * built with, so that core's chunker and {@code TokenBudget}, which encode with the default policy, treat special-token
 * text in documents and prompts as text (as {@code tokenlab count} does) and never throw.
 */
final class AsTextTokenizer implements Tokenizer {
    private final Tokenizer tokenizer;

    private AsTextTokenizer(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** {@code tokenizer} itself when its default policy is already "as text", else a wrapper. */
    static Tokenizer of(Tokenizer tokenizer) {
        return tokenizer.defaultSpecialTokens().equals(SpecialTokens.asText()) ? tokenizer : new AsTextTokenizer(tokenizer);
    }

    @Override
    public SpecialTokens defaultSpecialTokens() {
        return SpecialTokens.asText();
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
        return tokenizer + " (special-token text as text)";
    }
}
