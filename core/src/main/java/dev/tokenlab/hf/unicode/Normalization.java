package dev.tokenlab.hf.unicode;

import java.util.Arrays;

/**
 * Unicode normalization (NFD, NFKD, NFC, NFKC) on Unicode 9.0 data, as the Rust crate
 * {@code unicode-normalization-alignments} 0.1.12 inside {@code tokenizers} does it, reporting each output code
 * point's <em>change</em> the way that crate does, so that callers can align the result with its input exactly
 * as the Rust library does.
 *
 * <p>Why not {@link java.text.Normalizer}: Java 17 normalizes with Unicode 13.0 data, the reference with 9.0.
 * Strings of code points assigned in 9.0 normalize the same either way (decompositions and combining classes of
 * assigned code points never change), but newer ones do not: Java composes U+11935 U+11930 (13.0) and reorders
 * {@code a} U+1DF6 U+0323 (U+1DF6 is 10.0, combining class 0 in 9.0), the reference leaves both alone. Java's API
 * also gives no alignments.
 *
 * <p>The algorithm is UAX #15's, step for step as the crate runs it:
 * <ol>
 *   <li>decompose each code point fully (canonical or compatibility mappings, Hangul syllables algorithmically);
 *       the first code point of a decomposition has change 0, the others +1 (inserted);</li>
 *   <li>sort every run of non-starters (combining class &gt; 0) stably by combining class; <em>changes move with
 *       their code points</em>;</li>
 *   <li>(NFC, NFKC) compose: each starter absorbs the following code points that are not blocked and form a
 *       primary composite with it (Hangul L+V and LV+T algorithmically); the composite's change is the starter's
 *       change plus the absorbed one's minus 1. Code points before the first starter pass through.</li>
 * </ol>
 * A change of 0 or less consumes the next input code point (and {@code -change} more, which are dropped), +1
 * inserts one that stands for the last code point consumed: the rule of {@code NormalizedString::transform}.
 *
 * <p>Data: {@code normalization-9.0.bin.gz}, 15.7 KB in the jar: combining classes (a shared-block table), 2,060
 * full canonical and 3,678 differing full compatibility decompositions, 940 primary composites. It is taken from
 * Unicode 16.0 sources restricted to the code points 9.0 assigns, and proved equal to ICU4J 58.2's Unicode 9.0 data
 * for every code point by {@code tools/GenerateHfUnicodeTables.java}. Read on first use in about 10 ms on a cold
 * JVM (measured on the project's 2-core machine), about 270 KB of heap with the per-code-point quick-check flags
 * built on load; a tokenizer without NFx, or BertNormalizer's strip_accents, never reads it. Immutable and
 * thread-safe.
 */
public final class Normalization {
    /** Flag: NFD changes the code point (it has a canonical decomposition). */
    private static final int NFD_CHANGES = 1;
    /** Flag: NFKD changes it. */
    private static final int NFKD_CHANGES = 2;
    /** Flag: NFC changes it on its own. */
    private static final int NFC_CHANGES = 4;
    /** Flag: NFKC changes it on its own. */
    private static final int NFKC_CHANGES = 8;
    /** Flag: it, or the first code point of its decomposition, can compose with what precedes it. */
    private static final int COMBINES_BACKWARD = 16;
    /** Flag: its combining class is not 0. */
    private static final int NON_STARTER = 32;

    static final int S_BASE = 0xAC00;
    static final int L_BASE = 0x1100;
    static final int V_BASE = 0x1161;
    static final int T_BASE = 0x11A7;
    static final int L_COUNT = 19;
    static final int V_COUNT = 21;
    static final int T_COUNT = 28;
    static final int N_COUNT = V_COUNT * T_COUNT;
    static final int S_COUNT = L_COUNT * N_COUNT;

    private static volatile Normalization instance;

    private final BlockTable ccc;
    private final int[] canonicalKeys;
    private final int[][] canonical;
    private final int[] compatibilityKeys;
    private final int[][] compatibility;
    private final long[] pairs;
    private final int[] composites;
    private final byte[][] flags = new byte[BlockTable.BLOCKS][];

