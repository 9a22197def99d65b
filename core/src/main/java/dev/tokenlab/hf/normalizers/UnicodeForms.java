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
 * <p>The text is cut into segments that normalize independently (each starts at a character that is
 * its own decomposition and combines with nothing before it), and each changed segment is normalized
 * and aligned as {@link #normalizeSegment} describes.
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

    /**
     * One segment. Alignments follow positions, as the Rust crate's do: the decomposed characters, in
     * input order, give their origins to the positions of the canonically reordered sequence (reordering
     * moves characters, not origins); composing keeps the origin of the starter's position and drops
     * the positions of what it absorbed.
     */
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
        int[] origins = new int[segment.length() * 18 + 4];
        int count = 0;
        for (int i = start; i < end; i++) {
            String d = java.text.Normalizer.normalize(new String(Character.toChars(text.codePointAt(i))), decomposition);
            for (int k = 0; k < d.length(); k += Character.charCount(d.codePointAt(k))) {
                if (count == origins.length) {
                    origins = java.util.Arrays.copyOf(origins, count * 2);
                }
                origins[count++] = i;
            }
        }
        int[] decomposed = java.text.Normalizer.normalize(segment, decomposition).codePoints().toArray();
        if (form == decomposition) {
            for (int p = 0; p < decomposed.length; p++) {
                out.put(decomposed[p], origins[Math.min(p, count - 1)]);
            }
            return;
        }
        boolean[] absorbed = new boolean[decomposed.length];
        int p = 0;
        for (int k = 0; k < normalized.length(); ) {
            int cp = normalized.codePointAt(k);
            k += Character.charCount(cp);
            while (p < decomposed.length && absorbed[p]) {
                p++;
            }
            int position = Math.min(p, decomposed.length - 1);
            out.put(cp, origins[Math.min(position, count - 1)]);
            if (p < decomposed.length && decomposed[p] != cp) {
                // A composition: the rest of cp's decomposition was absorbed from later positions.
                int[] parts = java.text.Normalizer.normalize(new String(Character.toChars(cp)), decomposition).codePoints().toArray();
                for (int j = 1; j < parts.length; j++) {
                    for (int q = p + 1; q < decomposed.length; q++) {
                        if (!absorbed[q] && decomposed[q] == parts[j]) {
                            absorbed[q] = true;
                            break;
                        }
                    }
                }
            }
            p++;
        }
    }

    @Override
    public String toString() {
        return form.name().toUpperCase(Locale.ROOT);
    }
}
