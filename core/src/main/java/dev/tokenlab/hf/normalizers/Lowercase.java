package dev.tokenlab.hf.normalizers;

/**
 * Lowercase mappings of single characters, as Rust's {@code char::to_lowercase} gives them: the full
 * mapping (İ → i + U+0307), never a context rule (Σ is always σ).
 */
final class Lowercase {
    private Lowercase() {
    }

    /** The lowercase of {@code cp}, or null when it is its own lowercase. */
    static String of(int cp) {
        if (cp < 0x80) {
            return cp >= 'A' && cp <= 'Z' ? String.valueOf((char) (cp + 32)) : null;
        }
        if (cp == 0x130) {
            return "i\u0307";
        }
        int lower = Character.toLowerCase(cp);
        return lower == cp ? null : new String(Character.toChars(lower));
    }
}