    private Normalization(TableReader in) {
        ccc = in.blockTable();
        canonicalKeys = new int[in.u16()];
        canonical = in.mappings(canonicalKeys);
        compatibilityKeys = new int[in.u16()];
        compatibility = in.mappings(compatibilityKeys);
        int n = in.u16();
        pairs = new long[n];
        composites = new int[n];
        int first = 0;
        for (int i = 0; i < n; i++) {
            first += in.varint(Character.MAX_CODE_POINT - first);
            pairs[i] = pair(first, in.codePoint());
            composites[i] = in.codePoint();
            if (i > 0 && pairs[i] <= pairs[i - 1]) {
                throw in.error("compositions out of order");
            }
        }
        in.end();
        for (int cp : canonicalKeys) {
            if (isHangulSyllable(cp)) {
                throw in.error("a Hangul syllable in the decomposition table");
            }
            flag(cp, NFD_CHANGES | NFKD_CHANGES);
        }
        for (int cp : compatibilityKeys) {
            flag(cp, NFKD_CHANGES);
        }
        for (int s = S_BASE; s < S_BASE + S_COUNT; s++) {
            flag(s, NFD_CHANGES | NFKD_CHANGES);
        }
        for (long p : pairs) {
            flag((int) (p & 0x1FFFFF), COMBINES_BACKWARD);
        }
        for (int v = V_BASE; v < V_BASE + V_COUNT; v++) {
            flag(v, COMBINES_BACKWARD);
        }
        for (int t = T_BASE + 1; t < T_BASE + T_COUNT; t++) {
            flag(t, COMBINES_BACKWARD);
        }
        // Alone, a code point with a canonical decomposition recomposes to itself unless it is excluded from
        // composition (it is then no primary composite); one with a compatibility decomposition never does. (The
        // unit tests check these flags against the algorithm for every code point.)
        int[] sortedComposites = composites.clone();
        Arrays.sort(sortedComposites);
        for (int i = 0; i < canonicalKeys.length; i++) {
            if (Arrays.binarySearch(sortedComposites, canonicalKeys[i]) < 0) {
                flag(canonicalKeys[i], NFC_CHANGES | NFKC_CHANGES);
            }
            if ((flags(canonical[i][0]) & COMBINES_BACKWARD) != 0) {
                flag(canonicalKeys[i], COMBINES_BACKWARD);
            }
        }
        for (int i = 0; i < compatibilityKeys.length; i++) {
            flag(compatibilityKeys[i], NFKC_CHANGES);
            if ((flags(compatibility[i][0]) & COMBINES_BACKWARD) != 0) {
                flag(compatibilityKeys[i], COMBINES_BACKWARD);
            }
        }
        for (int cp : ccc.nonZero()) {
            flag(cp, NON_STARTER);
        }
    }

    /** The Unicode 9.0 data (read on first call). */
    public static Normalization unicode9() {
        Normalization n = instance;
        if (n == null) {
            synchronized (Normalization.class) {
                n = instance;
                if (n == null) {
                    instance = n = new Normalization(TableReader.open("normalization-9.0.bin.gz", "TLNRM1", "9.0"));
                }
            }
        }
        return n;
    }

    static Normalization read(TableReader in) {
        return new Normalization(in);
    }

    private void flag(int cp, int flag) {
        byte[] block = flags[cp >>> 8];
        if (block == null) {
            block = flags[cp >>> 8] = new byte[256];
        }
        block[cp & 0xFF] |= (byte) flag;
    }

    private int flags(int cp) {
        byte[] block = flags[cp >>> 8];
        return block == null ? 0 : block[cp & 0xFF];
    }

    /** The canonical combining class of a code point (0 for starters and for code points 9.0 does not assign). */
    public int combiningClass(int codePoint) {
        return ccc.get(codePoint);
    }

    /**
     * The full decomposition of a code point (NFD's, or with {@code compatibility} NFKD's), or the code point
     * itself when it has none. The returned array must not be modified.
     */
    public int[] decomposition(int codePoint, boolean compatibility) {
        return full(codePoint, compatibility);
    }

