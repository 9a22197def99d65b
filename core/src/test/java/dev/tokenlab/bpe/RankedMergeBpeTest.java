package dev.tokenlab.bpe;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Merge-rank BPE against a plain replay of the rule (merge the listed pair of lowest rank, leftmost
 * first), on a toy list with the id in a comment and on random lists where both the linear scan and
 * the heap run.
 */
class RankedMergeBpeTest {

    @Test
    void mergesByListOrderNotByTheMergedId() {
        // ids: a=0 b=1 c=2; ab=3 bc=4 abc=5. The list puts "b c" before "a b": "abc" → [a][bc], then [a bc] → abc.
        RankedMerges merges = RankedMerges.of(new int[] {1, 0, 0}, new int[] {2, 1, 4}, new int[] {4, 3, 5});
        int[] ids = {0, 1, 2};
        int[] starts = new int[4];
        assertEquals(1, new RankedMergeBpe(merges).merge(ids, 3, starts));
        assertEquals(5, ids[0]);
        // Without "a bc" in the list, [a][bc] stays: the pair ab+c is never tried because ab was never made.
        RankedMerges partial = RankedMerges.of(new int[] {1, 0}, new int[] {2, 1}, new int[] {4, 3});
        int[] two = {0, 1, 2};
        assertEquals(2, new RankedMergeBpe(partial).merge(two, 3, starts));
        assertArrayEquals(new int[] {0, 4}, Arrays.copyOf(two, 2));
        assertArrayEquals(new int[] {0, 1, 3}, Arrays.copyOf(starts, 3));
    }

    @Test
    void aPairListedTwiceKeepsItsLastRank() {
        // "a b"→x (rank 0), "b c"→y (rank 1), "a b"→x again (rank 2): "b c" now comes first.
        RankedMerges merges = RankedMerges.of(new int[] {0, 1, 0}, new int[] {1, 2, 1}, new int[] {3, 4, 3});
        assertEquals(2, merges.size());
        assertEquals(2L << 32 | 3, merges.lookup(0, 1));
        int[] ids = {0, 1, 2};
        new RankedMergeBpe(merges).merge(ids, 3, new int[4]);
        assertArrayEquals(new int[] {0, 4}, Arrays.copyOf(ids, 2));
    }

    @Property(tries = 300)
    void linearAndHeapEqualThePlainReplay(@ForAll long seed, @ForAll @IntRange(min = 1, max = 400) int length) {
        Random random = new Random(seed);
        int alphabet = 2 + random.nextInt(5);
        Toy toy = Toy.random(random, alphabet, 3 + random.nextInt(60));
        int[] word = new int[length];
        for (int i = 0; i < length; i++) {
            word[i] = random.nextInt(alphabet);
        }
        int[] expectedStarts = new int[length + 1];
        int[] expected = toy.replay(word, expectedStarts);

        RankedMergeBpe bpe = new RankedMergeBpe(toy.merges);
        int[] ids = word.clone();
        int[] starts = new int[length + 1];
        int k = bpe.merge(ids, length, starts);
        assertArrayEquals(expected, Arrays.copyOf(ids, k));
        assertArrayEquals(Arrays.copyOf(expectedStarts, expected.length + 1), Arrays.copyOf(starts, k + 1));
    }

    /** A random merge list over single-symbol ids {@code 0..alphabet-1}; merged tokens get the next ids. */
    private record Toy(RankedMerges merges, Map<Long, Integer> rank, Map<Long, Integer> result) {
        static Toy random(Random random, int alphabet, int count) {
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < alphabet; i++) {
                ids.add(i);
            }
            int[] left = new int[count];
            int[] right = new int[count];
            int[] res = new int[count];
            Map<Long, Integer> rank = new HashMap<>();
            Map<Long, Integer> result = new HashMap<>();
            int nextId = alphabet;
            for (int r = 0; r < count; r++) {
                left[r] = ids.get(random.nextInt(ids.size()));
                right[r] = ids.get(random.nextInt(ids.size()));
                long key = (long) left[r] << 32 | right[r];
                res[r] = result.containsKey(key) ? result.get(key) : nextId++;
                rank.put(key, r);
                result.put(key, res[r]);
                ids.add(res[r]);
            }
            return new Toy(RankedMerges.of(left, right, res), rank, result);
        }

        /** The rule, replayed without cleverness: lowest rank, then leftmost. */
        int[] replay(int[] word, int[] starts) {
            List<Integer> symbols = new ArrayList<>();
            List<Integer> begin = new ArrayList<>();
            for (int i = 0; i < word.length; i++) {
                symbols.add(word[i]);
                begin.add(i);
            }
            while (true) {
                int best = Integer.MAX_VALUE;
                int at = -1;
                for (int i = 0; i + 1 < symbols.size(); i++) {
                    Integer r = rank.get((long) symbols.get(i) << 32 | symbols.get(i + 1));
                    if (r != null && r < best) {
                        best = r;
                        at = i;
                    }
                }
                if (at < 0) {
                    break;
                }
                symbols.set(at, result.get((long) symbols.get(at) << 32 | symbols.get(at + 1)));
                symbols.remove(at + 1);
                begin.remove(at + 1);
            }
            for (int i = 0; i < begin.size(); i++) {
                starts[i] = begin.get(i);
            }
            starts[begin.size()] = word.length;
            return symbols.stream().mapToInt(Integer::intValue).toArray();
        }
    }
}
