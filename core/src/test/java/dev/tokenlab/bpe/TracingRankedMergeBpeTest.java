package dev.tokenlab.bpe;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The traced merge-rank BPE: each merge told in order, on a toy list checked by hand, and the same
 * parts as {@link RankedMergeBpe} (its linear scan and its heap) on random lists.
 */
class TracingRankedMergeBpeTest {

    private static List<String> trace(RankedMerges merges, int[] ids, int[][] bounds) {
        List<String> steps = new ArrayList<>();
        bounds[0] = new TracingRankedMergeBpe(merges).merge(ids, ids.length, (step, position, start, mid, end, rank, id) ->
                steps.add(step + ". [" + start + "," + mid + ")+[" + mid + "," + end + ") rank " + rank + " → " + id + " at " + position));
        return steps;
    }

    @Test
    void mergesInListOrderAndSaysWhere() {
        // ids: a=0 b=1 c=2; bc=4 (rank 0: "b c"), ab=3 (rank 1: "a b"), abc=5 (rank 2: "a bc")
        RankedMerges merges = RankedMerges.of(new int[] {1, 0, 0}, new int[] {2, 1, 4}, new int[] {4, 3, 5});
        int[][] bounds = new int[1][];
        int[] ids = {0, 1, 2};
        assertEquals(List.of("1. [1,2)+[2,3) rank 0 → 4 at 1", "2. [0,1)+[1,3) rank 2 → 5 at 0"), trace(merges, ids, bounds));
        assertArrayEquals(new int[] {0, 3}, bounds[0]);
        assertEquals(5, ids[0]);
        // "abab": a b a b → ab (rank 1) at part 0, then at part 1 (now the second part); "ab ab" is not listed
        int[] abab = {0, 1, 0, 1};
        assertEquals(List.of("1. [0,1)+[1,2) rank 1 → 3 at 0", "2. [2,3)+[3,4) rank 1 → 3 at 1"), trace(merges, abab, bounds));
        assertArrayEquals(new int[] {0, 2, 4}, bounds[0]);
        assertArrayEquals(new int[] {3, 3}, Arrays.copyOf(abab, 2));
    }

    @Test
    void nothingToMerge() {
        RankedMerges merges = RankedMerges.of(new int[] {0}, new int[] {1}, new int[] {2}); // a=0 b=1; ab=2
        int[][] bounds = new int[1][];
        assertEquals(List.of(), trace(merges, new int[] {1, 0}, bounds));
        assertArrayEquals(new int[] {0, 1, 2}, bounds[0]);
        assertEquals(List.of(), trace(merges, new int[] {1}, bounds));
        assertArrayEquals(new int[] {0, 1}, bounds[0]);
        assertEquals(List.of(), trace(merges, new int[0], bounds));
        assertArrayEquals(new int[] {0}, bounds[0]);
    }

    /**
     * The same parts and ids as the encoder's merger (words up to 400 symbols, so its heap runs too), and
     * the merges told replay to them: each joins two neighbouring parts into the listed id, at the
     * lowest rank present at that moment.
     */
    @Property(tries = 300)
    void equalsTheEncodersMerger(@ForAll long seed, @ForAll @IntRange(min = 0, max = 400) int length) {
        Random random = new Random(seed);
        int alphabet = 2 + random.nextInt(5);
        int count = 3 + random.nextInt(60);
        int[] left = new int[count];
        int[] right = new int[count];
        int[] result = new int[count];
        List<Integer> known = new ArrayList<>();
        for (int i = 0; i < alphabet; i++) {
            known.add(i);
        }
        for (int r = 0; r < count; r++) {
            left[r] = known.get(random.nextInt(known.size()));
            right[r] = known.get(random.nextInt(known.size()));
            result[r] = alphabet + r;
            known.add(result[r]);
        }
        RankedMerges merges = RankedMerges.of(left, right, result);
        int[] word = new int[length];
        for (int i = 0; i < length; i++) {
            word[i] = random.nextInt(alphabet);
        }
        int[] expected = word.clone();
        int[] starts = new int[length + 1];
        int k = new RankedMergeBpe(merges).merge(expected, length, starts);

        List<int[]> parts = new ArrayList<>(); // {start, end, id} per current part
        for (int i = 0; i < length; i++) {
            parts.add(new int[] {i, i + 1, word[i]});
        }
        int[] ids = word.clone();
        int[] bounds = new TracingRankedMergeBpe(merges).merge(ids, length, (step, position, start, mid, end, rank, id) -> {
            int[] l = parts.get(position);
            int[] r = parts.get(position + 1);
            assertEquals(List.of(start, mid, mid, end), List.of(l[0], l[1], r[0], r[1]), "step " + step);
            long v = merges.lookup(l[2], r[2]);
            assertEquals(rank, (int) (v >>> 32));
            assertEquals(id, (int) v);
            for (int i = 0; i + 1 < parts.size(); i++) {
                long other = merges.lookup(parts.get(i)[2], parts.get(i + 1)[2]);
                assertTrue(other == RankedMerges.NONE || (other >>> 32) > rank || (other >>> 32) == rank && i >= position,
                        "the lowest rank, leftmost first");
            }
            parts.set(position, new int[] {start, end, id});
            parts.remove(position + 1);
        });
        assertEquals(k + 1, bounds.length);
        assertArrayEquals(Arrays.copyOf(starts, k + 1), bounds);
        assertArrayEquals(Arrays.copyOf(expected, k), Arrays.copyOf(ids, k));
        assertEquals(k, parts.size());
    }
}
