package dev.tokenlab.hf.unicode;

import dev.tokenlab.TokenizerFormatException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundled Unicode tables of the Hugging Face components: what they hold (values that tell the versions
 * apart), and that their reader refuses damaged data. HfUnicodeConformanceTest checks them against the Rust
 * library for every code point.
 */
class UnicodeTablesTest {

    @Test
    void generalCategoryEightTellsTheVersionsApart() {
        GeneralCategories u8 = GeneralCategories.unicode8();
        assertEquals("8.0", u8.version());
        assertEquals(Character.UNASSIGNED, u8.category(0x16E99), "Medefaidrin (11.0) is unassigned in 8.0");
        assertFalse(u8.isPunctuation(0x16E99));
        assertEquals(Character.UNASSIGNED, u8.category(0x08E2), "Cf only since 9.0");
        assertEquals(Character.FORMAT, u8.category(0x1BCA0));
        assertEquals(Character.PRIVATE_USE, u8.category(0xF8FE));
        assertEquals(Character.PRIVATE_USE, u8.category(0x10FFFD));
        assertEquals(Character.UNASSIGNED, u8.category(0x0378));
        for (int p : new int[] {0xBF, 0xAB, 0xBB, 0x2014, 0x058A, 0x3002, 0xFF01}) {
            assertTrue(u8.isPunctuation(p), Integer.toHexString(p));
        }
        for (int notP : new int[] {0xA9, 0x24, 0x2B, 0x11B00, 0x61}) {
            assertFalse(u8.isPunctuation(notP), Integer.toHexString(notP));
        }
        assertTrue(u8.isNonSpacingMark(0x0301));
        assertFalse(u8.isNonSpacingMark(0x0903), "Mc");
        assertFalse(u8.isNonSpacingMark(0x20DD), "Me");
        assertTrue(u8.isControlFormatOrPrivateUse(0x200B) && u8.isControlFormatOrPrivateUse(0x0001));
        assertFalse(u8.isControlFormatOrPrivateUse(0x0378), "Cn is not Cc/Cf/Co");
        assertEquals(Character.UNASSIGNED, u8.category(-1));
        assertEquals(Character.UNASSIGNED, u8.category(0x110000));
    }

    @Test
    void generalCategoryNine() {
        GeneralCategories u9 = GeneralCategories.unicode9();
        assertEquals("9.0", u9.version());
        assertEquals(Character.FORMAT, u9.category(0x08E2));
        assertEquals(Character.NON_SPACING_MARK, u9.category(0x1E944), "Adlam (9.0)");
        assertFalse(u9.isAssigned(0x1DF6), "combining mark of 10.0");
        assertFalse(u9.isMark(0x11930), "Dives Akuru (13.0)");
        assertTrue(u9.isMark(0x0903) && u9.isMark(0x20DD) && u9.isMark(0x0301));
        // Assigned code points: the characters (graphic, format, control) Unicode counts for the version, plus
        // private use and surrogates.
        assertEquals(120_737 + 137_468 + 2_048, count(GeneralCategories.unicode8()), "Unicode 8.0: 120,737 characters");
        assertEquals(128_237 + 137_468 + 2_048, count(u9), "Unicode 9.0: 128,237 characters");
    }

