package dev.tokenlab;

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
}
