package dev.tokenlab.hf.normalizers;

import dev.tokenlab.hf.pipeline.NormalizedString;
import dev.tokenlab.hf.pipeline.Normalizer;
import dev.tokenlab.hf.unicode.GeneralCategories;
import dev.tokenlab.pretokenize.UnicodeCategories;

/**
 * {@code BertNormalizer}, in the Rust library's order: clean the text (remove NUL, U+FFFD and control,
 * format and private-use characters except tab, line feed and carriage return; every whitespace
 * becomes a space), put spaces around CJK ideographs, strip accents (NFD, then remove non-spacing
 * marks) and lowercase.
 *
 * <p>Each step uses the Unicode version the Rust library compiles in for it: the categories of
 * {@code clean_text} (Cc, Cf, Co) and {@code strip_accents} (Mn) are Unicode 8.0's (crate
 * {@code unicode_categories}: U+08E2, Cf since 9.0, stays; unassigned code points stay), NFD is Unicode 9.0's
 * ({@link UnicodeForms}), whitespace (Rust's {@code char::is_whitespace}, White_Space: the same in 16.0 and 17.0) and lowercase are
 * 17.0's (the reference's Rust std). The tables
 * are read when a BertNormalizer is built, only those its options need.
 */
public final class BertNormalizer implements Normalizer {
    private final boolean cleanText;
    private final boolean chineseChars;
    private final boolean stripAccents;
    private final boolean lowercase;
    private final GeneralCategories unicode8;
    private final Normalizer nfd;

    /** A BertNormalizer; {@code stripAccents} as resolved (a missing value follows {@code lowercase}). */
    public BertNormalizer(boolean cleanText, boolean chineseChars, boolean stripAccents, boolean lowercase) {
        this.cleanText = cleanText;
        this.chineseChars = chineseChars;
        this.stripAccents = stripAccents;
        this.lowercase = lowercase;
        this.unicode8 = cleanText || stripAccents ? GeneralCategories.unicode8() : null;
        this.nfd = stripAccents ? new UnicodeForms(java.text.Normalizer.Form.NFD) : null;
        if (lowercase) {
            Lowercase.load();
        }
    }

    @Override
    public NormalizedString normalize(NormalizedString text) {
        NormalizedString t = text;
        if (cleanText) {
            t = clean(t);
        }
        if (chineseChars) {
            t = padChinese(t);
        }
        if (stripAccents) {
            t = SimpleNormalizers.removeMarks(nfd.normalize(t), unicode8::isNonSpacingMark);
        }
        if (lowercase) {
            t = SimpleNormalizers.lower(t);
        }
        return t;
    }

    private NormalizedString clean(NormalizedString text) {
        NormalizedString.Builder out = text.edit();
        boolean changed = false;
        for (int i = 0; i < text.length(); i++) {
            int cp = text.codePointAt(i);
            if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
                changed = true;
                continue;
            }
            if (cp != ' ' && (cp == '\t' || cp == '\n' || cp == '\r' || UnicodeCategories.isWhiteSpace(cp))) {
                out.put(' ', i);
                changed = true;
                continue;
            }
            out.keep(i);
        }
        return changed ? out.build() : text;
    }

    /** Cc, Cf or Co in Unicode 8.0, but not tab, line feed or carriage return (which are whitespace here). */
    private boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        return unicode8.isControlFormatOrPrivateUse(cp);
    }

    private static NormalizedString padChinese(NormalizedString text) {
        NormalizedString.Builder out = null;
        for (int i = 0; i < text.length(); i++) {
            int cp = text.codePointAt(i);
            if (isChinese(cp)) {
                if (out == null) {
                    out = text.edit().keep(0, i);
                }
                out.put(' ', i).keep(i).put(' ', i);
            } else if (out != null) {
                out.keep(i);
            }
        }
        return out == null ? text : out.build();
    }

    /** The CJK ideograph blocks BERT pads with spaces. */
    static boolean isChinese(int cp) {
        return cp >= 0x4E00 && cp <= 0x9FFF || cp >= 0x3400 && cp <= 0x4DBF || cp >= 0x20000 && cp <= 0x2A6DF
                || cp >= 0x2A700 && cp <= 0x2B73F || cp >= 0x2B740 && cp <= 0x2B81F || cp >= 0x2B920 && cp <= 0x2CEAF
                || cp >= 0xF900 && cp <= 0xFAFF || cp >= 0x2F800 && cp <= 0x2FA1F;
    }

    @Override
    public String toString() {
        return "BertNormalizer(" + (cleanText ? "clean_text " : "") + (chineseChars ? "handle_chinese_chars " : "")
                + (stripAccents ? "strip_accents " : "") + (lowercase ? "lowercase" : "") + ")";
    }
}
