package dev.tokenlab.bpe;

import dev.tokenlab.tiktoken.TiktokenEncodings;
import dev.tokenlab.tiktoken.TiktokenSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The backtracking encoder against the merges replayed one by one (the heap loop, itself tested
 * against the linear loop and the textbook oracle in {@link BytePairMergerTest}): equal ranks and
 * starts on seeded hostile inputs, on Llama 3, cl100k_base and o200k_base, and on random toy
 * vocabularies that were not trained at all (so that unreachable and non-monotone tokens abound).
 */
class BacktrackingEncoderTest {

    static Stream<Arguments> vocabularies() {
        return Stream.of(TiktokenEncodings.LLAMA3, TiktokenEncodings.CL100K_BASE, TiktokenEncodings.O200K_BASE)
                .map(spec -> Arguments.of(spec.name(), spec));
    }

    private static ByteVocabulary vocab(TiktokenSpec spec) {
        return spec.ranks().get();
    }

    /** Encodes with the backtracking encoder and with the replayed merges and demands the same tokens. */
    private static void assertSameAsReplay(ByteVocabulary v, byte[] bytes, int from, int to, MergeBuffers a, MergeBuffers b,
                                           String what) {
        BacktrackingEncoder encoder = v.backtracking();
        int m = new BytePairMerger(v).mergeByReplay(bytes, from, to, b);
        for (int k = 0; k + 1 < m; k++) {
            if (!encoder.pairs().compatible(b.ranks[k], b.ranks[k + 1], bytes, b.starts[k + 1], a)) {
                fail(what + ": replay's pair " + new String(v.tokenBytes(b.ranks[k]), StandardCharsets.ISO_8859_1) + " | "
                        + new String(v.tokenBytes(b.ranks[k + 1]), StandardCharsets.ISO_8859_1) + " (" + b.ranks[k] + ", " + b.ranks[k + 1]
                        + ") judged incompatible; monotone " + encoder.tables().monotone(b.ranks[k]) + " " + encoder.tables().monotone(b.ranks[k + 1]));
            }
        }
        int n = encoder.encode(bytes, from, to, a);
        if (n != m || !Arrays.equals(a.ranks, 0, n, b.ranks, 0, m) || !Arrays.equals(a.starts, 0, n + 1, b.starts, 0, m + 1)) {
            fail(what + ": backtracking " + Arrays.toString(Arrays.copyOf(a.ranks, n)) + " != replay "
                    + Arrays.toString(Arrays.copyOf(b.ranks, m)) + " on " + Arrays.toString(Arrays.copyOfRange(bytes, from, to)));
        }
    }

    /** Hostile generators: each returns the bytes of one piece of about {@code length} bytes. */
    private interface Generator {
        byte[] make(Random random, int length, ByteVocabulary v, int[] shortTokens);
    }

    private static final String[] WORDS = {"the", "and", "tion", "ing", "pre", "ever", "qu", "zz", "xylophone", "Hello",
            "ment", "ation", "un", "believ", "able", "ness", "ity", "über", "naïve", "что", "的"};

