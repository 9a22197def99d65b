package dev.tokenlab.hf.pipeline;

/**
 * GPT-2's byte-to-character table, which byte-level vocabularies are written in: the printable bytes
 * {@code !..~}, {@code 0xA1..0xAC} and {@code 0xAE..0xFF} stand for themselves, the other 68 bytes, in
 * increasing order, for U+0100, U+0101 … (space is {@code Ġ} U+0120, line feed {@code Ċ} U+010A).
 */
public final class ByteLevelAlphabet {
    private static final char[] CHAR_OF_BYTE = new char[256];
    private static final int[] BYTE_OF_CHAR = new int[0x144];

    static {
        java.util.Arrays.fill(BYTE_OF_CHAR, -1);
        int next = 0x100;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = printable ? (char) b : (char) next++;
            CHAR_OF_BYTE[b] = c;
            BYTE_OF_CHAR[c] = b;
        }
    }

    private ByteLevelAlphabet() {
    }

    /** The character byte {@code b} is written as. */
    public static char charOf(int b) {
        return CHAR_OF_BYTE[b & 0xFF];
    }

    /** The byte character {@code c} stands for, or -1 if it is not in the alphabet. */
    public static int byteOf(int c) {
        return c >= 0 && c < BYTE_OF_CHAR.length ? BYTE_OF_CHAR[c] : -1;
    }

    /** The bytes a spelling stands for, or {@code null} if one of its characters is not in the alphabet. */
    public static byte[] bytesOf(String spelling) {
        byte[] out = new byte[spelling.length()];
        for (int i = 0; i < spelling.length(); i++) {
            int b = byteOf(spelling.charAt(i));
            if (b < 0) {
                return null;
            }
            out[i] = (byte) b;
        }
        return out;
    }

    /** The spelling of some bytes. */
    public static String spellingOf(byte[] bytes) {
        char[] out = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = CHAR_OF_BYTE[bytes[i] & 0xFF];
        }
        return new String(out);
    }
}
