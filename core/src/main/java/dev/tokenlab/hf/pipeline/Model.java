package dev.tokenlab.hf.pipeline;

import java.util.OptionalInt;

/**
 * The {@code model} of a {@code tokenizer.json} (BPE, WordPiece, Unigram, WordLevel): turns one
 * pre-token into ids. Implementations are immutable and thread-safe.
 */
public interface Model {

    /** Receives one token of a piece: its id and the code points {@code [start, end)} of the piece it covers. */
    @FunctionalInterface
    interface TokenOut {
        /** Returns {@code false} to stop. */
        boolean token(int id, int start, int end);
    }

    /**
     * Tokenizes one non-empty pre-token.
     *
     * @return {@code false} if {@code out} stopped
     */
    boolean tokenize(NormalizedString piece, TokenOut out);

    /** The vocabulary's spelling of {@code id} (for byte-level models, in the GPT-2 alphabet), or null if it has none. */
    String token(int id);

    /** The id of a vocabulary spelling, if any. */
    OptionalInt id(String token);

    /** One more than the largest id of the model's vocabulary. */
    int idBound();

    /** Number of entries of the model's vocabulary (ids may have holes). */
    int vocabularyEntries();

    /** One line for people: {@code BPE, 128,000 tokens, 280,147 merges, ignore_merges}. */
    String describe();
}
