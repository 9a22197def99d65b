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
