package dev.tokenlab.hf;

import dev.tokenlab.hf.normalizers.BertNormalizer;
import dev.tokenlab.hf.normalizers.SimpleNormalizers;
import dev.tokenlab.hf.normalizers.UnicodeForms;
import dev.tokenlab.hf.pipeline.NormalizedString;
import dev.tokenlab.hf.pipeline.Normalizer;
import dev.tokenlab.hf.pretokenizers.BertPreTokenizer;
import dev.tokenlab.hf.pretokenizers.UnicodeScripts;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer.Form;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Unicode behaviour of the Hugging Face normalizers and pre-tokenizers against the Rust {@code tokenizers}
 * library, over every code point: {@code testdata/golden/hf/unicode.tsv} holds SHA-256 digests of what the
 * reference does (written by {@code testdata/generate/hf-unicode-golden.mjs}, whose header describes each check);
 * this test builds the same lines with Tokenlab's components and compares the digests. It proves the bundled
 * Unicode 8.0, 9.0 and 17.0 tables and the normalization algorithm with its alignments for all 1,112,064 code
 * points, not just the examples of the unit tests.
 */
class HfUnicodeConformanceTest {
    /** As in hf-unicode-golden.mjs. */
    private static final int[] POOL = {0x61, 0x65, 0x6F, 0x75, 0x41, 0x73, 0x69, 0x20, 0xE9, 0x1EC7, 0x1D6, 0x212B, 0x1E9B, 0xFB01,
        0xBD, 0x958, 0x344, 0xF73, 0xF75, 0xF77, 0xF71, 0xF72, 0xF80, 0x2126, 0x1F23B, 0x11935, 0x11930, 0x11938, 0x1DF6, 0x1DF7,
        0xCC6, 0xCC2, 0xCCA, 0xCD5, 0xDD9, 0xDCF, 0xDCA, 0xDDD, 0xB47, 0xB3E, 0xB57, 0x1B05, 0x1B35, 0x5D0, 0x5B4, 0x5BC, 0x302A,
        0x302B, 0x302E, 0x3099, 0x309A, 0x304B, 0x30AB, 0xFF76, 0xFF9E, 0x1D15E, 0x1D165, 0x1D16E, 0x1D16D, 0x10FFFF, 0, 0x1100,
        0x1112, 0x1113, 0x1161, 0x1175, 0x1176, 0x11A7, 0x11A8, 0x11C2, 0x11C3, 0xAC00, 0xAC01, 0xD7A3, 0x3131, 0x1E0A, 0x1E0C,
        0x307, 0x323, 0x301, 0x300, 0x308, 0x304, 0x327, 0x328, 0x31B, 0x345, 0x3B1, 0x1FB3, 0x1F00, 0x399, 0x1FBE, 0x385,
        0x2FA1D, 0xF900, 0x1E4EC, 0x1E4EF, 0x10781, 0x1F16C, 0x16FF0, 0x1D1AA, 0x1A7F, 0x1AB0, 0x20D0, 0x20E3, 0x93C, 0x94D,
        0x915, 0x929, 0x9C7, 0x9BE, 0x9D7, 0xBC6, 0xBBE, 0xBD7, 0xC46, 0xC56, 0xD46, 0xD3E, 0xD57, 0x1025, 0x102E, 0x11099,
        0x110BA, 0x1109A, 0x11131, 0x11127, 0x1112E, 0x1134B, 0x11347, 0x1133E, 0x11357, 0x114B9, 0x114BA, 0x114B0, 0x115B8,
        0x115AF, 0xE0100, 0x200D, 0x3000, 0x2460, 0x33FF, 0x1F1E6};

    private static Map<String, String[]> golden;
    private static int seed;
    private static int sequences;

    @BeforeAll
    static void readGolden() throws IOException {
        golden = new LinkedHashMap<>();
        for (String line : Files.readAllLines(SharedData.testdata().resolve("golden/hf/unicode.tsv"))) {
            if (line.startsWith("# seed: ")) {
                String[] f = line.substring(8).split(", sequences: ");
                seed = Integer.parseInt(f[0]);
                sequences = Integer.parseInt(f[1]);
            } else if (!line.startsWith("#") && !line.isBlank()) {
                String[] f = line.split("\t");
                golden.put(f[0], new String[] {f[1], f[2]});
            }
        }
        assertEquals(14, golden.size(), "checks in unicode.tsv");
    }

    private static void check(String name, List<String> lines) {
        String[] expected = golden.get(name);
        assertEquals(expected[0] + " " + expected[1], lines.size() + " " + sha(String.join("\n", lines)), name);
    }

