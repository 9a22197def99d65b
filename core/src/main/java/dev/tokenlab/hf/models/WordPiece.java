package dev.tokenlab.hf.models;

import dev.tokenlab.hf.pipeline.Model;
import dev.tokenlab.hf.pipeline.NormalizedString;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The {@code WordPiece} model (BERT): greedy longest match first — from the start of the word, the
 * longest vocabulary entry (spelled with the continuing prefix, {@code ##}, after the first piece),
 * then the same from where it ends. A word longer than {@code max_input_chars_per_word} characters, or
 * one with a position where no entry matches, is one unknown token. Immutable and thread-safe.
 */
public final class WordPiece implements Model {
    private final String[] spellings;
    final Map<String, Integer> ids;
    final String prefix;
    final int unkId;
    final int maxChars;
    final int longest;

    /** A WordPiece model over {@code spellings} by id. */
    public WordPiece(String[] spellings, String prefix, int unkId, int maxChars) {
        this.spellings = spellings;
        this.ids = new HashMap<>(spellings.length * 2);
        int max = 1;
        for (int id = 0; id < spellings.length; id++) {
            if (spellings[id] != null) {
                ids.put(spellings[id], id);
                max = Math.max(max, spellings[id].codePointCount(0, spellings[id].length()));
            }
        }
        this.prefix = prefix;
        this.unkId = unkId;
        this.maxChars = maxChars;
        this.longest = max;
    }

    @Override
    public boolean tokenize(NormalizedString piece, TokenOut out) {
        int n = piece.length();
        if (n > maxChars) {
            return out.token(unkId, 0, n);
        }
        int[] found = new int[n * 3];
        int count = 0;
        int start = 0;
        StringBuilder sb = new StringBuilder();
        while (start < n) {
            int match = -1;
            int matchEnd = -1;
            for (int end = Math.min(n, start + longest); end > start; end--) {
                sb.setLength(0);
                if (start > 0) {
                    sb.append(prefix);
                }
                for (int i = start; i < end; i++) {
                    sb.appendCodePoint(piece.codePointAt(i));
                }
                Integer id = ids.get(sb.toString());
                if (id != null) {
                    match = id;
                    matchEnd = end;
                    break;
                }
            }
            if (match < 0) {
                return out.token(unkId, 0, n);
            }
            found[count++] = match;
            found[count++] = start;
            found[count++] = matchEnd;
            start = matchEnd;
        }
        for (int k = 0; k < count; k += 3) {
            if (!out.token(found[k], found[k + 1], found[k + 2])) {
                return false;
            }
        }
        return true;
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

    /** The unknown token's id. */
    public int unkId() {
        return unkId;
    }

    /** Words longer than this many characters are one unknown token ({@code max_input_chars_per_word}). */
    public int maxInputCharsPerWord() {
        return maxChars;
    }

    /** The continuing-subword prefix ({@code ##}). */
    public String prefix() {
        return prefix;
    }

    @Override
    public String describe() {
        return String.format("WordPiece, %,d tokens, prefix %s, unk %s, max %d chars per word", ids.size(), prefix, spellings[unkId], maxChars);
    }
}
