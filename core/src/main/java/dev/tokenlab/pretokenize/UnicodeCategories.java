package dev.tokenlab.pretokenize;

import dev.tokenlab.TokenizerFormatException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * Unicode General_Category and White_Space for every code point, from Unicode 16.0 tables bundled
 * in the jar (see {@code tools/GenerateUnicodeTables.java}).
 *
 * <p>Why not {@link Character#getType(int)}: tiktoken's regexes classify characters with the Unicode
 * version compiled into Rust's {@code regex} crate (16.0), while Java 17 knows Unicode 13.0. Text
 * with a letter added since then (CJK Extension H, Kawi, Garay …) would split differently, and the
 * ids would differ from the reference. With bundled tables, the ids do not depend on the JVM.
 */
public final class UnicodeCategories {

    /** The Unicode version of the bundled tables. */
    public static final String UNICODE_VERSION;

    private static final byte[][] BLOCKS;
    private static final short[] INDEX;

    static {
        String resource = "general-category.bin.gz";
        try (InputStream raw = UnicodeCategories.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new TokenizerFormatException(resource, "bundled Unicode table is missing from the jar");
            }
            // one read of the whole table, then parsing from memory: byte-by-byte reads through the
            // inflater cost tens of milliseconds of startup while the JVM still interprets
            ByteBuffer in = ByteBuffer.wrap(new GZIPInputStream(raw).readAllBytes());
            byte[] magic = new byte[6];
            in.get(magic);
            if (!"TLUCD1".equals(new String(magic, StandardCharsets.US_ASCII))) {
                throw new TokenizerFormatException(resource, "bad magic");
            }
            byte[] version = new byte[in.get() & 0xFF];
            in.get(version);
            UNICODE_VERSION = new String(version, StandardCharsets.UTF_8);
            int blocks = in.getShort() & 0xFFFF;
            INDEX = new short[0x1100];
            in.asShortBuffer().get(INDEX);
            in.position(in.position() + 2 * INDEX.length);
            BLOCKS = new byte[blocks][];
            for (int i = 0; i < blocks; i++) {
                BLOCKS[i] = new byte[256];
                in.get(BLOCKS[i]);
            }
        } catch (BufferUnderflowException e) {
            throw new ExceptionInInitializerError(new TokenizerFormatException(resource, "truncated"));
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private UnicodeCategories() {
    }

    /**
     * The General_Category of a code point, as a {@link Character} type constant
     * ({@link Character#UPPERCASE_LETTER} …). Lone surrogates are {@link Character#SURROGATE}.
     */
    public static int category(int codePoint) {
        if (codePoint < 0 || codePoint > Character.MAX_CODE_POINT) {
            return Character.UNASSIGNED;
        }
        return BLOCKS[INDEX[codePoint >>> 8]][codePoint & 0xFF];
    }

    /** The categories of code points {@code block << 8} to {@code block << 8 | 0xFF} (shared: do not modify). */
    static byte[] block(int block) {
        return BLOCKS[INDEX[block]];
    }

    /** {@code \p{L}}: Lu, Ll, Lt, Lm or Lo. */
    public static boolean isLetter(int codePoint) {
        int c = category(codePoint);
        return c >= Character.UPPERCASE_LETTER && c <= Character.OTHER_LETTER;
    }

    /** {@code \p{N}}: Nd, Nl or No. */
    public static boolean isNumber(int codePoint) {
        int c = category(codePoint);
        return c == Character.DECIMAL_DIGIT_NUMBER || c == Character.LETTER_NUMBER || c == Character.OTHER_NUMBER;
    }

    /** {@code \p{M}}: Mn, Mc or Me. */
    public static boolean isMark(int codePoint) {
        int c = category(codePoint);
        return c == Character.NON_SPACING_MARK || c == Character.ENCLOSING_MARK || c == Character.COMBINING_SPACING_MARK;
    }

    /**
     * {@code \s} in a Unicode regex: the White_Space property (TAB … CR, space, NEL, NBSP, U+1680,
     * U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000). Not U+001C–U+001F, which Python's
     * {@code str.isspace()} counts but regex {@code \s} does not.
     */
    public static boolean isWhiteSpace(int codePoint) {
        if (codePoint <= 0x20) {
            return codePoint == 0x20 || (codePoint >= 0x09 && codePoint <= 0x0D);
        }
        if (codePoint < 0x85) {
            return false;
        }
        return codePoint == 0x85 || codePoint == 0xA0 || codePoint == 0x1680
                || (codePoint >= 0x2000 && codePoint <= 0x200A)
                || codePoint == 0x2028 || codePoint == 0x2029 || codePoint == 0x202F || codePoint == 0x205F
                || codePoint == 0x3000;
    }
}
