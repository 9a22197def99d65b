package dev.tokenlab.hf.pretokenizers;

import dev.tokenlab.hf.pipeline.NormalizedString;
import dev.tokenlab.hf.pipeline.PreTokenizer;

import java.util.function.Consumer;

/** The {@code FixedLength} pre-tokenizer: consecutive chunks of {@code length} code points (the last one shorter). */
public final class FixedLength implements PreTokenizer {
    private final int length;

    /** Chunks of {@code length} (at least 1) code points. */
    public FixedLength(int length) {
        if (length < 1) {
            throw new IllegalArgumentException("length must be at least 1, not " + length);
        }
        this.length = length;
    }

    @Override
    public void split(NormalizedString piece, Consumer<NormalizedString> out) {
        for (int i = 0; i < piece.length(); i += length) {
            out.accept(piece.slice(i, Math.min(piece.length(), i + length)));
        }
    }

    @Override
    public String toString() {
        return "FixedLength(" + length + ")";
    }
}
