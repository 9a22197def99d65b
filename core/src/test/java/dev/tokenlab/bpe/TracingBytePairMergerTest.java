package dev.tokenlab.bpe;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TracingBytePairMergerTest {

    /** All 256 bytes (ranks 0..255), then the given tokens in rank order. */
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

    private static List<String> trace(ByteVocabulary v, String text, int[][] boundsOut) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<String> steps = new ArrayList<>();
        boundsOut[0] = new TracingBytePairMerger(v).merge(bytes, 0, bytes.length, (step, position, start, mid, end, rank) ->
                steps.add(step + ". " + new String(bytes, start, mid - start, StandardCharsets.UTF_8) + "+"
                        + new String(bytes, mid, end - mid, StandardCharsets.UTF_8) + " rank " + rank + " at " + position));
        return steps;
    }

    @Test
    void reportsEveryMergeInOrder() {
        ByteVocabulary v = toy("bc", "ab", "abc");     // bc=256, ab=257, abc=258
        int[][] bounds = new int[1][];
        assertEquals(List.of("1. b+c rank 256 at 1", "2. a+bc rank 258 at 0"), trace(v, "abc", bounds));
        assertArrayEquals(new int[] {0, 3}, bounds[0]);
    }

    @Test
    void leftmostPairWinsATie() {
        ByteVocabulary v = toy("aa");                  // aa=256
        int[][] bounds = new int[1][];
        assertEquals(List.of("1. a+a rank 256 at 0", "2. a+a rank 256 at 1"), trace(v, "aaaa", bounds));
        assertArrayEquals(new int[] {0, 2, 4}, bounds[0]);
        assertEquals(List.of("1. a+a rank 256 at 0"), trace(v, "aaa", bounds));
        assertArrayEquals(new int[] {0, 2, 3}, bounds[0]);
    }

    @Test
    void noMergesLeavesSingleBytes() {
        int[][] bounds = new int[1][];
        assertEquals(List.of(), trace(toy(), "xy", bounds));
        assertArrayEquals(new int[] {0, 1, 2}, bounds[0]);
        assertEquals(List.of(), trace(toy(), "", bounds));
        assertArrayEquals(new int[] {0}, bounds[0]);
    }

    @Test
    void offsetsAreAbsolute() {
        byte[] bytes = "..ab..".getBytes(StandardCharsets.UTF_8);
        int[] bounds = new TracingBytePairMerger(toy("ab")).merge(bytes, 2, 4, (s, p, a, m, e, r) -> {
            assertEquals(2, a);
            assertEquals(3, m);
            assertEquals(4, e);
        });
        assertArrayEquals(new int[] {2, 4}, bounds);
    }

    @Test
    void aByteWithoutARankIsRejected() {
        ByteVocabulary v = ByteVocabulary.of(new byte[][] {{'a'}});
        assertThrows(IllegalStateException.class,
                () -> new TracingBytePairMerger(v).merge(new byte[] {'b'}, 0, 1, (s, p, a, m, e, r) -> { }));
    }

    @Test
    void sameResultAsTheFastMergerOnRandomInput() {
        ByteVocabulary v = toy("ab", "ba", "aa", "abab", "bab", "aab", "bb", "abba", "baab", "bbb");
        Random random = new Random(42);
        MergeBuffers buffers = new MergeBuffers();
        for (int round = 0; round < 500; round++) {
            int n = random.nextInt(2 * BytePairMerger.HEAP_THRESHOLD);
            byte[] bytes = new byte[n + ByteVocabulary.READ_PADDING];
            for (int i = 0; i < n; i++) {
                bytes[i] = (byte) (random.nextBoolean() ? 'a' : 'b');
            }
            int count = new BytePairMerger(v).merge(bytes, 0, n, buffers);
            int[] bounds = new TracingBytePairMerger(v).merge(bytes, 0, n, (s, p, a, m, e, r) -> { });
            assertArrayEquals(Arrays.copyOf(buffers.starts, count + 1), bounds,
                    new String(bytes, 0, n, StandardCharsets.US_ASCII));
        }
    }
}
