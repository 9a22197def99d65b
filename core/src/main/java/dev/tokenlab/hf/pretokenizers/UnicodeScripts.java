package dev.tokenlab.hf.pretokenizers;

import dev.tokenlab.hf.pipeline.NormalizedString;
import dev.tokenlab.hf.pipeline.PreTokenizer;
import dev.tokenlab.hf.unicode.Scripts;

import java.util.function.Consumer;

/**
 * {@code UnicodeScripts}: splits a piece where the script changes, as the Rust library does with its Unicode 9.0
 * script table ({@link Scripts}) and SentencePiece's adjustments ({@link #script}).
 *
 * <p>Code points without a script ({@link Scripts#ANY}: U+0020, and whatever 9.0 does not list) never split and
 * join the piece before them. A split comes before every other code point whose script differs from the last
 * script seen; the first code point with a script always opens a piece, so whatever comes before it (leading
 * spaces) is dropped, and a piece of spaces only disappears. Common and Inherited are scripts like any other:
 * digits, punctuation and combining marks split from letters. {@code Привет123,.!мир ab} →
 * {@code Привет}, {@code 123,.!}, {@code мир }, {@code ab}; {@code " abc"} → {@code abc}.
 *
 * <p>Reads the 3.4 KB script table when built. Immutable and thread-safe.
 */
public final class UnicodeScripts implements PreTokenizer {
    private static final int KATAKANA_HIRAGANA_PROLONGED_SOUND_MARK = 0x30FC;

    private final Scripts scripts = Scripts.unicode9();
    private final int han = scripts.id("Han");
    private final int hiragana = scripts.id("Hiragana");
    private final int katakana = scripts.id("Katakana");

    @Override
    public void split(NormalizedString piece, Consumer<NormalizedString> out) {
        int n = piece.length();
        int last = -1;
        int start = -1;
        for (int i = 0; i < n; i++) {
            int s = script(piece.codePointAt(i));
            if (s == Scripts.ANY) {
                continue;
            }
            if (s != last) {
                if (start >= 0) {
                    out.accept(piece.slice(start, i));
                }
                start = i;
                last = s;
            }
        }
        if (start >= 0) {
            out.accept(piece.slice(start, n));
        }
    }

    /**
     * The script the Rust pre-tokenizer gives a code point ({@code fixed_script}): U+30FC (ー), Hiragana and
     * Katakana count as Han, U+0020 has no script ({@link Scripts#ANY}), anything else has its Unicode 9.0 script.
     */
    public int script(int codePoint) {
        if (codePoint == KATAKANA_HIRAGANA_PROLONGED_SOUND_MARK) {
            return han;
        }
        if (codePoint == ' ') {
            return Scripts.ANY;
        }
        int s = scripts.script(codePoint);
        return s == hiragana || s == katakana ? han : s;
    }

    @Override
    public String toString() {
        return "UnicodeScripts";
    }
}
