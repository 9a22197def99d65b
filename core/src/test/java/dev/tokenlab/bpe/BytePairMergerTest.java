package dev.tokenlab.bpe;

import dev.tokenlab.tiktoken.TiktokenEncodings;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BytePairMergerTest {

    /** A toy byte-level vocabulary: all 256 bytes (ranks 0..255), then the given merges in rank order. */
    private static ByteVocabulary toy(String... merges) {
        byte[][] tokens = new byte[256 + merges.length][];
        for (int b = 0; b < 256; b++) {
            tokens[b] = new byte[] {(byte) b};
        }
        for (int k = 0; k < merges.length; k++) {
            tokens[256 + k] = merges[k].getBytes(StandardCharsets.UTF_8);
        }
        return ByteVocabulary.of(tokens);
    }

    private static int[] merge(ByteVocabulary vocab, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        MergeBuffers out = new MergeBuffers();
        int n = new BytePairMerger(vocab).merge(bytes, 0, bytes.length, out);
        return Arrays.copyOf(out.ranks, n);
    }

    @Test
    void lowestRankMergesFirst() {
        ByteVocabulary v = toy("bc", "ab", "abc");     // bc=256, ab=257, abc=258
        // "bc" (256) beats "ab" (257); then "a"+"bc" = "abc" exists (258).
        assertArrayEquals(new int[] {258}, merge(v, "abc"));
    }

    @Test
    void pairsAreLookedUpByTheirBytesNotByAMergeList() {
        ByteVocabulary v = toy("ab", "abc", "bc");     // ab=256, abc=257, bc=258
        // "ab" first, then "ab"+"c" = "abc" is a token even though no merge list says (ab, c).
        assertArrayEquals(new int[] {257}, merge(v, "abc"));
    }

    @Test
    void onATieTheLeftmostPairMerges() {
        ByteVocabulary v = toy("aa");                  // aa=256
        assertArrayEquals(new int[] {256, 'a'}, merge(v, "aaa"));
        assertArrayEquals(new int[] {256, 256}, merge(v, "aaaa"));
    }

    @Test
    void withoutMergesEveryByteIsItsOwnToken() {
        assertArrayEquals(new int[] {'x', 'y', 'z'}, merge(toy(), "xyz"));
        assertArrayEquals(new int[] {0xC3, 0xA9}, merge(toy(), "é"));
    }

    @Test
    void aVocabularyWithoutAllBytesIsNotByteLevel() {
        ByteVocabulary v = ByteVocabulary.of(new byte[][] {{'a'}, {'b'}});
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> merge(v, "ac"));
        assertEquals("byte 0x63 has no rank: not a byte-level BPE vocabulary", e.getMessage());
    }

    @Test
    void repeatedTokenBytesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ByteVocabulary.of(new byte[][] {{'a'}, {'a'}}));
        assertEquals("token bytes of rank 1 repeat rank 0", e.getMessage());
    }

    @Test
    void heapAndLinearLoopsAgreeOnTheLlama3Vocabulary() {
        ByteVocabulary v = TiktokenEncodings.LLAMA3.ranks().get();
        BytePairMerger merger = new BytePairMerger(v);
        Random random = new Random(42);
        String[] alphabets = {"ab", "abcdefghijklmnopqrstuvwxyz", "aeiou nst", "0123456789", "🙂é漢字 ", "=-_*#"};
        for (int n = 0; n < 400; n++) {
            String alphabet = alphabets[n % alphabets.length];
            int[] cps = alphabet.codePoints().toArray();
            StringBuilder sb = new StringBuilder();
            int length = BytePairMerger.HEAP_THRESHOLD + random.nextInt(300);
            while (sb.length() < length) {
                sb.appendCodePoint(cps[random.nextInt(cps.length)]);
            }
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            MergeBuffers heap = new MergeBuffers();
            int nh = merger.merge(bytes, 0, bytes.length, heap);
            int[] linear = linearReference(v, bytes);
            assertArrayEquals(linear, Arrays.copyOf(heap.ranks, nh), sb::toString);
            int at = 0;
            for (int k = 0; k < nh; k++) {
                assertEquals(at, heap.starts[k]);
                at += v.tokenLength(heap.ranks[k]);
            }
            assertEquals(bytes.length, heap.starts[nh]);
        }
    }

    @Test
    void aMegabyteRunOfOneLetterMergesWithTheHeapLoop() {
        ByteVocabulary v = TiktokenEncodings.LLAMA3.ranks().get();
        byte[] bytes = new byte[1 << 20];
        Arrays.fill(bytes, (byte) 'a');
        MergeBuffers out = new MergeBuffers();
        int n = new BytePairMerger(v).merge(bytes, 0, bytes.length, out);
        long total = 0;
        for (int k = 0; k < n; k++) {
            total += v.tokenLength(out.ranks[k]);
        }
        assertEquals(bytes.length, total);
    }

    /** The textbook algorithm, written as plainly as possible: the oracle for the optimized loops. */
    private static int[] linearReference(ByteVocabulary v, byte[] bytes) {
        java.util.List<byte[]> parts = new java.util.ArrayList<>();
        for (byte b : bytes) {
            parts.add(new byte[] {b});
        }
        while (true) {
            int best = Integer.MAX_VALUE;
            int at = -1;
            for (int i = 0; i + 1 < parts.size(); i++) {
                byte[] pair = concat(parts.get(i), parts.get(i + 1));
                int r = v.rank(pair, 0, pair.length);
                if (r >= 0 && r < best) {
                    best = r;
                    at = i;
                }
            }
            if (at < 0) {
                break;
            }
            parts.set(at, concat(parts.get(at), parts.remove(at + 1)));
        }
        return parts.stream().mapToInt(p -> v.rank(p, 0, p.length)).toArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