    @Test
    void everyCodePointAlone() {
        Map<String, Normalizer> components = new LinkedHashMap<>();
        components.put("NFC", new UnicodeForms(Form.NFC));
        components.put("NFD", new UnicodeForms(Form.NFD));
        components.put("NFKC", new UnicodeForms(Form.NFKC));
        components.put("NFKD", new UnicodeForms(Form.NFKD));
        components.put("StripAccents", SimpleNormalizers.stripAccents());
        components.put("Lowercase", SimpleNormalizers.lowercase());
        components.put("BertClean", new BertNormalizer(true, false, false, false));
        components.put("BertStrip", new BertNormalizer(false, false, true, false));
        Map<String, List<String>> rows = new LinkedHashMap<>();
        components.keySet().forEach(k -> rows.put(k, new ArrayList<>()));
        List<String> bertPre = new ArrayList<>();
        BertPreTokenizer bert = new BertPreTokenizer();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                continue;
            }
            String s = Character.toString(cp);
            NormalizedString in = NormalizedString.of(s, 0, s.length());
            for (Map.Entry<String, Normalizer> e : components.entrySet()) {
                NormalizedString r = e.getValue().normalize(in);
                if (!r.contentEquals(s)) {
                    rows.get(e.getKey()).add(Integer.toHexString(cp) + "\t" + hex(r.codePoints()));
                }
            }
            String t = "a" + s + "a";
            int[] pieces = {0};
            bert.split(NormalizedString.of(t, 0, t.length()), p -> pieces[0]++);
            if (pieces[0] != 1) {
                bertPre.add(Integer.toHexString(cp) + "\t" + pieces[0]);
            }
        }
        rows.forEach((k, v) -> check("cp/" + k, v));
        check("cp/BertPre", bertPre);
    }

    @Test
    void randomSequencesWithTheirAlignments() {
        Mulberry32 random = new Mulberry32(seed);
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < sequences; i++) {
            int n = 1 + (int) Math.floor(random.next() * 8);
            int[] cps = new int[n];
            for (int k = 0; k < n; k++) {
                cps[k] = random.next() < 0.3 ? 0x300 + (int) Math.floor(random.next() * 0x70)
                        : POOL[(int) Math.floor(random.next() * POOL.length)];
            }
            strings.add(new String(cps, 0, n));
        }
        for (Form form : List.of(Form.NFC, Form.NFD, Form.NFKC, Form.NFKD)) {
            UnicodeForms normalizer = new UnicodeForms(form);
            List<String> rows = new ArrayList<>();
            for (String s : strings) {
                NormalizedString r = normalizer.normalize(NormalizedString.of(s, 0, s.length()));
                List<String> offsets = new ArrayList<>();
                for (int i = 0; i < r.length(); i++) {
                    offsets.add(s.codePointCount(0, r.originalStart(i)) + ":" + s.codePointCount(0, r.originalEnd(i)));
                }
                rows.add(hex(s.codePoints().toArray()) + "\t" + hex(r.codePoints()) + "\t" + String.join(" ", offsets));
            }
            check("seq/" + form, rows);
        }
    }

    @Test
    void unicodeScriptsOnEveryCodePoint() {
        int[] all = java.util.stream.IntStream.rangeClosed(0, Character.MAX_CODE_POINT)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE).toArray();
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < all.length; i += 4096) {
            strings.add(new String(all, i, Math.min(4096, all.length - i)));
        }
        for (int sep : new int[] {0x61, 0x3B1}) {
            for (int i = 0; i < all.length; i += 2048) {
                StringBuilder b = new StringBuilder();
                for (int k = i; k < Math.min(all.length, i + 2048); k++) {
                    b.appendCodePoint(sep).appendCodePoint(all[k]);
                }
                strings.add(b.toString());
            }
        }
        UnicodeScripts scripts = new UnicodeScripts();
        List<String> rows = new ArrayList<>();
        for (String s : strings) {
            List<String> pieces = new ArrayList<>();
            scripts.split(NormalizedString.of(s, 0, s.length()), p -> {
                if (!p.isEmpty()) {
                    pieces.add(s.codePointCount(0, p.originalStart(0)) + ":" + s.codePointCount(0, p.originalEnd(p.length() - 1)));
                }
            });
            rows.add(String.join(" ", pieces));
        }
        check("scripts", rows);
    }

    private static String hex(int[] cps) {
        return java.util.Arrays.stream(cps).mapToObj(Integer::toHexString).collect(Collectors.joining(" "));
    }

    private static String sha(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The seeded generator of hf-unicode-golden.mjs (mulberry32), bit for bit. */
    private static final class Mulberry32 {
        private int a;

        Mulberry32(int seed) {
            a = seed;
        }

        double next() {
            a += 0x6D2B79F5;
            int t = (a ^ (a >>> 15)) * (1 | a);
            t = (t + (t ^ (t >>> 7)) * (61 | t)) ^ t;
            return ((t ^ (t >>> 14)) & 0xFFFFFFFFL) / 4294967296.0;
        }
    }
}
