package dev.tokenlab.hf.normalizers;

import dev.tokenlab.hf.pipeline.NormalizedString;
import dev.tokenlab.hf.unicode.GeneralCategories;
import dev.tokenlab.hf.unicode.Normalization;
import org.junit.jupiter.api.Test;

import java.text.Normalizer.Form;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * NFC/NFD/NFKC/NFKD on Unicode 9.0 data: equal to {@link java.text.Normalizer} wherever Java 17's Unicode 13.0 data
 * agrees with 9.0 (strings of code points assigned in 9.0: their decompositions and combining classes never
 * change), different where the Rust library differs from Java, and aligned as the Rust library aligns.
 */
class UnicodeFormsTest {
    private static final Form[] FORMS = {Form.NFC, Form.NFD, Form.NFKC, Form.NFKD};

    private static String normalize(Form form, String s) {
        return new UnicodeForms(form).normalize(NormalizedString.of(s, 0, s.length())).toString();
    }

    /** Each normalized code point's original range, as code point offsets (how the npm binding reports them). */
    private static String offsets(Form form, String s) {
        NormalizedString r = new UnicodeForms(form).normalize(NormalizedString.of(s, 0, s.length()));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < r.length(); i++) {
            out.add(s.codePointCount(0, r.originalStart(i)) + ":" + s.codePointCount(0, r.originalEnd(i)));
        }
        return String.join(" ", out);
    }

    private static List<Integer> assignedInNine() {
        GeneralCategories nine = GeneralCategories.unicode9();
        List<Integer> cps = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (nine.isAssigned(cp) && nine.category(cp) != Character.SURROGATE) {
                cps.add(cp);
            }
        }
        return cps;
    }

    @Test
    void everyCodePointAssignedInNineNormalizesAsJavaDoes() {
        List<Integer> cps = assignedInNine();
        assertEquals(128_237 + 137_468, cps.size());
        for (int cp : cps) {
            String s = Character.toString(cp);
            for (Form form : FORMS) {
                assertEquals(java.text.Normalizer.normalize(s, form), normalize(form, s), () -> form + " U+" + Integer.toHexString(cp));
            }
        }
    }

    @Test
    void combiningSequencesOfNineAssignedCodePointsNormalizeAsJavaDoes() {
        Normalization n = Normalization.unicode9();
        List<Integer> assigned = assignedInNine();
        List<Integer> marks = assigned.stream().filter(cp -> n.combiningClass(cp) != 0 || GeneralCategories.unicode9().isMark(cp))
                .collect(Collectors.toList());
        // One mark of each combining class, and the starters that compose with something.
        TreeSet<Integer> classes = new TreeSet<>();
        List<Integer> representatives = new ArrayList<>();
        for (int m : marks) {
            if (classes.add(n.combiningClass(m))) {
                representatives.add(m);
            }
        }
        int[] starters = {'a', 'e', 'A', 'o', 'u', 0x1100, 0xAC00, 0xAC01, 0x915, 0x9C7, 0xB47, 0xDD9, 0x1025, 0x3B1, 0x1FBF,
            0x304B, 0xE9, 0x1EA1, 0x212B, 0xFB01, 0x11099, 0x11131, 0x11347, 0x114B9, 0x115B8};
        int checked = 0;
        for (int m : marks) {
            List<String> strings = new ArrayList<>();
            for (int starter : starters) {
                strings.add(cps(starter, m));
                strings.add(cps(m, starter, m));
            }
            for (int r : representatives) {
                strings.add(cps('a', m, r));
                strings.add(cps('a', r, m));
                strings.add(cps(0x1EA1, r, m, 0x301));
            }
            for (String s : strings) {
                for (Form form : FORMS) {
                    assertEquals(java.text.Normalizer.normalize(s, form), normalize(form, s), () -> form + " " + hex(s));
                    checked++;
                }
            }
        }
        assertEquals(true, checked > 1_000_000, "checked " + checked);
        // Hangul jamo sequences, with and without trailing consonants.
        for (int l = 0x1100; l <= 0x1113; l++) {
            for (int v = 0x1160; v <= 0x1176; v++) {
                for (int t = 0x11A6; t <= 0x11C3; t++) {
                    String s = cps(l, v, t);
                    for (Form form : FORMS) {
                        assertEquals(java.text.Normalizer.normalize(s, form), normalize(form, s), () -> form + " " + hex(s));
                    }
                }
            }
        }
    }

    @Test
    void codePointsNewerThanNineAreLeftAloneAsTheReferenceDoes() {
        // a + U+1DF6 (10.0, ccc 232 since) + U+0323: Java reorders and composes to U+1EA1 U+1DF6; the reference, for
        // which U+1DF6 is an unassigned starter, changes nothing.
        String s = "a\u1DF6\u0323";
        assertEquals("\u1EA1\u1DF6", java.text.Normalizer.normalize(s, Form.NFC));
        assertEquals(s, normalize(Form.NFC, s));
        assertEquals(s, normalize(Form.NFD, s));
        // U+11935 U+11930 compose to U+11938 since 13.0 (Java); not in 9.0.
        String dives = "\uD806\uDD35\uD806\uDD30";
        assertEquals("\uD806\uDD38", java.text.Normalizer.normalize(dives, Form.NFC));
        assertEquals(dives, normalize(Form.NFC, dives));
        assertEquals("\uD806\uDD38", normalize(Form.NFD, "\uD806\uDD38"), "U+11938 does not decompose in 9.0");
        assertEquals("\uD83C\uDD6C", normalize(Form.NFKC, "\uD83C\uDD6C"), "U+1F16C (12.0) has no compatibility mapping in 9.0");
        assertEquals("\u914D", normalize(Form.NFKC, "\uD83C\uDE3B"), "U+1F23B (9.0) has one");
        assertEquals("\uD838\uDCEC\u0301", normalize(Form.NFD, "\uD838\uDCEC\u0301"), "U+1E4EC (15.0) is a starter");
    }

    @Test
    void alignmentsAreTheRustLibrarys() {
        // Expected offsets as tokenizers@0.23.2 reports them (the npm binding, each normalized code point as its
        // own token). Reordering moves each code point with its change, so after "a U+0344 U+0323" the U+0323
        // stands for U+0344's position and U+0308 for U+0323's.
        assertEquals("0:1 1:2 2:3 2:3", offsets(Form.NFD, "a\u0344\u0323"));
        assertEquals("a\u0323\u0308\u0301", normalize(Form.NFD, "a\u0344\u0323"));
        assertEquals("0:1 1:2 1:2 2:3", offsets(Form.NFD, "a\u0301\u0F73"));
        assertEquals("0:1 2:3 2:3", offsets(Form.NFC, "a\u0344\u0323"));
        assertEquals("\u1EA1\u0308\u0301", normalize(Form.NFC, "a\u0344\u0323"));
        assertEquals("0:1 2:3 2:3", offsets(Form.NFC, "a\u0301\u0F73"));
        assertEquals("\u00E1\u0F71\u0F72", normalize(Form.NFC, "a\u0301\u0F73"));
        // The qwen3 edge case hf-canonical-order: the composite keeps the starter's range, U+0307 keeps its own.
        assertEquals("0:1 2:3", offsets(Form.NFC, "a\u0307\u0323"));
        assertEquals("0:1", offsets(Form.NFC, "\uAC00\u11A8"));
        assertEquals("0:1 2:3", offsets(Form.NFC, "\u1100\u1161\u11A7"));
        assertEquals("\uAC00\u11A7", normalize(Form.NFC, "\u1100\u1161\u11A7"));
        assertEquals("0:1 0:1 0:1", offsets(Form.NFD, "\uAC01"));
        assertEquals("0:1 1:2", offsets(Form.NFKC, "\uFB01\u0301"),
                "ﬁ + acute: f, then í, composed from the inserted i (+1) and U+0301 (0): change 0, it stands for U+0301");
        assertEquals("fí", normalize(Form.NFKC, "\uFB01\u0301"));
        assertEquals("0:1 1:2", offsets(Form.NFC, "\u0301a"), "a mark before any starter passes through");
    }

    @Test
    void textThatNeedsNothingIsReturnedAsItIs() {
        for (Form form : FORMS) {
            String plain = "plain ascii, 한국어, 日本語";
            NormalizedString text = NormalizedString.of(plain, 0, plain.length());
            NormalizedString result = new UnicodeForms(form).normalize(text);
            if (form == Form.NFC || form == Form.NFKC) {
                assertSame(text, result, form.toString());
            }
        }
        NormalizedString ascii = NormalizedString.of("plain", 0, 5);
        for (Form form : FORMS) {
            assertSame(ascii, new UnicodeForms(form).normalize(ascii));
        }
    }

    private static String cps(int... cps) {
        return new String(cps, 0, cps.length);
    }

    private static String hex(String s) {
        return s.codePoints().mapToObj(c -> "U+" + Integer.toHexString(c)).collect(Collectors.joining(" "));
    }
}
