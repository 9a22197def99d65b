// Writes the Unicode General_Category table that tokenlab-core's pre-tokenizers use, so that \p{L},
// \p{N} and friends classify characters as tiktoken's Rust regex does (Unicode 16.0), whatever
// Unicode version the JVM running Tokenlab knows (Java 17 knows Unicode 13).
//
// Run with a JDK whose Character tables are Unicode 16.0 (JDK 24 or 25):
//   /usr/lib/jvm/temurin-25-jdk-amd64/bin/java tools/GenerateUnicodeTables.java \
//       core/src/main/resources/dev/tokenlab/pretokenize/general-category.bin.gz \
//       core/src/main/resources/dev/tokenlab/regex/case-folding.bin.gz
//
// Format (gzip): magic "TLUCD1", UTF-8 version string with a 1-byte length, u16 block count N,
// 0x1100 big-endian u16 block indexes (one per 256 code points), then N blocks of 256 category bytes
// (values of java.lang.Character.getType).
//
// The second file (optional) holds the simple case folding orbits that core's regex engine uses for
// (?i): code points that Unicode's simple case folding (CaseFolding.txt, status C and S) maps to the
// same folded code point. They are the connected components of the JDK's simple case mappings
// (toUpperCase, toLowerCase, toTitleCase), minus the two Turkic links (U+0130 -> i, U+0131 -> I) that
// CaseFolding.txt lists only with status T. Format (gzip): magic "TLCF1", UTF-8 version string with a
// 1-byte length, u16 orbit count, then per orbit a u8 size and that many u24 code points, ascending.
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;
import java.util.zip.GZIPOutputStream;

public class GenerateUnicodeTables {
    public static void main(String[] args) throws IOException {
        String version = "16.0";
        int feature = Runtime.version().feature();
        if (feature < 24 || feature > 25) {
            throw new IllegalStateException("run with JDK 24 or 25 (Unicode 16.0); this is " + feature);
        }
        Map<String, Integer> blockIds = new LinkedHashMap<>();
        List<byte[]> blocks = new ArrayList<>();
        int[] index = new int[0x1100];
        for (int hi = 0; hi < 0x1100; hi++) {
            byte[] block = new byte[256];
            for (int lo = 0; lo < 256; lo++) {
                block[lo] = (byte) Character.getType((hi << 8) | lo);
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
            out.write("TLUCD1".getBytes(StandardCharsets.US_ASCII));
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
        if (args.length > 1) {
            writeCaseFolding(args[1], version);
        }
    }

    private static void writeCaseFolding(String file, String version) throws IOException {
        int[] parent = new int[Character.MAX_CODE_POINT + 1];
        for (int cp = 0; cp < parent.length; cp++) {
            parent[cp] = cp;
        }
        for (int cp = 0; cp < parent.length; cp++) {
            for (int other : new int[] {Character.toLowerCase(cp), Character.toUpperCase(cp), Character.toTitleCase(cp)}) {
                if (other != cp && !isTurkic(cp) && !isTurkic(other)) {
                    union(parent, cp, other);
                }
            }
        }
        Map<Integer, List<Integer>> orbits = new TreeMap<>();
        for (int cp = 0; cp < parent.length; cp++) {
            orbits.computeIfAbsent(find(parent, cp), k -> new ArrayList<>()).add(cp);
        }
        List<List<Integer>> nonTrivial = new ArrayList<>();
        for (List<Integer> orbit : orbits.values()) {
            if (orbit.size() > 1) {
                nonTrivial.add(orbit);
            }
        }
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(new FileOutputStream(file)))) {
            out.write("TLCF1".getBytes(StandardCharsets.US_ASCII));
            byte[] v = version.getBytes(StandardCharsets.UTF_8);
            out.writeByte(v.length);
            out.write(v);
            out.writeShort(nonTrivial.size());
            for (List<Integer> orbit : nonTrivial) {
                out.writeByte(orbit.size());
                for (int cp : orbit) {
                    out.writeByte(cp >>> 16);
                    out.writeShort(cp & 0xFFFF);
                }
            }
        }
        System.out.println(file + ": Unicode " + version + ", " + nonTrivial.size() + " case folding orbits");
    }

    /** U+0130 and U+0131 fold only under Turkic rules (status T), never in simple case folding. */
    private static boolean isTurkic(int cp) {
        return cp == 0x130 || cp == 0x131;
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
