// Writes the grapheme-cluster table of tokenlab-core's Precompiled normalizer
// (core/src/main/resources/dev/tokenlab/hf/normalizers/grapheme-break.bin.gz): for every code point,
// its Grapheme_Cluster_Break class and its Indic_Conjunct_Break value at Unicode 16.0, the version
// of the unicode-segmentation crate inside Hugging Face tokenizers 0.23.
//
// Java 17 knows Unicode 13 and has no API for these properties, so the values are read from the
// JDK 25 runtime's own UAX #29 implementation (jdk.internal.util.regex.Grapheme and
// IndicConjunctBreak, Unicode 16.0, which the JDK tests against GraphemeBreakTest-16.0.0.txt):
//   /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-opens java.base/jdk.internal.util.regex=ALL-UNNAMED \
//       tools/GenerateGraphemeTable.java core/src/main/resources/dev/tokenlab/hf/normalizers/grapheme-break.bin.gz
//
// The class numbers are the JDK's: 0 Other, 1 CR, 2 LF, 3 Control, 4 Extend, 5 ZWJ,
// 6 Regional_Indicator, 7 Prepend, 8 SpacingMark, 9 L, 10 V, 11 T, 12 LV, 13 LVT,
// 14 Extended_Pictographic. Like the JDK, Extend holds Mn, Me and the other Grapheme_Extend
// characters that are not Mc; the few Mc characters that are Grapheme_Extend (U+09BE …) are
// SpacingMark here, which gives the same boundaries except inside an emoji ZWJ sequence (GB11).
// One correction: the JDK classes every unassigned code point as Control, UAX #29 only those that
// are Default_Ignorable_Code_Point (U+2065, U+FFF0..FFF8, U+E0000..E0FFF); the others are Other here.
// Indic_Conjunct_Break: 0 None, 1 Linker, 2 Consonant, 3 Extend (in bits 4-5).
//
// Format (gzip): magic "TLGCB1", UTF-8 version string with a 1-byte length, u16 block count N,
// 0x1100 big-endian u16 block indexes (one per 256 code points), then N blocks of 256 bytes.
import java.io.*;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.*;
import java.util.zip.GZIPOutputStream;

public class GenerateGraphemeTable {
    /** Unassigned code points that are Default_Ignorable_Code_Point (DerivedCoreProperties.txt, 16.0). */
    static boolean defaultIgnorable(int cp) {
        return cp >= 0x2060 && cp <= 0x206F || cp >= 0xFFF0 && cp <= 0xFFF8 || cp >= 0xE0000 && cp <= 0xE0FFF;
    }

    public static void main(String[] args) throws Exception {
        String version = "16.0";
        int feature = Runtime.version().feature();
        if (feature < 24 || feature > 25) {
            throw new IllegalStateException("run with JDK 24 or 25 (Unicode 16.0); this is " + feature);
        }
        Class<?> grapheme = Class.forName("jdk.internal.util.regex.Grapheme");
        Class<?> incb = Class.forName("jdk.internal.util.regex.IndicConjunctBreak");
        Method getType = grapheme.getDeclaredMethod("getType", int.class);
        Method isLinker = incb.getDeclaredMethod("isLinker", int.class);
        Method isConsonant = incb.getDeclaredMethod("isConsonant", int.class);
        Method isExtend = incb.getDeclaredMethod("isExtend", int.class);
        for (Method m : List.of(getType, isLinker, isConsonant, isExtend)) {
            m.setAccessible(true);
        }
        Map<String, Integer> blockIds = new LinkedHashMap<>();
        List<byte[]> blocks = new ArrayList<>();
        int[] index = new int[0x1100];
        int[] counts = new int[64];
        for (int hi = 0; hi < 0x1100; hi++) {
            byte[] block = new byte[256];
            for (int lo = 0; lo < 256; lo++) {
                int cp = (hi << 8) | lo;
                int type = (int) getType.invoke(null, cp);
                if (type == 3 && Character.getType(cp) == Character.UNASSIGNED && !defaultIgnorable(cp)) {
                    type = 0; // the JDK calls every unassigned code point Control; UAX #29 only the Default_Ignorable ones
                }
                int in = (boolean) isLinker.invoke(null, cp) ? 1 : (boolean) isConsonant.invoke(null, cp) ? 2
                        : (boolean) isExtend.invoke(null, cp) ? 3 : 0;
                block[lo] = (byte) (type | in << 4);
                counts[type | in << 4]++;
            }
            String key = Base64.getEncoder().encodeToString(block);
            Integer id = blockIds.get(key);
            if (id == null) {
                id = blocks.size();
                blockIds.put(key, id);
                blocks.add(block);
            }
            index[hi] = id;
        }
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(new FileOutputStream(args[0])))) {
            out.write("TLGCB1".getBytes(StandardCharsets.US_ASCII));
            byte[] v = version.getBytes(StandardCharsets.UTF_8);
            out.writeByte(v.length);
            out.write(v);
            out.writeShort(blocks.size());
            for (int i : index) {
                out.writeShort(i);
            }
            for (byte[] b : blocks) {
                out.write(b);
            }
        }
        System.out.println(args[0] + ": Unicode " + version + ", " + blocks.size() + " distinct blocks");
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                System.out.println("  class " + (i & 15) + " incb " + (i >> 4) + ": " + counts[i]);
            }
        }
    }
}
