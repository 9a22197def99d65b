package dev.tokenlab.internal;

import java.util.Arrays;

/** A growable {@code int} array without boxing. Not thread-safe; not public API. */
public final class IntBuffer {
    private int[] values;
    private int size;

    public IntBuffer(int capacity) {
        values = new int[Math.max(1, capacity)];
    }

    public void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length + (values.length >> 1) + 1);
        }
        values[size++] = value;
    }

    /** Appends {@code values[0, count)}. */
    public void addAll(int[] more, int count) {
        if (size + count > values.length) {
            values = Arrays.copyOf(values, Math.max(size + count, values.length + (values.length >> 1) + 1));
        }
        System.arraycopy(more, 0, values, size, count);
        size += count;
    }

    public int get(int index) {
        if (index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return values[index];
    }

    public int size() {
        return size;
    }

    public void clear() {
        size = 0;
    }

    public int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
