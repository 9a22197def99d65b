package dev.tokenlab.templates;

/** Python's {@code range(start, stop, step)}: lazy, so that {@code range(10**9)} costs nothing until iterated. */
record PyRange(long start, long stop, long step) {
    long size() {
        if (step > 0 && start < stop) {
            return (stop - start - 1) / step + 1;
        }
        if (step < 0 && start > stop) {
            return (start - stop - 1) / -step + 1;
        }
        return 0;
    }

    long get(long i) {
        return start + i * step;
    }
}