    private int[] full(int cp, boolean compat) {
        if (isHangulSyllable(cp)) {
            int s = cp - S_BASE;
            int t = s % T_COUNT;
            return t == 0 ? new int[] {L_BASE + s / N_COUNT, V_BASE + (s % N_COUNT) / T_COUNT}
                    : new int[] {L_BASE + s / N_COUNT, V_BASE + (s % N_COUNT) / T_COUNT, T_BASE + t};
        }
        if (compat) {
            int i = Arrays.binarySearch(compatibilityKeys, cp);
            if (i >= 0) {
                return compatibility[i];
            }
        }
        int i = Arrays.binarySearch(canonicalKeys, cp);
        return i >= 0 ? canonical[i] : new int[] {cp};
    }

    /** The primary composite of {@code first} and {@code second}, or -1 when they do not compose (Hangul included). */
    public int compose(int first, int second) {
        if (first >= L_BASE && first < L_BASE + L_COUNT && second >= V_BASE && second < V_BASE + V_COUNT) {
            return S_BASE + ((first - L_BASE) * V_COUNT + (second - V_BASE)) * T_COUNT;
        }
        if (isHangulSyllable(first) && (first - S_BASE) % T_COUNT == 0 && second > T_BASE && second < T_BASE + T_COUNT) {
            return first + (second - T_BASE);
        }
        int i = Arrays.binarySearch(pairs, pair(first, second));
        return i >= 0 ? composites[i] : -1;
    }

    /**
     * Whether this code point is left as it is by the form in any text where all code points are such: it has no
     * decomposition (NFD, NFKD) or is its own composition (NFC, NFKC), is a starter, and cannot compose with what
     * precedes it. A text made only of these needs no normalization.
     */
    public boolean isInert(int codePoint, boolean compatibility, boolean compose) {
        int mask = NON_STARTER | (compose ? COMBINES_BACKWARD | (compatibility ? NFKC_CHANGES : NFC_CHANGES)
                : compatibility ? NFKD_CHANGES : NFD_CHANGES);
        return (flags(codePoint) & mask) == 0;
    }

    static boolean isHangulSyllable(int cp) {
        return cp >= S_BASE && cp < S_BASE + S_COUNT;
    }

    private static long pair(int a, int b) {
        return (long) a << 21 | b;
    }

    /**
     * Normalizes {@code input[from, to)}: NFD ({@code compatibility} false, {@code compose} false), NFKD, NFC or
     * NFKC. Returns null when the result is the input unchanged (same code points, every change 0).
     */
    public Result normalize(int[] input, int from, int to, boolean compatibility, boolean compose) {
        Result r = new Result(Math.max(4, (to - from) + 4));
        for (int i = from; i < to; i++) {
            int cp = input[i];
            if (ccc.get(cp) == 0 && (flags(cp) & (compatibility ? NFKD_CHANGES : NFD_CHANGES)) == 0) {
                r.add(cp, 0, 0);
                continue;
            }
            int[] d = full(cp, compatibility);
            for (int k = 0; k < d.length; k++) {
                r.add(d[k], k == 0 ? 0 : 1, ccc.get(d[k]));
            }
        }
        sortNonStarterRuns(r);
        if (compose) {
            r = compose(r);
        }
        if (r.length != to - from) {
            return r;
        }
        for (int i = 0; i < r.length; i++) {
            if (r.codePoints[i] != input[from + i] || r.changes[i] != 0) {
                return r;
            }
        }
        return null;
    }

    /** Stable sort by combining class of every run of non-starters, moving each code point with its change. */
    private static void sortNonStarterRuns(Result r) {
        int i = 0;
        while (i < r.length) {
            if (r.classes[i] == 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < r.length && r.classes[i] != 0) {
                i++;
            }
            if (i - start > 1) {
                sortRun(r, start, i);
            }
        }
    }

