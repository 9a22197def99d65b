package dev.tokenlab.hf.normalizers;

import dev.tokenlab.hf.unicode.LowercaseMappings;

/**
 * Lowercase mappings of single characters, as Rust's {@code char::to_lowercase} gives them: Unicode 17.0
 * ({@link LowercaseMappings}, not the JVM's {@link Character#toLowerCase}, which is 13.0 on Java 17), the full
 * mapping (İ → i + U+0307), never a context rule (Σ is always σ). ASCII needs no table.
 */
final class Lowercase {
    private Lowercase() {
    }

    /** Reads the table now (normalizers that lowercase call this when they are built, to fail early). */
    static void load() {
        LowercaseMappings.unicode17();
    }

    /** The lowercase of {@code cp}, or null when it is its own lowercase. */
    static String of(int cp) {
        if (cp < 0x80) {
            return cp >= 'A' && cp <= 'Z' ? String.valueOf((char) (cp + 32)) : null;
        }
        return LowercaseMappings.unicode17().lowercase(cp);
    }
}
