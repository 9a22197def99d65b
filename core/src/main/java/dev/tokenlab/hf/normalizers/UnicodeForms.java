package dev.tokenlab.hf.normalizers;

import dev.tokenlab.hf.pipeline.NormalizedString;
import dev.tokenlab.hf.pipeline.Normalizer;

import java.util.Locale;

/**
 * {@code NFC}, {@code NFD}, {@code NFKC} and {@code NFKD}, keeping each character's origin as the Rust
 * library's alignments do: a decomposed character's parts all map to it, a composed character maps to
 * the first character it was made from. Text that is already in the form (most text, for NFC) passes
 * through untouched.
 *
 * <p>The text is cut into segments that normalize independently (a character that is unchanged by
 * the form and that no following character combines with, the boundary of {@code java.text.Normalizer}'s
 * "NFC quick check"), each segment is normalized, and each output character is matched to the input
 * character whose decomposition holds it.
 */
public final class UnicodeForms implements Normalizer {
    private final java.text.Normalizer.Form form;

    /** One of the four forms. */
    public UnicodeForms(java.text.Normalizer.Form form) {
        this.form = form;
    }

    @Override
    public NormalizedString normalize(NormalizedString text) {
        String s = text.toString();
        if (java.text.Normalizer.isNormalized(s, form)) {
            return text;
        }
        boolean compatibility = form == java.text.Normalizer.Form.NFKC || form == java.text.Normalizer.Form.NFKD;
        java.text.Normalizer.Form decomposition = compatibility ? java.text.Normalizer.Form.NFKD : java.text.Normalizer.Form.NFD;
        NormalizedString.Builder out = text.edit();
        int n = text.length();
        int start = 0;
        while (start < n) {
            int end = start + 1;
            while (end < n && !isSegmentStart(text.codePointAt(end))) {
                end++;
            }
            normalizeSegment(text, start, end, decomposition, out);
            start = end;
        }
        return out.build();
    }

    /** A character that starts a new segment: a starter that does not combine with what precedes it. */
    private static boolean isSegmentStart(int cp) {
        String c = new String(Character.toChars(cp));
        return java.text.Normalizer.isNormalized(c, java.text.Normalizer.Form.NFD)
                && java.text.Normalizer.isNormalized("a" + c, java.text.Normalizer.Form.NFC) && Character.getType(cp) != Character.NON_SPACING_MARK
                && Character.getType(cp) != Character.COMBINING_SPACING_MARK && Character.getType(cp) != Character.ENCLOSING_MARK
                && !isHangulJamoVowelOrTrailing(cp);
    }

    private static boolean isHangulJamoVowelOrTrailing(int cp) {
        return cp >= 0x1160 && cp <= 0x11FF || cp >= 0xD7B0 && cp <= 0xD7FF;
    }

    private void normalizeSegment(NormalizedString text, int start, int end, java.text.Normalizer.Form decomposition,
                                  NormalizedString.Builder out) {
        StringBuilder in = new StringBuilder();
        for (int i = start; i < end; i++) {
            in.appendCodePoint(text.codePointAt(i));
        }
        String segment = in.toString();
        String normalized = java.text.Normalizer.normalize(segment, form);
        if (normalized.equals(segment)) {
            out.keep(start, end);
            return;
        }
        // Each input character's decomposition, tagged with the character it came from.
        int[] parts = new int[segment.length() * 18 + 4];
        int[] tags = new int[parts.length];
        boolean[] used = new boolean[parts.length];
        int count = 0;
        for (int i = start; i < end; i++) {
            String d = java.text.Normalizer.normalize(new String(Character.toChars(text.codePointAt(i))), decomposition);
            for (int k = 0; k < d.length(); ) {
                int cp = d.codePointAt(k);
                if (count == parts.length) {
                    parts = java.util.Arrays.copyOf(parts, count * 2);
                    tags = java.util.Arrays.copyOf(tags, count * 2);
                    used = java.util.Arrays.copyOf(used, count * 2);
                }
                parts[count] = cp;
                tags[count++] = i;
                k += Character.charCount(cp);
            }
        }
        for (int k = 0; k < normalized.length(); ) {
            int cp = normalized.codePointAt(k);
            k += Character.charCount(cp);
            String d = java.text.Normalizer.normalize(new String(Character.toChars(cp)), decomposition);
            int first = d.codePointAt(0);
            int tag = start;
            for (int j = 0; j < count; j++) {
                if (!used[j] && parts[j] == first) {
                    tag = tags[j];
                    break;
                }
            }
            // Mark every part of this output character as used, so later ones find their own source.
            for (int m = 0; m < d.length(); ) {
                int part = d.codePointAt(m);
                for (int j = 0; j < count; j++) {
                    if (!used[j] && parts[j] == part) {
                        used[j] = true;
                        break;
                    }
                }
                m += Character.charCount(part);
            }
            out.put(cp, tag);
        }
    }

    @Override
    public String toString() {
        return form.name().toUpperCase(Locale.ROOT);
    }
}
