package dev.tokenlab.hf.normalizers;

import dev.tokenlab.hf.pipeline.NormalizedString;
import dev.tokenlab.hf.pipeline.Normalizer;
import dev.tokenlab.pretokenize.UnicodeCategories;

/**
 * {@code BertNormalizer}, in the Rust library's order: clean the text (remove NUL, U+FFFD and control,
 * format and private-use characters except tab, line feed and carriage return; every whitespace
 * becomes a space), put spaces around CJK ideographs, strip accents (NFD, then remove non-spacing
 * marks) and lowercase.
 */
public final class BertNormalizer implements Normalizer {
    private static final Normalizer NFD = new UnicodeForms(java.text.Normalizer.Form.NFD);

    private final boolean cleanText;
    private final boolean chineseChars;
    private final boolean stripAccents;
    private final boolean lowercase;

    /** A BertNormalizer; {@code stripAccents} as resolved (a missing value follows {@code lowercase}). */
    public BertNormalizer(boolean cleanText, boolean chineseChars, boolean stripAccents, boolean lowercase) {
        this.cleanText = cleanText;
        this.chineseChars = chineseChars;
        this.stripAccents = stripAccents;
        this.lowercase = lowercase;
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
            t = SimpleNormalizers.removeMarks(NFD.normalize(t), true);
        }
        if (lowercase) {
            t = SimpleNormalizers.lower(t);
        }
        return t;
    }

    private static NormalizedString clean(NormalizedString text) {
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

    /** Cc, Cf or Co, but not tab, line feed or carriage return (which are whitespace here). */
    private static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        int type = UnicodeCategories.category(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.PRIVATE_USE;
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
