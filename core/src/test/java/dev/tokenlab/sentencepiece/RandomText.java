package dev.tokenlab.sentencepiece;

import java.util.Random;

/**
 * Seeded random Unicode text for property and conformance tests: mostly ASCII and whitespace, with
 * Latin, CJK, private-use and supplementary characters, and the {@code ▁} character. No lone
 * surrogates and no NUL (the C++ binding treats both specially).
 */
public final class RandomText {
    private static final String COMMON = " \t\n\r  \u2581a\u00e9";

    private RandomText() {
    }

    /** A string of 0..24 code points. */
    public static String next(Random random) {
        int length = random.nextInt(25);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            int cp;
            if (kind < 3) {
                cp = COMMON.codePointAt(random.nextInt(COMMON.length()));
            } else if (kind < 5) {
                cp = 0x20 + random.nextInt(0x5F);
            } else if (kind < 7) {
                cp = 1 + random.nextInt(0x2FFF);
            } else if (kind < 8) {
                cp = 0x3000 + random.nextInt(0xD800 - 0x3000);
            } else if (kind < 9) {
                cp = 0xE000 + random.nextInt(0x2000);
            } else {
                cp = 0x10000 + random.nextInt(0x110000 - 0x10000);
            }
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }
}
