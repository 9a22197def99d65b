package dev.tokenlab.bpe;

/**
 * Byte-level BPE merging over {@code byte[]}: starting from single bytes, repeatedly merge the
 * adjacent pair whose concatenated bytes have the lowest rank (the leftmost such pair on a tie),
 * until no adjacent pair is in the vocabulary. This is tiktoken's {@code byte_pair_merge}; the pair's
 * rank is looked up by its bytes, not in a merge list.
 *
 * <p>Knows nothing of regexes or Unicode: callers split text into pieces first.
 *
 * <p>Three ways give the same result at different costs:
 * <ul>
 *   <li>short pieces (nearly all of natural text): a flat array of parts and a linear scan for the
 *       minimum, as tiktoken does. Quadratic, but on a few bytes it beats any structure.</li>
 *   <li>the {@link BacktrackingEncoder}, which finds the same tokens left to right, in about linear
 *       time, with tables built once per vocabulary: for pieces of {@value #BACKTRACK_THRESHOLD} bytes
 *       or more (a 1 MB run of one letter, random letters, base64, 100,000 spaces or emoji), building
 *       the tables on the first; and for pieces of {@value #MEDIUM_THRESHOLD} bytes or more once the
 *       tables exist (or once one {@link MergeBuffers} has merged {@value #MEDIUM_BYTES_TO_BUILD} bytes
 *       of them). Runs of one byte value under {@value #SHORT_RUN_LIMIT} bytes stay with the merges.</li>
 *   <li>{@link #mergeByReplay} replays the merges: the linear loop under {@value #HEAP_THRESHOLD}
 *       bytes, from there a doubly linked list of parts and a binary heap of pair ranks with lazy
 *       deletion, O(n log n) (tiktoken's linear loop is quadratic there, its issue 195). The heap orders entries by (rank, start byte), so it picks exactly the pair the linear
 *       scan picks. The replay is the reference the encoder is tested against, and its fallback.</li>
 * </ul>
 *
 * <p>Thresholds, measured (Llama 3, ns per byte of pieces that are not themselves tokens, replay /
 * encoder): pieces of 4–7 bytes 21 / 22 (English), 33 / 31 (UDHR), 21 / 10 (Japanese); 8–11 bytes
 * 31 / 22, 41 / 38, 30 / 12, 28 / 12 (this repository's Java); 32–63 bytes 56 / 16 (UDHR), 88 / 20
 * (Japanese); whole texts through the tokenizer, tables built, medium pieces to the replay / to the
 * encoder: Japanese (cut into lines of 40 characters) 12.6 / 39.2 MB/s, UDHR 25.7 / 30.1, Java 57.8 /
 * 67.7, English 92.1 / 91.7. The threshold for building
 * stays at the heap's, so texts without long pieces (most English) never pay for the tables. Runs
 * of one byte value of 82–400 bytes were up to 3.7 times slower in the encoder (spaces; 2 to 2.5 for
 * dashes and slashes), from 512 bytes on never more than 1.2 times.
 */
public final class BytePairMerger {
    /** Pieces of at least this many bytes use the heap loop. */
    public static final int HEAP_THRESHOLD = 128;

    /** Pieces of at least this many bytes use the {@link BacktrackingEncoder}, building its tables if needed. */
    public static final int BACKTRACK_THRESHOLD = 128;

    /**
     * Pieces of at least this many bytes use the {@link BacktrackingEncoder} too once its tables exist,
     * or once one {@link MergeBuffers} has merged {@link #MEDIUM_BYTES_TO_BUILD} bytes of such pieces.
     */
    public static final int MEDIUM_THRESHOLD = 8;

    static final int MEDIUM_BYTES_TO_BUILD = 1 << 20;

    /**
     * Runs of one byte value shorter than this go to the merges even when long: the search settles
     * their last tokens by trying most pairs of the many run tokens (spaces, dashes), up to 3.7 times
     * slower than the heap at 130 to 300 bytes; longer runs repay it.
     */
    static final int SHORT_RUN_LIMIT = 512;

    private static final int NONE = Integer.MAX_VALUE;

    private final ByteVocabulary vocab;

    public BytePairMerger(ByteVocabulary vocab) {
        this.vocab = vocab;
    }

    /**
     * Merges {@code bytes[from, to)} into tokens; results are in {@code out} (see {@link MergeBuffers}).
     * Byte offsets in {@code out.starts} are absolute indexes into {@code bytes}.
     *
     * @return the number of tokens
     * @throws IllegalStateException if a single byte has no rank (not a byte-level vocabulary)
     */
    public int merge(byte[] bytes, int from, int to, MergeBuffers out) {
        int n = to - from;
        if (n >= MEDIUM_THRESHOLD && (n >= SHORT_RUN_LIMIT || !isRun(bytes, from, to))) {
            BacktrackingEncoder encoder = vocab.backtrackingIfBuilt();
            if (encoder == null && (n >= BACKTRACK_THRESHOLD || (out.mediumBytes += n) >= MEDIUM_BYTES_TO_BUILD)) {
                encoder = vocab.backtracking();
            }
            if (encoder != null) {
                return encoder.encode(bytes, from, to, out);
            }
        }
        return mergeByReplay(bytes, from, to, out);
    }

    /** Whether the bytes are one byte value repeated. */
    private static boolean isRun(byte[] bytes, int from, int to) {
        byte b = bytes[from];
        for (int i = from + 1; i < to; i++) {
            if (bytes[i] != b) {
                return false;
            }
        }
        return true;
    }