    private static int count(GeneralCategories gc) {
        int n = 0;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (gc.isAssigned(cp)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void scriptsNine() {
        Scripts s = Scripts.unicode9();
        assertEquals(137, s.count());
        assertEquals("Any", s.name(Scripts.ANY));
        assertEquals("Latin", s.name(s.script('a')));
        assertEquals("Han", s.name(s.script('京')));
        assertEquals("Hiragana", s.name(s.script('い')));
        assertEquals("Katakana", s.name(s.script('グ')));
        assertEquals("Common", s.name(s.script('0')));
        assertEquals("Common", s.name(s.script(' ')));
        assertEquals("Common", s.name(s.script(0x30FC)));
        assertEquals("Inherited", s.name(s.script(0x0301)));
        assertEquals("Tangut", s.name(s.script(0x17000)));
        assertEquals("Old_Italic", s.name(s.script(0x10300)));
        for (int none : new int[] {0x0378, 0xE000, 0x10FFFD, 0x1F16C, 0x10D50, 0x1B170, 0x31350}) {
            assertEquals(Scripts.ANY, s.script(none), "no 9.0 script: " + Integer.toHexString(none));
        }
        assertEquals(-1, s.id("Garay"));
        assertEquals(s.script('a'), s.id("Latin"));
    }

    @Test
    void lowercaseSeventeen() {
        LowercaseMappings m = LowercaseMappings.unicode17();
        assertEquals("i\u0307", m.lowercase(0x130));
        assertEquals(0x130, m.simpleLowercase(0x130));
        assertEquals("σ", m.lowercase('Σ'), "no final-sigma context");
        assertEquals("ß", m.lowercase(0x1E9E));
        assertEquals("a", m.lowercase('A'));
        assertNull(m.lowercase('a'));
        assertNull(m.lowercase(0xDF));
        assertEquals(Character.toString(0x1C8A), m.lowercase(0x1C89), "16.0");
        assertEquals(Character.toString(0x0264), m.lowercase(0xA7CB), "16.0");
        assertEquals(Character.toString(0x10D70), m.lowercase(0x10D50), "Garay, 16.0");
        assertEquals(Character.toString(0x16EBB), m.lowercase(0x16EA0), "Beria Erfe, 17.0");
        assertEquals(Character.toString(0xA7CF), m.lowercase(0xA7CE), "17.0");
        int differences = 0;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                continue;
            }
            String ours = m.lowercase(cp);
            String jvm = Character.toString(cp).toLowerCase(Locale.ROOT);
            if (!(ours == null ? Character.toString(cp) : ours).equals(jvm)) {
                differences++;
            }
        }
        if (Runtime.version().feature() == 17) {
            assertEquals(95, differences, "mappings Java 17 (Unicode 13.0) does not have");
        }
    }

    @Test
    void normalizationNineData() {
        Normalization n = Normalization.unicode9();
        assertEquals(230, n.combiningClass(0x0301));
        assertEquals(220, n.combiningClass(0x0323));
        assertEquals(10, n.combiningClass(0x05B0));
        assertEquals(0, n.combiningClass(0x1DF6), "unassigned in 9.0 (ccc 232 since 10.0)");
        assertEquals(0, n.combiningClass(0x1E4EC), "15.0");
        assertArrayEquals(new int[] {0x65, 0x301}, n.decomposition(0xE9, false));
        assertArrayEquals(new int[] {0x17F, 0x307}, n.decomposition(0x1E9B, false));
        assertArrayEquals(new int[] {0x73, 0x307}, n.decomposition(0x1E9B, true));
        assertArrayEquals(new int[] {0xFB01}, n.decomposition(0xFB01, false));
        assertArrayEquals(new int[] {0x66, 0x69}, n.decomposition(0xFB01, true));
        assertArrayEquals(new int[] {0x914D}, n.decomposition(0x1F23B, true), "9.0");
        assertArrayEquals(new int[] {0x11938}, n.decomposition(0x11938, false), "13.0: none in 9.0");
        assertArrayEquals(new int[] {0x1F16C}, n.decomposition(0x1F16C, true), "12.0");
        assertArrayEquals(new int[] {0x1100, 0x1161, 0x11A8}, n.decomposition(0xAC01, false));
        assertArrayEquals(new int[] {0x1100, 0x1161}, n.decomposition(0xAC00, true));
        assertEquals(0xE1, n.compose('a', 0x301));
        assertEquals(0xAC00, n.compose(0x1100, 0x1161));
        assertEquals(0xAC01, n.compose(0xAC00, 0x11A8));
        assertEquals(-1, n.compose(0xAC00, 0x11A7), "not a trailing consonant");
        assertEquals(-1, n.compose(0xAC01, 0x11A8), "LVT takes no T");
        assertEquals(-1, n.compose(0x915, 0x93C), "U+0958 is excluded from composition");
        assertEquals(-1, n.compose(0x11935, 0x11930), "U+11938 is 13.0");
    }