    private static void sortRun(Result r, int from, int to) {
        if (to - from <= 16) {
            for (int i = from + 1; i < to; i++) {
                for (int j = i; j > from && r.classes[j - 1] > r.classes[j]; j--) {
                    r.swap(j - 1, j);
                }
            }
            return;
        }
        long[] keys = new long[to - from];
        for (int i = from; i < to; i++) {
            keys[i - from] = (long) r.classes[i] << 32 | (i - from);
        }
        Arrays.sort(keys);
        int[] cps = Arrays.copyOfRange(r.codePoints, from, to);
        int[] changes = Arrays.copyOfRange(r.changes, from, to);
        for (int k = 0; k < keys.length; k++) {
            int src = (int) keys[k];
            r.codePoints[from + k] = cps[src];
            r.changes[from + k] = changes[src];
            r.classes[from + k] = (int) (keys[k] >>> 32);
        }
    }

    /** The crate's recomposition state machine, emission order included. */
    private Result compose(Result in) {
        Result out = new Result(in.length + 4);
        int composee = -1;
        int composeeChange = 0;
        int lastClass = -1;
        int bufferStart = 0;
        int[] buffer = new int[8];
        int buffered = 0;
        for (int i = 0; i < in.length; i++) {
            int ch = in.codePoints[i];
            int change = in.changes[i];
            int cls = in.classes[i];
            if (composee < 0) {
                if (cls != 0) {
                    out.add(ch, change, cls);
                } else {
                    composee = ch;
                    composeeChange = change;
                }
                continue;
            }
            if (lastClass >= 0 && lastClass >= cls) {
                // ch is blocked from the composee
                if (cls == 0) {
                    out.add(composee, composeeChange, 0);
                    for (int b = 0; b < buffered; b++) {
                        out.add(in.codePoints[buffer[b]], in.changes[buffer[b]], in.classes[buffer[b]]);
                    }
                    buffered = 0;
                    composee = ch;
                    composeeChange = change;
                    lastClass = -1;
                    continue;
                }
            } else {
                int r = (flags(ch) & COMBINES_BACKWARD) != 0 ? compose(composee, ch) : -1;
                if (r >= 0) {
                    composee = r;
                    composeeChange = composeeChange + change - 1;
                    continue;
                }
                if (lastClass < 0 && cls == 0) {
                    out.add(composee, composeeChange, 0);
                    composee = ch;
                    composeeChange = change;
                    continue;
                }
            }
            if (buffered == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffered * 2);
            }
            buffer[buffered++] = i;
            lastClass = cls;
        }
        if (composee >= 0) {
            out.add(composee, composeeChange, 0);
        }
        for (int b = 0; b < buffered; b++) {
            out.add(in.codePoints[buffer[b]], in.changes[buffer[b]], in.classes[buffer[b]]);
        }
        return out;
    }

    /**
     * A normalized sequence: {@link #length} code points, each with its change (0: stands for the next input code
     * point; -n: that one and n more, which are dropped; +1: inserted, stands for the last one consumed).
     */
    public static final class Result {
        /** The code points ({@link #length} of them are used). */
        public int[] codePoints;
        /** Each code point's change. */
        public int[] changes;
        int[] classes;
        /** Number of code points. */
        public int length;

        Result(int capacity) {
            codePoints = new int[capacity];
            changes = new int[capacity];
            classes = new int[capacity];
        }

        void add(int cp, int change, int cls) {
            if (length == codePoints.length) {
                int capacity = length * 2;
                codePoints = Arrays.copyOf(codePoints, capacity);
                changes = Arrays.copyOf(changes, capacity);
                classes = Arrays.copyOf(classes, capacity);
            }
            codePoints[length] = cp;
            changes[length] = change;
            classes[length] = cls;
            length++;
        }

        void swap(int i, int j) {
            int t = codePoints[i];
            codePoints[i] = codePoints[j];
            codePoints[j] = t;
            t = changes[i];
            changes[i] = changes[j];
            changes[j] = t;
            t = classes[i];
            classes[i] = classes[j];
            classes[j] = t;
        }

        /** The code points as a string. */
        @Override
        public String toString() {
            return new String(codePoints, 0, length);
        }
    }
}