    private static final List<Generator> GENERATORS = List.of(
            (r, n, v, s) -> repeat(String.valueOf((char) ('a' + r.nextInt(26))), n),                    // one letter
            (r, n, v, s) -> fromAlphabet(r, n, "" + (char) ('a' + r.nextInt(26)) + (char) ('a' + r.nextInt(26))), // two letters
            (r, n, v, s) -> fromAlphabet(r, n, "abcdefghijklmnopqrstuvwxyz"),
            (r, n, v, s) -> fromAlphabet(r, n, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"),
            (r, n, v, s) -> fromAlphabet(r, n, "0123456789"),
            (r, n, v, s) -> repeat(r.nextBoolean() ? " " : r.nextBoolean() ? "\n" : "\t ", n),
            (r, n, v, s) -> fromAlphabet(r, n, " \n\t\r"),
            (r, n, v, s) -> fromAlphabet(r, n, "🙂😀😂🤣😍🙃🫠👍🏽🇫🇷"),                                       // emoji
            (r, n, v, s) -> fromAlphabet(r, n, ".:-=_*#!?,;()[]{}<>/\\|~^"),                           // punctuation
            (r, n, v, s) -> {                                                                    // raw high bytes
                byte[] b = new byte[n];
                for (int i = 0; i < n; i++) {
                    b[i] = (byte) (r.nextInt(4) == 0 ? r.nextInt(0x80) : 0x80 + r.nextInt(0x80));
                }
                return b;
            },
            (r, n, v, s) -> {                                                                    // few high bytes
                byte[] b = new byte[n];
                int k = 1 + r.nextInt(3);
                int base = 0x80 + r.nextInt(0x7C);
                for (int i = 0; i < n; i++) {
                    b[i] = (byte) (base + r.nextInt(k));
                }
                return b;
            },
            (r, n, v, s) -> {                                                                    // words, no spaces
                StringBuilder sb = new StringBuilder();
                while (sb.length() < n) {
                    sb.append(WORDS[r.nextInt(WORDS.length)]);
                }
                return sb.toString().getBytes(StandardCharsets.UTF_8);
            },
            (r, n, v, s) -> {                                                                    // base64
                byte[] raw = new byte[n * 3 / 4 + 1];
                r.nextBytes(raw);
                return Base64.getEncoder().encode(raw);
            },
            (r, n, v, s) -> {                                                                    // one short token repeated
                byte[] t = v.tokenBytes(s[r.nextInt(s.length)]);
                return repeatBytes(t, n);
            },
            (r, n, v, s) -> {                                                                    // random tokens glued
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                int pool = 2 + r.nextInt(6);
                int[] picks = new int[pool];
                for (int i = 0; i < pool; i++) {
                    picks[i] = r.nextBoolean() ? s[r.nextInt(s.length)] : r.nextInt(v.size());
                }
                while (out.size() < n) {
                    int t = picks[r.nextInt(pool)];
                    if (v.contains(t)) {
                        out.writeBytes(v.tokenBytes(t));
                    }
                }
                return out.toByteArray();
            });

    private static byte[] repeat(String s, int n) {
        return repeatBytes(s.getBytes(StandardCharsets.UTF_8), n);
    }

    private static byte[] repeatBytes(byte[] t, int n) {
        byte[] b = new byte[Math.max(n, t.length)];
        for (int i = 0; i < b.length; i++) {
            b[i] = t[i % t.length];
        }
        return b;
    }

    private static byte[] fromAlphabet(Random r, int n, String alphabet) {
        int[] cps = alphabet.codePoints().toArray();
        StringBuilder sb = new StringBuilder();
        int bytes = 0;
        while (bytes < n) {
            int cp = cps[r.nextInt(cps.length)];
            sb.appendCodePoint(cp);
            bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int[] tokensOfLength(ByteVocabulary v, int min, int max) {
        return java.util.stream.IntStream.range(0, v.size())
                .filter(r -> v.contains(r) && v.tokenLength(r) >= min && v.tokenLength(r) <= max).toArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vocabularies")
    void equalsTheReplayedMergesOnHostileInputs(String name, TiktokenSpec spec) {
        ByteVocabulary v = vocab(spec);
        int[] shortTokens = tokensOfLength(v, 1, 3);
        Random random = new Random(name.hashCode());
        MergeBuffers a = new MergeBuffers();
        MergeBuffers b = new MergeBuffers();
        int inputs = 0;
        for (int round = 0; round < 200; round++) {
            for (int g = 0; g < GENERATORS.size(); g++) {
                int length = round % 4 == 3 ? 1 + random.nextInt(BytePairMerger.HEAP_THRESHOLD)
                        : BytePairMerger.HEAP_THRESHOLD + random.nextInt(round % 10 == 0 ? 6000 : 700);
                byte[] piece = GENERATORS.get(g).make(random, length, v, shortTokens);
                // Pad and offset, as the tokenizer does (absolute offsets, bytes to spare after the end).
                byte[] buf = new byte[piece.length + 3 + ByteVocabulary.READ_PADDING];
                System.arraycopy(piece, 0, buf, 3, piece.length);
                assertSameAsReplay(v, buf, 3, 3 + piece.length, a, b, name + " generator " + g + " round " + round);
                // The unpadded buffer too (lookups near the end then go byte by byte).
                assertSameAsReplay(v, piece, 0, piece.length, a, b, name + " generator " + g + " round " + round + " unpadded");
                inputs += 2;
            }
        }
        assertTrue(inputs >= 6000);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vocabularies")
    void equalsTheReplayedMergesOnEveryShortTokenRepeated(String name, TiktokenSpec spec) {
        ByteVocabulary v = vocab(spec);
        MergeBuffers a = new MergeBuffers();
        MergeBuffers b = new MergeBuffers();
        Random random = new Random(1);
        for (int t : tokensOfLength(v, 1, 3)) {
            byte[] piece = repeatBytes(v.tokenBytes(t), BytePairMerger.HEAP_THRESHOLD + random.nextInt(64));
            assertSameAsReplay(v, piece, 0, piece.length, a, b, name + " token " + t + " repeated");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vocabularies")
    void theCompatibilityTestEqualsMergingTheTwoTokens(String name, TiktokenSpec spec) {
        ByteVocabulary v = vocab(spec);
        BacktrackingEncoder encoder = v.backtracking();
        BytePairMerger merger = new BytePairMerger(v);
        int[] reachable = java.util.stream.IntStream.range(0, v.size())
                .filter(r -> v.contains(r) && encoder.tables().reachable(r)).toArray();
        Random random = new Random(name.hashCode() * 31L);
        MergeBuffers out = new MergeBuffers();
        MergeBuffers scratch = new MergeBuffers();
        int compatible = 0;
        int pairs = 0;
        for (int k = 0; k < 300_000; k++) {
            int a;
            int b;
            if (k % 2 == 0) {
                a = reachable[random.nextInt(reachable.length)];
                b = reachable[random.nextInt(reachable.length)];
            } else {
                // A pair that a token straddles: cut a random token t in two, and extend each half
                // outwards into the longest reachable token ending (starting) with it.
                byte[] t = v.tokenBytes(reachable[random.nextInt(reachable.length)]);
                if (t.length < 2) {
                    continue;
                }
                int cut = 1 + random.nextInt(t.length - 1);
                byte[] before = v.tokenBytes(reachable[random.nextInt(reachable.length)]);
                byte[] after = v.tokenBytes(reachable[random.nextInt(reachable.length)]);
                a = longestReachableSuffix(v, encoder, concat(before, Arrays.copyOfRange(t, 0, cut)));
                b = longestReachablePrefix(v, encoder, concat(Arrays.copyOfRange(t, cut, t.length), after));
            }
            byte[] bytes = concat(concat(v.tokenBytes(a), v.tokenBytes(b)), new byte[ByteVocabulary.READ_PADDING]);
            int boundary = v.tokenLength(a);
            int end = boundary + v.tokenLength(b);
            int n = merger.mergeByReplay(bytes, 0, end, scratch);
            boolean expected = n == 2 && scratch.starts[1] == boundary;
            if (encoder.pairs().compatible(a, b, bytes, boundary, out) != expected) {
                fail(name + ": compatible(" + a + ", " + b + ") should be " + expected);
            }
            compatible += expected ? 1 : 0;
            pairs++;
        }
        // Both answers must be well represented for the comparison to mean something.
        assertTrue(compatible > pairs / 10 && compatible < pairs * 9 / 10, compatible + " of " + pairs);
    }

    private static int longestReachableSuffix(ByteVocabulary v, BacktrackingEncoder e, byte[] s) {
        for (int i = 0; i < s.length; i++) {
            int r = v.rank(s, i, s.length);
            if (r >= 0 && e.tables().reachable(r)) {
                return r;
            }
        }
        throw new AssertionError("no reachable single byte");
    }

    private static int longestReachablePrefix(ByteVocabulary v, BacktrackingEncoder e, byte[] s) {
        for (int i = s.length; i > 0; i--) {
            int r = v.rank(s, 0, i);
            if (r >= 0 && e.tables().reachable(r)) {
                return r;
            }
        }
        throw new AssertionError("no reachable single byte");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /**
     * Random vocabularies over a tiny alphabet: all bytes, then random strings in random order, not
     * trained, so a token's concatenation may be another token of lower rank, many tokens cannot be
     * reached from their own bytes, and merge orders are far from monotone.
     */
    @Test
    void equalsTheReplayedMergesOnRandomToyVocabularies() {
        Random random = new Random(2024);
        MergeBuffers a = new MergeBuffers();
        MergeBuffers b = new MergeBuffers();
        int nonMonotoneSeen = 0;
        long[] pairsChecked = new long[3]; // incompatible, compatible, by the fast test
        for (int vocabIndex = 0; vocabIndex < 1000; vocabIndex++) {
            String alphabet = "abcd".substring(0, 2 + random.nextInt(3));
            List<byte[]> tokens = new ArrayList<>();
            for (int x = 0; x < 256; x++) {
                tokens.add(new byte[] {(byte) x});
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            int extra = 5 + random.nextInt(60);
            while (seen.size() < extra) {
                int len = 2 + random.nextInt(random.nextBoolean() ? 3 : 9);
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < len; i++) {
                    sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                if (seen.add(sb.toString())) {
                    tokens.add(sb.toString().getBytes(StandardCharsets.US_ASCII));
                }
            }
            // Shuffle the merged tokens' ranks (keep the single bytes first, as a byte-level vocabulary has them).
            List<byte[]> merged = new ArrayList<>(tokens.subList(256, tokens.size()));
            java.util.Collections.shuffle(merged, random);
            for (int i = 0; i < merged.size(); i++) {
                tokens.set(256 + i, merged.get(i));
            }
            if (random.nextBoolean()) {
                // Single bytes need not come first either.
                java.util.Collections.swap(tokens, 'a', 256 + random.nextInt(merged.size()));
            }
            ByteVocabulary v = ByteVocabulary.of(tokens.toArray(new byte[0][]));
            BacktrackingEncoder encoder = v.backtracking();
            List<Integer> alphabetTokens = new ArrayList<>();
            for (int r = 0; r < v.size(); r++) {
                nonMonotoneSeen += encoder.tables().reachable(r) && !encoder.tables().monotone(r) ? 1 : 0;
                byte[] t = v.tokenBytes(r);
                if (encoder.tables().reachable(r) && alphabet.indexOf(t[0]) >= 0) {
                    alphabetTokens.add(r);
                }
            }
            // Every pair of reachable tokens: the fast test (or its fallback) against the definition.
            BytePairMerger merger = new BytePairMerger(v);
            for (int x : alphabetTokens) {
                for (int y : alphabetTokens) {
                    byte[] pair = concat(v.tokenBytes(x), v.tokenBytes(y));
                    int m = merger.mergeByReplay(pair, 0, pair.length, b);
                    boolean expected = m == 2 && b.starts[1] == v.tokenLength(x);
                    assertEquals(expected, encoder.pairs().compatible(x, y, pair, v.tokenLength(x), a),
                            () -> "toy vocabulary " + seen + ": compatible(" + new String(v.tokenBytes(x), StandardCharsets.US_ASCII)
                                    + ", " + new String(v.tokenBytes(y), StandardCharsets.US_ASCII) + ")");
                    pairsChecked[expected ? 1 : 0]++;
                    pairsChecked[2] += encoder.tables().monotone(x) && encoder.tables().monotone(y) ? 1 : 0;
                }
            }
            for (int k = 0; k < 40; k++) {
                byte[] piece = fromAlphabet(random, 1 + random.nextInt(k < 20 ? 40 : 400), alphabet);
                assertSameAsReplay(v, piece, 0, piece.length, a, b, "toy vocabulary " + vocabIndex + " " + seen);
            }
        }
        assertTrue(nonMonotoneSeen > 100, "non-monotone tokens seen: " + nonMonotoneSeen);
        System.out.println("toy: non-monotone " + nonMonotoneSeen + ", pairs " + Arrays.toString(pairsChecked));
        assertTrue(pairsChecked[0] > 150_000 && pairsChecked[1] > 150_000 && pairsChecked[2] > 150_000, Arrays.toString(pairsChecked));
    }

    @Test
    void aMegabyteOfOneLetterAndOfRandomLettersMatchTheReplay() {
        ByteVocabulary v = TiktokenEncodings.LLAMA3.ranks().get();
        byte[] one = new byte[1 << 20];
        Arrays.fill(one, (byte) 'a');
        byte[] letters = new byte[1 << 20];
        Random random = new Random(7);
        for (int i = 0; i < letters.length; i++) {
            letters[i] = (byte) ('a' + random.nextInt(26));
        }
        MergeBuffers a = new MergeBuffers();
        MergeBuffers b = new MergeBuffers();
        assertSameAsReplay(v, one, 0, one.length, a, b, "1 MB of a");
        assertSameAsReplay(v, letters, 0, letters.length, a, b, "1 MB of random letters");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vocabularies")
    void equalsTheReplayedMergesOnRunsOfOneByteOfEveryLength(String name, TiktokenSpec spec) {
        // Runs are where the search backtracks most (many run tokens, the last ones settled at the end)
        // and where it guesses the same token again; the merger sends short ones to the merges, so
        // the encoder is called directly.
        ByteVocabulary v = vocab(spec);
        MergeBuffers a = new MergeBuffers();
        MergeBuffers b = new MergeBuffers();
        for (char c : " -=/*#\t\n".toCharArray()) {
            for (int n = 1; n <= 700; n += n < 300 ? 1 : 7) {
                byte[] piece = new byte[n];
                Arrays.fill(piece, (byte) c);
                assertSameAsReplay(v, piece, 0, n, a, b, name + " run of " + n + " x " + (int) c);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vocabularies")
    void handingOverToTheMergesMidSearchGivesTheSameTokens(String name, TiktokenSpec spec) {
        ByteVocabulary v = vocab(spec);
        BacktrackingEncoder encoder = v.backtracking();
        BytePairMerger merger = new BytePairMerger(v);
        int[] shortTokens = tokensOfLength(v, 1, 3);
        Random random = new Random(5);
        MergeBuffers a = new MergeBuffers();
        MergeBuffers b = new MergeBuffers();
        for (int round = 0; round < 20; round++) {
            for (int g = 0; g < GENERATORS.size(); g++) {
                byte[] piece = GENERATORS.get(g).make(random, 200 + random.nextInt(2000), v, shortTokens);
                int budget = random.nextInt(4); // work allowed per byte reached: none to a little
                int n = encoder.encode(piece, 0, piece.length, a, budget, random.nextInt(64));
                int m = merger.mergeByReplay(piece, 0, piece.length, b);
                assertArrayEquals(Arrays.copyOf(b.ranks, m), Arrays.copyOf(a.ranks, n), name + " generator " + g);
                assertArrayEquals(Arrays.copyOf(b.starts, m + 1), Arrays.copyOf(a.starts, n + 1), name + " generator " + g);
            }
        }
    }

    @Test
    void theMergerAgreesWithTheReplayAcrossItsThresholds() {
        ByteVocabulary v = TiktokenEncodings.LLAMA3.ranks().get();
        v.backtracking(); // built: medium pieces use it too
        BytePairMerger merger = new BytePairMerger(v);
        Random random = new Random(3);
        MergeBuffers a = new MergeBuffers();
        MergeBuffers b = new MergeBuffers();
        for (int n = 1; n < 2 * BytePairMerger.SHORT_RUN_LIMIT; n += 1 + n / 64) {
            for (byte[] piece : List.of(repeat(" ", n), repeat(".:", n), fromAlphabet(random, n, "abcdefghijklmnopqrstuvwxyz"),
                    fromAlphabet(random, n, "🙂é漢字 "))) {
                int k = merger.merge(piece, 0, piece.length, a);
                int m = merger.mergeByReplay(piece, 0, piece.length, b);
                assertArrayEquals(Arrays.copyOf(b.ranks, m), Arrays.copyOf(a.ranks, k));
                assertArrayEquals(Arrays.copyOf(b.starts, m + 1), Arrays.copyOf(a.starts, k + 1));
            }
        }
    }

    @Test
    void aVocabularyWithoutEveryByteKeepsTheMergesAndTheirError() {
        byte[][] tokens = new byte[300][];
        for (int x = 0; x < 256; x++) {
            tokens[x] = new byte[] {(byte) x};
        }
        tokens['c'] = new byte[] {'a', 'b', 'a'};
        for (int k = 256; k < 300; k++) {
            tokens[k] = ("ab".repeat(k - 254)).getBytes(StandardCharsets.US_ASCII);
        }
        ByteVocabulary v = ByteVocabulary.of(tokens);
        assertEquals(null, v.backtracking());
        byte[] piece = repeat("abc", 1000);
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> new BytePairMerger(v).merge(piece, 0, piece.length, new MergeBuffers()));
        assertEquals("byte 0x63 has no rank: not a byte-level BPE vocabulary", e.getMessage());
        byte[] ok = repeat("ab", 1000);
        MergeBuffers out = new MergeBuffers();
        int n = new BytePairMerger(v).merge(ok, 0, ok.length, out);
        assertEquals(ok.length, out.starts[n]);
    }

    @Test
    void threadsBuildTheTablesOnceAndShareThem() throws Exception {
        byte[][] tokens = new byte[256 + 26 * 26][];
        for (int x = 0; x < 256; x++) {
            tokens[x] = new byte[] {(byte) x};
        }
        for (int k = 0; k < 26 * 26; k++) {
            tokens[256 + k] = new byte[] {(byte) ('a' + k / 26), (byte) ('a' + k % 26)};
        }
        ByteVocabulary v = ByteVocabulary.of(tokens); // fresh: no tables yet
        int threads = 4;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
            List<java.util.concurrent.Future<Object>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    BacktrackingEncoder e = v.backtracking();
                    byte[] piece = repeat("thequickbrownfox", 4000);
                    MergeBuffers out = new MergeBuffers();
                    int n = new BytePairMerger(v).merge(piece, 0, piece.length, out);
                    MergeBuffers replay = new MergeBuffers();
                    int m = new BytePairMerger(v).mergeByReplay(piece, 0, piece.length, replay);
                    assertArrayEquals(Arrays.copyOf(replay.ranks, m), Arrays.copyOf(out.ranks, n));
                    return e;
                }));
            }
            Object first = results.get(0).get();
            for (java.util.concurrent.Future<Object> f : results) {
                org.junit.jupiter.api.Assertions.assertSame(first, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theBenchmarkInputsNeedLittleSearch() {
        // A guard on speed that does not time anything: units of search work per byte.
        ByteVocabulary v = TiktokenEncodings.LLAMA3.ranks().get();
        BacktrackingEncoder encoder = v.backtracking();
        Random random = new Random(7);
        byte[] letters = new byte[1 << 20];
        for (int i = 0; i < letters.length; i++) {
            letters[i] = (byte) ('a' + random.nextInt(26));
        }
        byte[] emoji = fromAlphabet(new Random(13), 400_000, new String(java.util.stream.IntStream.range(0x1F600, 0x1F650).toArray(), 0, 0x50));
        MergeBuffers out = new MergeBuffers();
        for (byte[] piece : List.of(repeat("a", 1 << 20), letters, repeat(" ", 100_000), emoji, repeat("-", 100_000))) {
            encoder.encode(piece, 0, piece.length, out);
            double perByte = out.work / (double) piece.length;
            assertTrue(perByte < 8, () -> perByte + " units of work per byte on " + new String(piece, 0, 8, StandardCharsets.UTF_8));
        }
    }
}
