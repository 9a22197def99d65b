package dev.tokenlab.sentencepiece;

import java.util.Arrays;

/**
 * What a segmenter produces: pieces as byte ranges of the normalized text with their ids, left to
 * right. An id may be the unknown id (text no piece covers). A reusable per-call buffer; not
 * thread-safe.
 */
final class Segmentation {
    int[] starts;
    int[] ends;
    int[] ids;
    int count;

    Segmentation(int capacity) {
        starts = new int[Math.max(8, capacity)];
        ends = new int[starts.length];
        ids = new int[starts.length];
    }

    void clear() {
        count = 0;
    }

    void add(int start, int end, int id) {
        if (count == ids.length) {
            int capacity = count + (count >> 1) + 8;
            starts = Arrays.copyOf(starts, capacity);
            ends = Arrays.copyOf(ends, capacity);
            ids = Arrays.copyOf(ids, capacity);
        }
        starts[count] = start;
        ends[count] = end;
        ids[count++] = id;
    }

    /** Reverses the pieces (segmenters that backtrack add them right to left). */
    void reverse() {
        reverse(0);
    }

    /** Reverses the pieces from {@code first} on. */
    void reverse(int first) {
        for (int i = first, j = count - 1; i < j; i++, j--) {
            int t = starts[i];
            starts[i] = starts[j];
            starts[j] = t;
            t = ends[i];
            ends[i] = ends[j];
            ends[j] = t;
            t = ids[i];
            ids[i] = ids[j];
            ids[j] = t;
        }
    }
}
