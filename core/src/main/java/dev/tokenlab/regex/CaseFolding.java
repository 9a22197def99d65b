package dev.tokenlab.regex;

import dev.tokenlab.TokenizerFormatException;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Unicode 16.0 simple case folding for {@code (?i)}, from a table bundled in the jar (written by
 * {@code tools/GenerateUnicodeTables.java}).
 *
 * <p>What it is: the orbits of simple case folding (CaseFolding.txt, statuses C and S), such as
 * {k, K, U+212A KELVIN SIGN} or {s, S, U+017F LONG S}. Under {@code (?i)} a literal or a class matches
 * every member of the orbits it touches, as Rust's {@code regex} (tiktoken) does. Not included:
 * Turkic folding (U+0130 and U+0131 stay alone, as in CaseFolding.txt without status T) and the
 * multi-character full foldings Oniguruma also applies ({@code ß} against {@code ss}); no tokenizer
 * pattern we know depends on them.
 *
 * <p>Why a table: Java 17's case mappings are Unicode 13, and pairs added since (Vithkuqi, Garay,
 * new Latin letters) would fold differently from the reference.
 */
final class CaseFolding {
    /** The Unicode version of the bundled table. */
    static final String UNICODE_VERSION;

    /** Every code point that has a case-folding partner, ascending. */
    private static final int[] MEMBERS;
    /** For each entry of {@link #MEMBERS}, the index of its orbit's first member in {@link #ORBITS}. */
    private static final int[] ORBIT_OF;
    /** The orbits one after another, each as its size followed by its members. */
    private static final int[] ORBITS;

    static {
        String resource = "case-folding.bin.gz";
        try (InputStream raw = CaseFolding.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new TokenizerFormatException(resource, "bundled Unicode table is missing from the jar");
            }
            DataInputStream in = new DataInputStream(new GZIPInputStream(raw));
            if (!"TLCF1".equals(new String(in.readNBytes(5), StandardCharsets.US_ASCII))) {
                throw new TokenizerFormatException(resource, "bad magic");
            }
            UNICODE_VERSION = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.UTF_8);
            int count = in.readUnsignedShort();
            int[] orbits = new int[count * 5];
            int[] members = new int[count * 4];
            int[] orbitOf = new int[count * 4];
            int o = 0;
            int m = 0;
            for (int i = 0; i < count; i++) {
                int size = in.readUnsignedByte();
                if (o + size + 1 > orbits.length) {
                    orbits = Arrays.copyOf(orbits, (o + size + 1) * 2);
                }
                if (m + size > members.length) {
                    members = Arrays.copyOf(members, (m + size) * 2);
                    orbitOf = Arrays.copyOf(orbitOf, (m + size) * 2);
                }
                int start = o;
                orbits[o++] = size;
                for (int k = 0; k < size; k++) {
                    int cp = (in.readUnsignedByte() << 16) | in.readUnsignedShort();
                    orbits[o++] = cp;
                    members[m] = cp;
                    orbitOf[m++] = start;
                }
            }
            // Sort members (with their orbit) so that a code point's orbit is found by binary search.
            long[] packed = new long[m];
            for (int i = 0; i < m; i++) {
                packed[i] = ((long) members[i] << 32) | orbitOf[i];
            }
            Arrays.sort(packed);
            MEMBERS = new int[m];
            ORBIT_OF = new int[m];
            for (int i = 0; i < m; i++) {
                MEMBERS[i] = (int) (packed[i] >>> 32);
                ORBIT_OF[i] = (int) packed[i];
            }
            ORBITS = Arrays.copyOf(orbits, o);
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private CaseFolding() {
    }

    /** The code points that fold together with {@code cp}, itself included, ascending. */
    static int[] orbit(int cp) {
        int i = Arrays.binarySearch(MEMBERS, cp);
        if (i < 0) {
            return new int[] {cp};
        }
        int start = ORBIT_OF[i];
        return Arrays.copyOfRange(ORBITS, start + 1, start + 1 + ORBITS[start]);
    }

    /** {@code set} with every code point that folds together with one of its members. */
    static CodePointSet close(CodePointSet set) {
        CodePointSet.Builder b = new CodePointSet.Builder().addAll(set);
        long members = 0;
        for (int r = 0; r < set.rangeCount() && members <= 64; r++) {
            members += set.hi(r) - set.lo(r) + 1L;
        }
        if (members <= 64) { // a literal or a small class: look its members up
            for (int r = 0; r < set.rangeCount(); r++) {
                for (int cp = set.lo(r); cp <= set.hi(r); cp++) {
                    for (int other : orbit(cp)) {
                        b.add(other);
                    }
                }
            }
            return b.build();
        }
        boolean added = false;
        for (int o = 0; o < ORBITS.length; o += ORBITS[o] + 1) {
            int size = ORBITS[o];
            boolean any = false;
            boolean all = true;
            for (int k = 1; k <= size; k++) {
                if (set.contains(ORBITS[o + k])) {
                    any = true;
                } else {
                    all = false;
                }
            }
            if (any && !all) {
                for (int k = 1; k <= size; k++) {
                    b.add(ORBITS[o + k]);
                }
                added = true;
            }
        }
        return added ? b.build() : set;
    }
}
