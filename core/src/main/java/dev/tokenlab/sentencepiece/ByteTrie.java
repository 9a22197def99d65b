package dev.tokenlab.sentencepiece;

import java.util.Arrays;

/**
 * A trie over byte strings with an int value per key, for prefix searches over UTF-8 text: all
 * pieces that start at a position (Unigram) and the longest user-defined symbol there. Transitions
 * live in one open-addressing table keyed by {@code node << 8 | byte}; the root's 256 children are a
 * plain array. Immutable after construction and thread-safe.
 */
final class ByteTrie {
    /** Result of {@link #child} when there is no transition. */
    static final int NONE = -1;

    private final int[] rootChildren = new int[256];
    private long[] keys;
    private int[] children;
    private int mask;
    private int[] values;
    private int nodes = 1;
    private int transitions;
    private int maxDepth;

    ByteTrie(int expectedKeys) {
        Arrays.fill(rootChildren, NONE);
        int capacity = Integer.highestOneBit(Math.max(16, expectedKeys * 8)) << 1;
        keys = new long[capacity];
        Arrays.fill(keys, -1L);
        children = new int[capacity];
        mask = capacity - 1;
        values = new int[Math.max(16, expectedKeys * 4)];
        Arrays.fill(values, NONE);
    }

    /** Adds a key (non-empty); a key added twice keeps the first value. */
    void add(byte[] key, int value) {
        int node = 0;
        for (byte b : key) {
            int next = child(node, b & 0xFF);
            if (next == NONE) {
                next = newNode();
                put(node, b & 0xFF, next);
            }
            node = next;
        }
        if (values[node] == NONE) {
            values[node] = value;
        }
        maxDepth = Math.max(maxDepth, key.length);
    }

    private int newNode() {
        if (nodes == values.length) {
            int old = values.length;
            values = Arrays.copyOf(values, old * 2);
            Arrays.fill(values, old, values.length, NONE);
        }
        return nodes++;
    }

    private void put(int node, int b, int child) {
        if (node == 0) {
            rootChildren[b] = child;
            return;
        }
        if ((transitions + 1) * 2 > keys.length) {
            grow();
        }
        long key = ((long) node << 8) | b;
        int i = slot(key);
        while (keys[i] != -1L) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        children[i] = child;
        transitions++;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldChildren = children;
        keys = new long[oldKeys.length * 2];
        Arrays.fill(keys, -1L);
        children = new int[oldKeys.length * 2];
        mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != -1L) {
                int i = slot(oldKeys[j]);
                while (keys[i] != -1L) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                children[i] = oldChildren[j];
            }
        }
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }

    /** The child of {@code node} on byte {@code b} (0..255), or {@link #NONE}. The root is node 0. */
    int child(int node, int b) {
        if (node == 0) {
            return rootChildren[b];
        }
        long key = ((long) node << 8) | b;
        int i = slot(key);
        while (true) {
            long k = keys[i];
            if (k == key) {
                return children[i];
            }
            if (k == -1L) {
                return NONE;
            }
            i = (i + 1) & mask;
        }
    }

    /** The value of the key ending at {@code node}, or {@link #NONE}. */
    int value(int node) {
        return values[node];
    }

    /** Whether the trie has no key. */
    boolean isEmpty() {
        return nodes == 1;
    }

    /** The length of the longest key, in bytes. */
    int maxDepth() {
        return maxDepth;
    }

    /** Length of the longest key that is a prefix of {@code in[from, to)}, or 0. */
    int longestPrefix(byte[] in, int from, int to) {
        int node = 0;
        int best = 0;
        for (int i = from; i < to; i++) {
            node = child(node, in[i] & 0xFF);
            if (node == NONE) {
                break;
            }
            if (values[node] != NONE) {
                best = i + 1 - from;
            }
        }
        return best;
    }
}
