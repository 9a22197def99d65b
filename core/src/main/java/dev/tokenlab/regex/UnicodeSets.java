package dev.tokenlab.regex;

import dev.tokenlab.pretokenize.UnicodeCategories;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Unicode 16.0 sets behind {@code \p{..}}, {@code \w}, {@code \s} and {@code \d}, built from the
 * bundled General_Category table ({@link UnicodeCategories}), never from the JVM's (Java 17 knows
 * Unicode 13).
 *
 * <p>Meanings, as Oniguruma and Rust's {@code regex} give them in Unicode mode:
 * <ul>
 * <li>{@code \s}: White_Space (TAB … CR, space, NEL, NBSP, U+1680, U+2000–U+200A, U+2028, U+2029,
 *     U+202F, U+205F, U+3000).</li>
 * <li>{@code \d}: General_Category Nd.</li>
 * <li>{@code \w}: Alphabetic, M, Nd, Pc and Join_Control. Alphabetic is taken as L, Nl and the
 *     code points that are Alphabetic by Other_Alphabetic or Other_Uppercase/Lowercase without being
 *     a letter, a mark or Nl (the circled and squared Latin letters U+24B6–U+24E9, U+1F130–U+1F149,
 *     U+1F150–U+1F169, U+1F170–U+1F189; the same list in Unicode 13 and 16, checked against the JDK 25
 *     tables). The Other_Alphabetic marks are in M anyway, so the set is exact.</li>
 * </ul>
 * Properties: every General_Category by short name ({@code Lu}), long name ({@code Uppercase_Letter})
 * or group ({@code L}, {@code LC}/{@code L&}), plus {@code Any}, {@code ASCII}, {@code Assigned},
 * {@code White_Space}/{@code Space} and {@code Word}; names match loosely (case, spaces, {@code _} and
 * {@code -} ignored; a {@code gc=} prefix is allowed). Script properties ({@code \p{Han}}) are not
 * bundled and are refused.
 */
final class UnicodeSets {
    private static final int CATEGORIES = 31;

    /** One set per {@link Character#getType} value, built on first use. */
    private static volatile CodePointSet[] byCategory;

    static final CodePointSet WHITE_SPACE = CodePointSet.ofRanges(
            0x09, 0x0D, 0x20, 0x20, 0x85, 0x85, 0xA0, 0xA0, 0x1680, 0x1680, 0x2000, 0x200A,
            0x2028, 0x2029, 0x202F, 0x202F, 0x205F, 0x205F, 0x3000, 0x3000);

    private static final CodePointSet ALPHABETIC_SYMBOLS = CodePointSet.ofRanges(
            0x24B6, 0x24E9, 0x1F130, 0x1F149, 0x1F150, 0x1F169, 0x1F170, 0x1F189);

    private static final CodePointSet JOIN_CONTROL = CodePointSet.range(0x200C, 0x200D);

    private UnicodeSets() {
    }

    /** The code points of the given {@link Character#getType} categories. */
    static CodePointSet categories(int... types) {
        CodePointSet[] sets = byCategory();
        CodePointSet.Builder b = new CodePointSet.Builder();
        for (int t : types) {
            b.addAll(sets[t]);
        }
        return b.build();
    }

    private static CodePointSet[] byCategory() {
        CodePointSet[] sets = byCategory;
        if (sets == null) {
            CodePointSet.Builder[] builders = new CodePointSet.Builder[CATEGORIES];
            for (int i = 0; i < CATEGORIES; i++) {
                builders[i] = new CodePointSet.Builder();
            }
            int start = 0;
            int current = UnicodeCategories.category(0);
            for (int cp = 1; cp <= CodePointSet.MAX + 1; cp++) {
                int c = cp <= CodePointSet.MAX ? UnicodeCategories.category(cp) : -1;
                if (c != current) {
                    builders[current].add(start, cp - 1);
                    start = cp;
                    current = c;
                }
            }
            sets = new CodePointSet[CATEGORIES];
            for (int i = 0; i < CATEGORIES; i++) {
                sets[i] = builders[i].build();
            }
            byCategory = sets;
        }
        return sets;
    }

    /** {@code \d}. */
    static CodePointSet digits() {
        return categories(Character.DECIMAL_DIGIT_NUMBER);
    }

    private static volatile CodePointSet word;

    /** {@code \w}: Alphabetic, M, Nd, Pc, Join_Control. */
    static CodePointSet word() {
        CodePointSet w = word;
        if (w == null) {
            w = categories(Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                    Character.COMBINING_SPACING_MARK, Character.ENCLOSING_MARK, Character.LETTER_NUMBER,
                    Character.DECIMAL_DIGIT_NUMBER, Character.CONNECTOR_PUNCTUATION)
                    .union(ALPHABETIC_SYMBOLS).union(JOIN_CONTROL);
            word = w;
        }
        return w;
    }

    private static final Map<String, int[]> GENERAL_CATEGORIES = new HashMap<>();

    private static void gc(String shortName, String longName, int... types) {
        GENERAL_CATEGORIES.put(shortName, types);
        GENERAL_CATEGORIES.put(longName, types);
    }

