package dev.tokenlab.hf.models;

import dev.tokenlab.TokenizerException;
import dev.tokenlab.hf.pipeline.Model;
import dev.tokenlab.hf.pipeline.NormalizedString;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The {@code WordLevel} model: a whole pre-token is one vocabulary entry, or the unknown token. As in
 * Rust, an unknown token missing from the vocabulary is an error only when a word needs it
 * ("WordLevel error: Missing [UNK] token from the vocabulary"). Immutable and thread-safe.
 */
public final class WordLevel implements Model {
    private final String[] spellings;
    private final Map<String, Integer> ids;
    private final String unk;
    private final int unkId;

    /** A WordLevel model over {@code spellings} by id ({@code null} for an unused id). */
    public WordLevel(String[] spellings, String unk) {
        this.spellings = spellings;
        this.ids = new HashMap<>(spellings.length * 2);
        for (int id = 0; id < spellings.length; id++) {
            if (spellings[id] != null) {
                ids.put(spellings[id], id);
            }
        }
        this.unk = unk;
        Integer u = ids.get(unk);
        this.unkId = u == null ? -1 : u;
    }

    @Override
    public boolean tokenize(NormalizedString piece, TokenOut out) {
        Integer id = ids.get(piece.toString());
        if (id == null) {
            if (unkId < 0) {
                throw new TokenizerException("WordLevel error: Missing " + unk + " token from the vocabulary");
            }
            id = unkId;
        }
        return out.token(id, 0, piece.length());
    }

    /** The unknown token's id, or -1 when it is not in the vocabulary. */
    public int unkId() {
        return unkId;
    }

    @Override
    public String token(int id) {
        return id >= 0 && id < spellings.length ? spellings[id] : null;
    }

    @Override
    public OptionalInt id(String token) {
        Integer id = ids.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    @Override
    public int idBound() {
        return spellings.length;
    }

    @Override
    public int vocabularyEntries() {
        return ids.size();
    }

    @Override
    public String describe() {
        return String.format("WordLevel, %,d words, unk %s%s", ids.size(), unk, unkId < 0 ? " (not in the vocabulary)" : "");
    }
}
