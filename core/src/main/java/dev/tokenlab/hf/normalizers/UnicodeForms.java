package dev.tokenlab.hf.normalizers;

import dev.tokenlab.hf.pipeline.NormalizedString;
import dev.tokenlab.hf.pipeline.Normalizer;
import dev.tokenlab.hf.unicode.Normalization;

import java.util.Locale;

/**
 * {@code NFC}, {@code NFD}, {@code NFKC} and {@code NFKD} with the Rust library's Unicode 9.0 data and its
 * alignments ({@link Normalization} runs the algorithm; see there why not {@link java.text.Normalizer}).
 *
 * <p>Alignment follows the Rust library's {@code NormalizedString::transform}: the normalized code points are read
 * in order with a cursor over the input; one whose change is 0 stands for the input code point at the cursor (a
 * change of -n also drops the n after it, the code points a composition absorbed), one whose change is +1 (a later
 * part of a decomposition) stands for the last input code point read. So every part of a decomposition maps to the
 * decomposed character, and a composed character maps to the first character it was made from. Because canonical
 * reordering moves each code point together with its change, a reordered mark can end up standing for a
 * neighbouring character: {@code a} U+0344 U+0323 gives NFD {@code a} U+0323 U+0308 U+0301 mapped to 0, 1, 2, 2 —
 * U+0323 to U+0344 — exactly as the reference reports it.
 *
 * <p>Text whose every code point is inert for the form ({@link Normalization#isInert}: most text, for NFC) is
 * returned as it is, without copying.
 */
public final class UnicodeForms implements Normalizer {
    private final java.text.Normalizer.Form form;
    private final boolean compatibility;
    private final boolean compose;
    private final Normalization data;

    /** One of the four forms (the Unicode 9.0 tables are read on the first construction). */
    public UnicodeForms(java.text.Normalizer.Form form) {
        this.form = form;
        this.compatibility = form == java.text.Normalizer.Form.NFKC || form == java.text.Normalizer.Form.NFKD;
        this.compose = form == java.text.Normalizer.Form.NFC || form == java.text.Normalizer.Form.NFKC;
        this.data = Normalization.unicode9();
    }

    @Override
    public NormalizedString normalize(NormalizedString text) {
        int n = text.length();
        int first = 0;
        while (first < n && data.isInert(text.codePointAt(first), compatibility, compose)) {
            first++;
        }
        if (first == n) {
            return text;
        }
        Normalization.Result r = data.normalize(text.codePoints(), 0, n, compatibility, compose);
        if (r == null) {
            return text;
        }
        NormalizedString.Builder out = text.edit();
        int cursor = 0;
        for (int k = 0; k < r.length; k++) {
            int change = r.changes[k];
            int origin;
            if (change > 0) {
                // An inserted code point stands for the last one read. (None can come first: every decomposition
                // is in canonical order, which tools/GenerateHfUnicodeTables.java proves, so a part never sorts
                // ahead of its own first part.)
                origin = Math.max(cursor - 1, 0);
            } else {
                origin = cursor;
                cursor += 1 - change;
            }
            out.put(r.codePoints[k], origin);
        }
        if (cursor != n) {
            throw new IllegalStateException(this + ": normalized " + cursor + " of " + n + " code points");
        }
        return out.build();
    }

    @Override
    public String toString() {
        return form.name().toUpperCase(Locale.ROOT);
    }
}
