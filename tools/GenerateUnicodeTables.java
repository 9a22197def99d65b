// Writes the Unicode General_Category table that tokenlab-core's pre-tokenizers use, so that \p{L},
// \p{N} and friends classify characters as tiktoken's Rust regex does (Unicode 16.0), whatever
// Unicode version the JVM running Tokenlab knows (Java 17 knows Unicode 13).
//
// Run with a JDK whose Character tables are Unicode 16.0 (JDK 24 or 25):
//   /usr/lib/jvm/temurin-25-jdk-amd64/bin/java tools/GenerateUnicodeTables.java \
//       core/src/main/resources/dev/tokenlab/pretokenize/general-category.bin.gz
//
// Format (gzip): magic "TLUCD1", UTF-8 version string with a 1-byte length, u16 block count N,
// 0x1100 big-endian u16 block indexes (one per 256 code points), then N blocks of 256 category bytes
// (values of java.lang.Character.getType).
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
    }
}
