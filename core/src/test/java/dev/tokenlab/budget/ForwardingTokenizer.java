package dev.tokenlab.budget;

import dev.tokenlab.SpecialTokens;
import dev.tokenlab.TokenSink;
import dev.tokenlab.Tokenizer;

import java.util.Map;
import java.util.OptionalInt;

/** A tokenizer that delegates everything through its sink loop, for tests that watch that loop. */
class ForwardingTokenizer implements Tokenizer {
    private final Tokenizer delegate;

    ForwardingTokenizer(Tokenizer delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public int vocabularySize() {
        return delegate.vocabularySize();
    }

    @Override
    public void encode(CharSequence text, SpecialTokens policy, TokenSink sink) {
        delegate.encode(text, policy, sink);
    }

    @Override
    public byte[] tokenBytes(int id) {
        return delegate.tokenBytes(id);
    }

    @Override
    public Map<String, Integer> specialTokens() {
        return delegate.specialTokens();
    }

    @Override
    public boolean isSpecial(int id) {
        return delegate.isSpecial(id);
    }

    @Override
    public OptionalInt bosId() {
        return delegate.bosId();
    }

    @Override
    public OptionalInt eosId() {
        return delegate.eosId();
    }
}
