package dev.tokenlab;

import dev.tokenlab.internal.Utf8;

import java.nio.charset.StandardCharsets;

/**
 * Text decoded from ids, with a flag that says whether anything was lost on the way.
 *
 * <p>Ids can end in the middle of a UTF-8 character (a byte-level BPE token may hold the first two
 * bytes of an emoji) or contain byte sequences that are not UTF-8 at all. Such bytes cannot become a
 * {@code String} exactly; they are replaced by U+FFFD, and {@link #lossless()} is false. Use
 * {@link Tokenizer#decodeBytes(int[])} when you need the exact bytes.
 *
 * @param text              the decoded text, U+FFFD where bytes were not valid UTF-8
 * @param lossless          true when the bytes were valid UTF-8, so {@code text} is exact
 * @param replacedSequences how many invalid byte sequences became U+FFFD
 */
public record Decoded(String text, boolean lossless, int replacedSequences) {

    /**
     * Decodes UTF-8 bytes, replacing each maximal invalid subpart by one U+FFFD (the Unicode
     * "substitution of maximal subparts" practice, as Python's {@code errors="replace"} does).
     *
     * <pre>{@code
     * Decoded.of("hé".getBytes(UTF_8));                         // Decoded[text=hé, lossless=true, replacedSequences=0]
     * Decoded.of(new byte[] {'a', (byte) 0xF0, (byte) 0x9F});   // Decoded[text=a\uFFFD, lossless=false, replacedSequences=1]
     * }</pre>
     */
    public static Decoded of(byte[] utf8) {
        if (Utf8.isValid(utf8, 0, utf8.length)) {
            return new Decoded(new String(utf8, StandardCharsets.UTF_8), true, 0);
        }
        StringBuilder sb = new StringBuilder(utf8.length);
        int replaced = 0;
        int i = 0;
        while (i < utf8.length) {
            int n = Utf8.validSequenceLength(utf8, i, utf8.length);
            if (n > 0) {
                sb.append(new String(utf8, i, n, StandardCharsets.UTF_8));
                i += n;
            } else {
                sb.append(Utf8.REPLACEMENT);
                replaced++;
                i += Utf8.maximalInvalidSubpart(utf8, i, utf8.length);
            }
        }
        return new Decoded(sb.toString(), false, replaced);
    }
}
