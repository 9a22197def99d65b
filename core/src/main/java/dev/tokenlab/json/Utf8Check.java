package dev.tokenlab.json;

/**
 * Well-formed UTF-8 as RFC 3629 and Unicode (table 3-7) define it: no overlong forms, no encoded
 * surrogates (U+D800 to U+DFFF), nothing above U+10FFFF. Java's own decoder would replace such
 * bytes by U+FFFD without a word; the reader must reject them instead, as serde_json does.
 */
final class Utf8Check {
    private Utf8Check() {
    }

    /**
     * The length (2 to 4) of the well-formed multi-byte sequence at {@code b[i]} (which must be a
     * non-ASCII byte), or minus the number of bytes that make up the ill-formed start of one: -1 when
     * {@code b[i]} cannot start a sequence, -2 when the byte after it is wrong, and so on. Bytes at or
     * after {@code end} count as wrong.
     */
    static int sequenceLength(byte[] b, int i, int end) {
        int b0 = b[i] & 0xFF;
        if (b0 < 0x80) {
            return 1;
        }
        int lo = 0x80;
        int hi = 0xBF;
        int need;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            need = 1;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            need = 2;
            if (b0 == 0xE0) {
                lo = 0xA0; // below: overlong
            } else if (b0 == 0xED) {
                hi = 0x9F; // above: a surrogate
            }
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            need = 3;
            if (b0 == 0xF0) {
                lo = 0x90; // below: overlong
            } else if (b0 == 0xF4) {
                hi = 0x8F; // above: beyond U+10FFFF
            }
        } else {
            return -1;
        }
        if (i + 1 >= end) {
            return -2;
        }
        int b1 = b[i + 1] & 0xFF;
        if (b1 < lo || b1 > hi) {
            return -2;
        }
        for (int k = 2; k <= need; k++) {
            if (i + k >= end || (b[i + k] & 0xC0) != 0x80) {
                return -(k + 1);
            }
        }
        return need + 1;
    }
}
