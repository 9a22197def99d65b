package dev.tokenlab;

import dev.tokenlab.internal.Utf8;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One token as a learner or an editor sees it: its id, the exact bytes it stands for, and the part
 * of the input string it came from.
 *
 * <p>Offsets are UTF-16 indexes into the original input ({@code String.substring(charStart, charEnd)}).
 * A byte-level BPE token can hold only part of a character (an emoji's first two UTF-8 bytes, say);
 * such a token's range is the whole character, so two neighbouring spans can share it. Use
 * {@link #isPartialCharacter()} to tell.
 *
 * <pre>{@code
 * Tokenizers.get("llama3").tokenize("unhappiness");
 * // [TokenSpan[id=359, "un", 0..2], TokenSpan[id=71, "h", 2..3], TokenSpan[id=67391, "appiness", 3..11]]
 * }</pre>
 *
 * @param id        the token id
 * @param bytes     the token's bytes (UTF-8 for text, possibly an incomplete character); do not modify
 * @param charStart first UTF-16 index in the input that this token covers
 * @param charEnd   one past the last UTF-16 index this token covers
 * @param special   whether this is a special (control) token such as {@code <|begin_of_text|>}
 */
public record TokenSpan(int id, byte[] bytes, int charStart, int charEnd, boolean special) {

    /** The token's bytes read as UTF-8; a partial character becomes U+FFFD. */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** True when the bytes do not form whole UTF-8 characters (the token splits a character). */
    public boolean isPartialCharacter() {
        return !Utf8.isValid(bytes, 0, bytes.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenSpan other && id == other.id && charStart == other.charStart
                && charEnd == other.charEnd && special == other.special && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return ((id * 31 + charStart) * 31 + charEnd) * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "TokenSpan[id=" + id + ", " + (special ? "special " : "") + Utf8.quote(bytes)
                + ", " + charStart + ".." + charEnd + "]";
    }
}