    /** The merges themselves, one by one (linear or heap loop): the reference the encoder is tested against. */
    int mergeByReplay(byte[] bytes, int from, int to, MergeBuffers out) {
        if (to - from >= HEAP_THRESHOLD) {
            return mergeWithHeap(bytes, from, to, out);
        }
        return mergeLinear(bytes, from, to, out);
    }

    private int mergeLinear(byte[] bytes, int from, int to, MergeBuffers out) {
        int n = to - from;
        out.ensureLinear(n);
        int[] starts = out.starts;
        int[] ranks = out.ranks;
        int[] pairRanks = out.pairRanks;
        for (int i = 0; i < n; i++) {
            starts[i] = from + i;
            ranks[i] = singleByteRank(bytes[from + i]);
        }
        starts[n] = to;
        for (int i = 0; i + 1 < n; i++) {
            int r = vocab.rank(bytes, from + i, from + i + 2);
            pairRanks[i] = r < 0 ? NONE : r;
        }
        int parts = n;
        while (parts > 1) {
            int best = NONE;
            int at = -1;
            for (int i = 0; i + 1 < parts; i++) {
                if (pairRanks[i] < best) {
                    best = pairRanks[i];
                    at = i;
                }
            }
            if (at < 0) {
                break;
            }
            // Part `at` absorbs part `at + 1`.
            ranks[at] = best;
            int tail = parts - at - 2;
            System.arraycopy(starts, at + 2, starts, at + 1, tail + 1);
            System.arraycopy(ranks, at + 2, ranks, at + 1, tail);
            System.arraycopy(pairRanks, at + 2, pairRanks, at + 1, Math.max(0, tail - 1));
            parts--;
            if (at + 1 < parts) {
                pairRanks[at] = pairRank(bytes, starts[at], starts[at + 2]);
            }
            if (at > 0) {
                pairRanks[at - 1] = pairRank(bytes, starts[at - 1], starts[at + 1]);
            }
        }
        return parts;
    }

    private int mergeWithHeap(byte[] bytes, int from, int to, MergeBuffers out) {
        int n = to - from;
        out.ensureHeap(n);
        // Parts are named by their first byte's index i (relative to from); next[i] is the index of the
        // following part (n at the end), prev[i] of the preceding one (-1 at the start).
        int[] next = out.next;
        int[] prev = out.prev;
        int[] rankOf = out.ranks;      // rank of the part starting at i (valid while the part is alive)
        int[] pairOf = out.pairRanks;  // rank of the pair starting at i, NONE if none; -2 once i is merged away
        long[] heap = out.heap;
        int size = 0;
        for (int i = 0; i < n; i++) {
            next[i] = i + 1;
            prev[i] = i - 1;
            rankOf[i] = singleByteRank(bytes[from + i]);
        }
        for (int i = 0; i + 1 < n; i++) {
            int r = vocab.rank(bytes, from + i, from + i + 2);
            pairOf[i] = r < 0 ? NONE : r;
            if (r >= 0) {
                heap[size++] = ((long) r << 32) | i;
            }
        }
        pairOf[n - 1] = NONE;
        for (int k = (size >>> 1) - 1; k >= 0; k--) {
            siftDown(heap, k, size);
        }
        while (size > 0) {
            long top = heap[0];
            heap[0] = heap[--size];
            siftDown(heap, 0, size);
            int i = (int) top;
            int r = (int) (top >>> 32);
            if (pairOf[i] != r) {
                continue; // stale: the part was merged away or its pair changed
            }
            int j = next[i];
            int after = next[j];
            rankOf[i] = r;
            pairOf[j] = -2;
            next[i] = after;
            if (after < n) {
                prev[after] = i;
            }
            int end = after < n ? next[after] : n;
            pairOf[i] = after < n ? pairRank(bytes, from + i, from + end) : NONE;
            if (pairOf[i] != NONE) {
                size = push(heap, size, ((long) pairOf[i] << 32) | i);
            }
            int p = prev[i];
            if (p >= 0) {
                pairOf[p] = pairRank(bytes, from + p, from + after);
                if (pairOf[p] != NONE) {
                    size = push(heap, size, ((long) pairOf[p] << 32) | p);
                }
            }
        }
        // Compact the surviving parts, in order, into the output arrays.
        int count = 0;
        int[] starts = out.starts;
        for (int i = 0; i < n; i = next[i]) {
            starts[count] = from + i;
            rankOf[count] = rankOf[i];
            count++;
        }
        starts[count] = to;
        return count;
    }

    private int pairRank(byte[] bytes, int start, int end) {
        int r = vocab.rank(bytes, start, end);
        return r < 0 ? NONE : r;
    }

    private int singleByteRank(byte b) {
        int r = vocab.byteRank(b);
        if (r < 0) {
            throw new IllegalStateException(String.format("byte 0x%02X has no rank: not a byte-level BPE vocabulary", b & 0xFF));
        }
        return r;
    }

    private static int push(long[] heap, int size, long value) {
        int k = size;
        while (k > 0) {
            int parent = (k - 1) >>> 1;
            if (heap[parent] <= value) {
                break;
            }
            heap[k] = heap[parent];
            k = parent;
        }
        heap[k] = value;
        return size + 1;
    }

    private static void siftDown(long[] heap, int k, int size) {
        long value = heap[k];
        int half = size >>> 1;
        while (k < half) {
            int child = 2 * k + 1;
            if (child + 1 < size && heap[child + 1] < heap[child]) {
                child++;
            }
            if (value <= heap[child]) {
                break;
            }
            heap[k] = heap[child];
            k = child;
        }
        if (k < size) {
            heap[k] = value;
        }
    }
}
