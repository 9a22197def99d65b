package dev.tokenlab.hf.unicode;

/**
 * Unicode General_Category at the two old versions the Rust {@code tokenizers} library compiles in, whatever
 * the JVM knows (Java 17: 13.0):
 * <ul>
 *   <li>{@link #unicode8()}: the crate {@code unicode_categories} (Unicode 8.0), used by {@code BertNormalizer}
 *       ({@code clean_text} removes Cc/Cf/Co, {@code strip_accents} removes Mn) and by the punctuation test of
 *       {@code BertPreTokenizer} and {@code Punctuation}. So U+16E99 (Medefaidrin, 11.0) is not punctuation and
 *       U+08E2 (Cf since 9.0) is not removed, as in the reference;</li>
 *   <li>{@link #unicode9()}: the crate {@code unicode-normalization-alignments} (Unicode 9.0), whose combining
 *       marks (Mn, Mc, Me) {@code StripAccents} removes, and which tells which code points 9.0 assigns.</li>
 * </ul>
 * Values are {@link Character#getType(int)} constants. Data: {@code general-category-8.0.bin.gz} and
 * {@code general-category-9.0.bin.gz} (3.3 and 3.4 KB in the jar; 129 and 133 distinct blocks of 256 bytes, about
 * 45 KB of heap each), from the npm packages {@code @unicode/unicode-8.0.0} / {@code -9.0.0}, checked against
 * ICU4J 57.1 / 58.2 for every code point by {@code tools/GenerateHfUnicodeTables.java}. Each is read on first use,
 * in 2–5 ms on a cold JVM (measured on the project's 2-core machine), so tokenizers that never need it never pay
 * for it. Immutable and thread-safe.
 */
public final class GeneralCategories {
    private static volatile GeneralCategories unicode8;
    private static volatile GeneralCategories unicode9;

    private final String version;
    private final BlockTable table;

    private GeneralCategories(String version, BlockTable table) {
        this.version = version;
        this.table = table;
    }

    /** Unicode 8.0 (read on first call). */
    public static GeneralCategories unicode8() {
        GeneralCategories t = unicode8;
        if (t == null) {
            synchronized (GeneralCategories.class) {
                t = unicode8;
                if (t == null) {
                    unicode8 = t = read(TableReader.open("general-category-8.0.bin.gz", "TLUCD1", "8.0"), "8.0");
                }
            }
        }
        return t;
    }

    /** Unicode 9.0 (read on first call). */
    public static GeneralCategories unicode9() {
        GeneralCategories t = unicode9;
        if (t == null) {
            synchronized (GeneralCategories.class) {
                t = unicode9;
                if (t == null) {
                    unicode9 = t = read(TableReader.open("general-category-9.0.bin.gz", "TLUCD1", "9.0"), "9.0");
                }
            }
        }
        return t;
    }

    static GeneralCategories read(TableReader in, String version) {
        BlockTable table = in.blockTable();
        if (table.maxValue() > Character.FINAL_QUOTE_PUNCTUATION || table.containsValue(17)) {
            throw in.error("a value that is no General_Category");
        }
        in.finish();
        return new GeneralCategories(version, table);
    }

    /** The Unicode version of the table. */
    public String version() {
        return version;
    }

    /** The General_Category of a code point, as a {@link Character} type constant; unassigned is {@link Character#UNASSIGNED}. */
    public int category(int codePoint) {
        return table.get(codePoint);
    }

    /** Whether the code point is assigned (its category is not Cn). */
    public boolean isAssigned(int codePoint) {
        return codePoint >= 0 && codePoint <= Character.MAX_CODE_POINT && category(codePoint) != Character.UNASSIGNED;
    }

    /** P*: Pc, Pd, Ps, Pe, Pi, Pf or Po. */
    public boolean isPunctuation(int codePoint) {
        return switch (category(codePoint)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /** M*: Mn, Mc or Me. */
    public boolean isMark(int codePoint) {
        int c = category(codePoint);
        return c == Character.NON_SPACING_MARK || c == Character.COMBINING_SPACING_MARK || c == Character.ENCLOSING_MARK;
    }

    /** Mn. */
    public boolean isNonSpacingMark(int codePoint) {
        return category(codePoint) == Character.NON_SPACING_MARK;
    }

    /** Cc, Cf or Co: what {@code BertNormalizer}'s {@code clean_text} counts as control (it keeps Cn). */
    public boolean isControlFormatOrPrivateUse(int codePoint) {
        int c = category(codePoint);
        return c == Character.CONTROL || c == Character.FORMAT || c == Character.PRIVATE_USE;
    }

    @Override
    public String toString() {
        return "General_Category " + version;
    }
}