    @Test
    void inertCodePointsAreLeftAloneByEveryForm() {
        Normalization n = Normalization.unicode9();
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                continue;
            }
            int cp = c;
            for (int form = 0; form < 4; form++) {
                boolean compat = (form & 1) != 0;
                boolean compose = (form & 2) != 0;
                boolean changes = n.normalize(new int[] {cp}, 0, 1, compat, compose) != null;
                if (n.isInert(cp, compat, compose)) {
                    assertFalse(changes, () -> Integer.toHexString(cp));
                    assertEquals(null, n.normalize(new int[] {'a', cp, 'b'}, 0, 3, compat, compose), () -> "a" + Integer.toHexString(cp));
                } else if (n.combiningClass(cp) == 0 && !compose) {
                    assertTrue(changes, () -> Integer.toHexString(cp) + " is flagged but does not decompose");
                }
            }
        }
    }

    // --- the reader refuses damaged tables ---

    @Test
    void readerChecksMagicVersionLengthsAndTheEnd() {
        byte[] gc = unzip(resource("general-category-8.0.bin.gz"));
        Function<byte[], Object> readGc = b -> GeneralCategories.read(TableReader.parse("gc", zip(b), "TLUCD1", "8.0"), "8.0");
        readGc.apply(gc);
        assertRefused("expected \"TLUCD1\"", readGc, with(gc, 0, 'X'));
        assertRefused("truncated", readGc, Arrays.copyOf(gc, gc.length - 1));
        assertRefused("bytes after the end", readGc, Arrays.copyOf(gc, gc.length + 1));
        byte[] badIndex = gc.clone();
        badIndex[6 + 4 + 2] = (byte) 0xFF;
        badIndex[6 + 4 + 3] = (byte) 0xFF;
        assertRefused("block index", readGc, badIndex);
        byte[] badValue = gc.clone();
        badValue[badValue.length - 1] = 17;
        assertRefused("no General_Category", readGc, badValue);
        assertRefused("Unicode 8.0, expected 9.0",
                b -> TableReader.parse("gc", zip(b), "TLUCD1", "9.0"), gc);
        assertRefused("not a gzip stream", b -> TableReader.parse("gc", b, "TLUCD1", "8.0"), gc);

        for (String[] t : new String[][] {{"normalization-9.0.bin.gz", "TLNRM1", "9.0"}, {"scripts-9.0.bin.gz", "TLSCR1", "9.0"},
                {"lowercase-17.0.bin.gz", "TLLOW1", "17.0"}}) {
            byte[] data = unzip(resource(t[0]));
            Function<byte[], Object> read = b -> {
                TableReader r = TableReader.parse(t[0], zip(b), t[1], t[2]);
                return switch (t[1]) {
                    case "TLNRM1" -> Normalization.read(r);
                    case "TLSCR1" -> Scripts.read(r);
                    default -> LowercaseMappings.read(r);
                };
            };
            read.apply(data);
            assertRefused("expected \"END\"", read, with(data, data.length - 1, 'X'));
            assertRefused("bytes after the end", read, Arrays.copyOf(data, data.length + 1));
            assertRefused("", read, Arrays.copyOf(data, data.length / 2));
        }
    }

    @Test
    void bundledTablesAreThere() {
        assertThrows(TokenizerFormatException.class, () -> TableReader.open("missing.bin.gz", "TLUCD1", "8.0"));
    }

    private static void assertRefused(String message, Function<byte[], Object> read, byte[] data) {
        TokenizerFormatException e = assertThrows(TokenizerFormatException.class, () -> read.apply(data));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    private static byte[] with(byte[] data, int at, int value) {
        byte[] copy = data.clone();
        copy[at] = (byte) value;
        return copy;
    }

    private static byte[] resource(String name) {
        try (InputStream in = TableReader.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] unzip(byte[] gz) {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] zip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