    static {
        int lu = Character.UPPERCASE_LETTER;
        int ll = Character.LOWERCASE_LETTER;
        int lt = Character.TITLECASE_LETTER;
        int lm = Character.MODIFIER_LETTER;
        int lo = Character.OTHER_LETTER;
        int mn = Character.NON_SPACING_MARK;
        int mc = Character.COMBINING_SPACING_MARK;
        int me = Character.ENCLOSING_MARK;
        int nd = Character.DECIMAL_DIGIT_NUMBER;
        int nl = Character.LETTER_NUMBER;
        int no = Character.OTHER_NUMBER;
        int pc = Character.CONNECTOR_PUNCTUATION;
        int pd = Character.DASH_PUNCTUATION;
        int ps = Character.START_PUNCTUATION;
        int pe = Character.END_PUNCTUATION;
        int pi = Character.INITIAL_QUOTE_PUNCTUATION;
        int pf = Character.FINAL_QUOTE_PUNCTUATION;
        int po = Character.OTHER_PUNCTUATION;
        int sm = Character.MATH_SYMBOL;
        int sc = Character.CURRENCY_SYMBOL;
        int sk = Character.MODIFIER_SYMBOL;
        int so = Character.OTHER_SYMBOL;
        int zs = Character.SPACE_SEPARATOR;
        int zl = Character.LINE_SEPARATOR;
        int zp = Character.PARAGRAPH_SEPARATOR;
        int cc = Character.CONTROL;
        int cf = Character.FORMAT;
        int cs = Character.SURROGATE;
        int co = Character.PRIVATE_USE;
        int cn = Character.UNASSIGNED;
        gc("l", "letter", lu, ll, lt, lm, lo);
        gc("lc", "casedletter", lu, ll, lt);
        GENERAL_CATEGORIES.put("l&", new int[] {lu, ll, lt});
        gc("lu", "uppercaseletter", lu);
        gc("ll", "lowercaseletter", ll);
        gc("lt", "titlecaseletter", lt);
        gc("lm", "modifierletter", lm);
        gc("lo", "otherletter", lo);
        gc("m", "mark", mn, mc, me);
        GENERAL_CATEGORIES.put("combiningmark", new int[] {mn, mc, me});
        gc("mn", "nonspacingmark", mn);
        gc("mc", "spacingmark", mc);
        gc("me", "enclosingmark", me);
        gc("n", "number", nd, nl, no);
        gc("nd", "decimalnumber", nd);
        GENERAL_CATEGORIES.put("digit", new int[] {nd});
        gc("nl", "letternumber", nl);
        gc("no", "othernumber", no);
        gc("p", "punctuation", pc, pd, ps, pe, pi, pf, po);
        GENERAL_CATEGORIES.put("punct", new int[] {pc, pd, ps, pe, pi, pf, po});
        gc("pc", "connectorpunctuation", pc);
        gc("pd", "dashpunctuation", pd);
        gc("ps", "openpunctuation", ps);
        gc("pe", "closepunctuation", pe);
        gc("pi", "initialpunctuation", pi);
        gc("pf", "finalpunctuation", pf);
        gc("po", "otherpunctuation", po);
        gc("s", "symbol", sm, sc, sk, so);
        gc("sm", "mathsymbol", sm);
        gc("sc", "currencysymbol", sc);
        gc("sk", "modifiersymbol", sk);
        gc("so", "othersymbol", so);
        gc("z", "separator", zs, zl, zp);
        gc("zs", "spaceseparator", zs);
        gc("zl", "lineseparator", zl);
        gc("zp", "paragraphseparator", zp);
        gc("c", "other", cc, cf, cs, co, cn);
        gc("cc", "control", cc);
        GENERAL_CATEGORIES.put("cntrl", new int[] {cc});
        gc("cf", "format", cf);
        gc("cs", "surrogate", cs);
        gc("co", "privateuse", co);
        gc("cn", "unassigned", cn);
    }

    /**
     * The set a property name denotes, or {@code null} if the name is unknown. Loose matching: case,
     * spaces, underscores and hyphens do not count; {@code gc=} / {@code General_Category=} may prefix.
     */
    static CodePointSet property(String name) {
        String key = name.toLowerCase(Locale.ROOT).replace(" ", "").replace("_", "").replace("-", "");
        CodePointSet cached = PROPERTIES.get(key);
        if (cached == null) {
            cached = lookUp(key);
            if (cached != null) {
                PROPERTIES.put(key, cached);
            }
        }
        return cached;
    }

    private static final Map<String, CodePointSet> PROPERTIES = new ConcurrentHashMap<>();

    private static CodePointSet lookUp(String key) {
        if (key.startsWith("gc=")) {
            key = key.substring(3);
        } else if (key.startsWith("generalcategory=")) {
            key = key.substring("generalcategory=".length());
        }
        int[] types = GENERAL_CATEGORIES.get(key);
        if (types != null) {
            return categories(types);
        }
        switch (key) {
            case "any":
                return CodePointSet.ALL;
            case "ascii":
                return CodePointSet.range(0, 0x7F);
            case "assigned":
                return categories(Character.UNASSIGNED).complement();
            case "whitespace":
            case "wspace":
            case "space":
                return WHITE_SPACE;
            case "word":
                return word();
            default:
                return null;
        }
    }
}
