package dev.tokenlab.bpe;

import java.util.Arrays;

/**
 * Byte-pair encoding by merge rank, as the Hugging Face {@code tokenizers} library and llama.cpp run
 * it: start from one symbol per character (or byte), then repeatedly merge the adjacent pair that
 * comes first in the merge list, the leftmost of equal pairs, until no adjacent pair is in the list.
 *
 * <p>This differs from tiktoken's rule, which {@link BytePairMerger} follows (merge the pair whose
 * <em>concatenated bytes</em> have the lowest rank, if they are a token at all): here only listed pairs
 * merge, in list order. The two agree when the list holds every split of every token and is ordered by
 * the merged token; {@code tokenizer.json} files converted from tiktoken (Llama 3) do, trained ones
 * need not.
 *
 * <p>Short words go through a linear scan per step (cache-friendly, no allocation); long ones — a
 * SentencePiece-style model without a pre-tokenizer hands over whole texts — through a heap of candidate
 * pairs whose stale entries are skipped, O(n log n). Both choose, at every step, the valid pair with the
 * smallest (rank, position), so they give the same merges. Not thread-safe: one instance per thread
 * (it keeps its working arrays).
 */
public final class RankedMergeBpe {
    /** Words up to this many symbols use the linear scan. */
    static final int HEAP_THRESHOLD = 48;

    private final RankedMerges merges;
    private int[] next = new int[64];
    private int[] prev = new int[64];
    private long[] heap = new long[64];
    private int[] heapIds = new int[64];

    /** A merger over {@code merges}. */
    public RankedMergeBpe(RankedMerges merges) {
        this.merges = merges;
    }

    /**
     * Merges {@code ids[0, n)} in place. Afterwards {@code ids[0, k)} are the tokens and
     * {@code starts[j]} is the index, among the {@code n} initial symbols, where token {@code j} begins
     * ({@code starts[k] = n}).
     *
     * @param starts room for {@code n + 1} entries
     * @return {@code k}, the number of tokens
     */
    public int merge(int[] ids, int n, int[] starts) {
        if (n <= 1) {
            if (n == 1) {
                starts[0] = 0;
            }
            starts[n] = n;
            return n;
        }
        return n <= HEAP_THRESHOLD ? mergeLinear(ids, n, starts) : mergeHeap(ids, n, starts);
    }

    private int mergeLinear(int[] ids, int n, int[] starts) {
        for (int i = 0; i <= n; i++) {
            starts[i] = i;
        }
        int count = n;
        while (count > 1) {
            long best = Long.MAX_VALUE;
            int at = -1;
            for (int i = 0; i + 1 < count; i++) {
                long v = merges.lookup(ids[i], ids[i + 1]);
                if (v != RankedMerges.NONE && (v >>> 32) < (best >>> 32)) {
                    best = v;
                    at = i;
                }
            }
            if (at < 0) {
                break;
            }
            ids[at] = (int) best;
            System.arraycopy(ids, at + 2, ids, at + 1, count - at - 2);
            System.arraycopy(starts, at + 2, starts, at + 1, count - at - 1);
            count--;
        }
        return count;
    }

    /**
     * The heap holds {@code rank << 32 | position} of candidate pairs, with the merged id beside it;
     * positions are indices of the left symbol among the initial ones, which merging never reorders,
     * so the smallest entry is the leftmost pair of lowest rank. An entry is stale when its left symbol
     * was merged away or the pair there now merges into something else.
     */
    private int mergeHeap(int[] ids, int n, int[] starts) {
        ensure(n);
        for (int i = 0; i < n; i++) {
            next[i] = i + 1;
            prev[i] = i - 1;
        }
        next[n - 1] = -1;
        int size = 0;
        for (int i = 0; i + 1 < n; i++) {
            size = push(size, merges.lookup(ids[i], ids[i + 1]), i);
        }
        while (size > 0) {
            long top = heap[0];
            int merged = heapIds[0];
            size = pop(size);
            int pos = (int) top;
            int right = next[pos];
            if (prev[pos] == -2 || right < 0) {
                continue; // merged away, or nothing to its right any more
            }
            long now = merges.lookup(ids[pos], ids[right]);
            if (now == RankedMerges.NONE || (int) now != merged || (now >>> 32) != (top >>> 32)) {
                continue; // the pair here changed since this entry was pushed
            }
            ids[pos] = merged;
            int after = next[right];
            next[pos] = after;
            if (after >= 0) {
                prev[after] = pos;
            }
            prev[right] = -2;
            if (prev[pos] >= 0) {
                int left = prev[pos];
                size = push(size, merges.lookup(ids[left], ids[pos]), left);
            }
            if (after >= 0) {
                size = push(size, merges.lookup(ids[pos], ids[after]), pos);
            }
        }
        int count = 0;
        for (int i = 0; i >= 0; i = next[i]) {
            ids[count] = ids[i];
            starts[count++] = i;
        }
        starts[count] = n;
        return count;
    }

    private int push(int size, long merge, int position) {
        if (merge == RankedMerges.NONE) {
            return size;
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
            heapIds = Arrays.copyOf(heapIds, size * 2);
        }
        long key = (merge >>> 32) << 32 | position;
        int id = (int) merge;
        int i = size;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent] <= key) {
                break;
            }
            heap[i] = heap[parent];
            heapIds[i] = heapIds[parent];
            i = parent;
        }
        heap[i] = key;
        heapIds[i] = id;
        return size + 1;
    }

    private int pop(int size) {
        int last = size - 1;
        long key = heap[last];
        int id = heapIds[last];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= last) {
                break;
            }
            if (child + 1 < last && heap[child + 1] < heap[child]) {
                child++;
            }
            if (heap[child] >= key) {
                break;
            }
            heap[i] = heap[child];
            heapIds[i] = heapIds[child];
            i = child;
        }
        heap[i] = key;
        heapIds[i] = id;
        return last;
    }

    private void ensure(int n) {
        if (next.length < n) {
            int capacity = Math.max(n, next.length * 2);
            next = new int[capacity];
            prev = new int[capacity];
        }
    }
}
