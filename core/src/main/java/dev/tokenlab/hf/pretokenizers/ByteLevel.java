package dev.tokenlab.hf.pretokenizers;

import dev.tokenlab.hf.pipeline.NormalizedString;
import dev.tokenlab.hf.pipeline.PreTokenizer;

import java.util.function.Consumer;

/**
 * The {@code ByteLevel} pre-tokenizer: prepends a space to every piece that does not start with one
 * ({@code add_prefix_space}), and splits with GPT-2's pattern ({@code use_regex}). The mapping of
 * bytes to GPT-2's alphabet is not done here: a byte-level model looks input up by its UTF-8 bytes
 * (see {@code dev.tokenlab.hf.models.Bpe}), which is the same thing without building the mapped text.
 */
public final class ByteLevel implements PreTokenizer {
    /** The GPT-2 pattern the Rust library splits with when {@code use_regex} is on. */
    public static final String GPT2_PATTERN = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

    private final boolean addPrefixSpace;
    private final Split regex;

    /** {@code gpt2} finds the GPT-2 pattern's matches; used only with {@code useRegex}. */
    public ByteLevel(boolean addPrefixSpace, boolean useRegex, Finder gpt2) {
        this.addPrefixSpace = addPrefixSpace;
        this.regex = useRegex ? new Split(gpt2, SplitBehavior.Isolated, false, "GPT-2 pattern") : null;
    }

    @Override
    public void split(NormalizedString piece, Consumer<NormalizedString> out) {
        NormalizedString p = piece;
        if (addPrefixSpace && !piece.isEmpty() && piece.codePointAt(0) != ' ') {
            p = piece.edit().put(' ', 0).keep(0, piece.length()).build();
        }
        if (regex == null) {
            out.accept(p);
        } else {
            regex.split(p, out);
        }
    }

    @Override
    public String toString() {
        return "ByteLevel(" + (addPrefixSpace ? "add_prefix_space" : "no prefix space") + (regex != null ? ", GPT-2 pattern" : "") + ")";
    }
}
