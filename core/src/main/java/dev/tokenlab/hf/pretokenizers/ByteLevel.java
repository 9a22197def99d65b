package dev.tokenlab.hf.pretokenizers;

import dev.tokenlab.hf.pipeline.ByteLevelAlphabet;
import dev.tokenlab.hf.pipeline.NormalizedString;
import dev.tokenlab.hf.pipeline.PreTokenizer;

import java.util.function.Consumer;

/**
 * The {@code ByteLevel} pre-tokenizer: prepends a space to every piece that does not start with one
 * ({@code add_prefix_space}), splits with GPT-2's pattern ({@code use_regex}), and writes each piece's
 * UTF-8 bytes in GPT-2's alphabet. A BPE model skips that last step ({@code mapBytes} false): it looks
 * input up by its UTF-8 bytes (see {@code dev.tokenlab.hf.models.Bpe}), which is the same thing without
 * building the mapped text. Other models (Unigram, WordLevel, WordPiece) get the mapped text.
 */
public final class ByteLevel implements PreTokenizer {
    /** The GPT-2 pattern the Rust library splits with when {@code use_regex} is on. */
    public static final String GPT2_PATTERN = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

    private final boolean addPrefixSpace;
    private final Split regex;
    private final boolean mapBytes;

    /** {@code gpt2} finds the GPT-2 pattern's matches; used only with {@code useRegex}. Pieces are not mapped. */
    public ByteLevel(boolean addPrefixSpace, boolean useRegex, Finder gpt2) {
        this(addPrefixSpace, useRegex, gpt2, false);
    }

    /** As above; with {@code mapBytes}, each piece is passed on written in GPT-2's byte alphabet. */
    public ByteLevel(boolean addPrefixSpace, boolean useRegex, Finder gpt2, boolean mapBytes) {
        this.addPrefixSpace = addPrefixSpace;
        this.regex = useRegex ? new Split(gpt2, SplitBehavior.Isolated, false, "GPT-2 pattern") : null;
        this.mapBytes = mapBytes;
    }

    /**
     * {@code text} with each code point's UTF-8 bytes written in GPT-2's alphabet, every byte character
     * standing for the whole code point (a lone surrogate is written as U+FFFD's bytes).
     */
    public static NormalizedString mapBytes(NormalizedString text) {
        NormalizedString.Builder out = text.edit();
        for (int i = 0; i < text.length(); i++) {
            int cp = text.codePointAt(i);
            if (cp >= 0xD800 && cp <= 0xDFFF) {
                cp = 0xFFFD;
            }
            if (cp < 0x80) {
                out.put(ByteLevelAlphabet.charOf(cp), i);
            } else if (cp < 0x800) {
                out.put(ByteLevelAlphabet.charOf(0xC0 | cp >> 6), i).put(ByteLevelAlphabet.charOf(0x80 | cp & 0x3F), i);
            } else if (cp < 0x10000) {
                out.put(ByteLevelAlphabet.charOf(0xE0 | cp >> 12), i).put(ByteLevelAlphabet.charOf(0x80 | cp >> 6 & 0x3F), i)
                        .put(ByteLevelAlphabet.charOf(0x80 | cp & 0x3F), i);
            } else {
                out.put(ByteLevelAlphabet.charOf(0xF0 | cp >> 18), i).put(ByteLevelAlphabet.charOf(0x80 | cp >> 12 & 0x3F), i)
                        .put(ByteLevelAlphabet.charOf(0x80 | cp >> 6 & 0x3F), i).put(ByteLevelAlphabet.charOf(0x80 | cp & 0x3F), i);
            }
        }
        return out.build();
    }

    @Override
    public void split(NormalizedString piece, Consumer<NormalizedString> out) {
        NormalizedString p = piece;
        if (addPrefixSpace && !piece.isEmpty() && piece.codePointAt(0) != ' ') {
            p = piece.edit().put(' ', 0).keep(0, piece.length()).build();
        }
        Consumer<NormalizedString> next = mapBytes ? q -> out.accept(mapBytes(q)) : out;
        if (regex == null) {
            next.accept(p);
        } else {
            regex.split(p, next);
        }
    }

    @Override
    public String toString() {
        return "ByteLevel(" + (addPrefixSpace ? "add_prefix_space" : "no prefix space") + (regex != null ? ", GPT-2 pattern" : "") + ")";
    }
}
