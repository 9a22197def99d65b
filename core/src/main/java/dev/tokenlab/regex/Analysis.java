package dev.tokenlab.regex;

import dev.tokenlab.regex.Node.Alt;
import dev.tokenlab.regex.Node.Assertion;
import dev.tokenlab.regex.Node.Atomic;
import dev.tokenlab.regex.Node.Chars;
import dev.tokenlab.regex.Node.Concat;
import dev.tokenlab.regex.Node.Empty;
import dev.tokenlab.regex.Node.Look;
import dev.tokenlab.regex.Node.Repeat;

/**
 * Static facts about a {@link Node} that the compiler and the parser need: whether it can match the
 * empty string, which code points can start a non-empty match (for the guards that skip alternatives
 * and start positions), and the shortest and longest match in code points (for lookbehind).
 */
final class Analysis {
    private static final int INFINITE = -1;

    private Analysis() {
    }

    /** Whether the node can match without consuming anything (conservative: may say yes wrongly). */
    static boolean nullable(Node node) {
        if (node instanceof Empty || node instanceof Assertion || node instanceof Look) {
            return true;
        }
        if (node instanceof Chars) {
            return false;
        }
        if (node instanceof Concat c) {
            for (Node n : c.items()) {
                if (!nullable(n)) {
                    return false;
                }
            }
            return true;
        }
        if (node instanceof Alt a) {
            for (Node n : a.alternatives()) {
                if (nullable(n)) {
                    return true;
                }
            }
            return false;
        }
        if (node instanceof Repeat r) {
            return r.min() == 0 || nullable(r.body());
        }
        if (node instanceof Atomic a) {
            return nullable(a.body());
        }
        throw new IllegalStateException(node.toString());
    }

    /**
     * A superset of the code points a non-empty match of {@code node} can start with. Used only where
     * the node is not nullable, so that a code point outside the set proves the node fails.
     */
    static CodePointSet first(Node node) {
        if (node instanceof Empty || node instanceof Assertion || node instanceof Look) {
            return CodePointSet.EMPTY;
        }
        if (node instanceof Chars c) {
            return c.set();
        }
        if (node instanceof Concat c) {
            CodePointSet set = CodePointSet.EMPTY;
            for (Node n : c.items()) {
                set = set.union(first(n));
                if (!nullable(n)) {
                    break;
                }
            }
            return set;
        }
        if (node instanceof Alt a) {
            CodePointSet set = CodePointSet.EMPTY;
            for (Node n : a.alternatives()) {
                set = set.union(first(n));
            }
            return set;
        }
        if (node instanceof Repeat r) {
            return r.max() == 0 ? CodePointSet.EMPTY : first(r.body());
        }
        if (node instanceof Atomic a) {
            return first(a.body());
        }
        throw new IllegalStateException(node.toString());
    }

    /** The fewest code points a match consumes. */
    static long minLength(Node node) {
        if (node instanceof Chars) {
            return 1;
        }
        if (node instanceof Concat c) {
            long sum = 0;
            for (Node n : c.items()) {
                sum = Math.min(Integer.MAX_VALUE, sum + minLength(n));
            }
            return sum;
        }
        if (node instanceof Alt a) {
            long min = Long.MAX_VALUE;
            for (Node n : a.alternatives()) {
                min = Math.min(min, minLength(n));
            }
            return min;
        }
        if (node instanceof Repeat r) {
            return Math.min(Integer.MAX_VALUE, r.min() * minLength(r.body()));
        }
        if (node instanceof Atomic a) {
            return minLength(a.body());
        }
        return 0;
    }

    /** The most code points a match consumes, or -1 if unbounded. */
    static long maxLength(Node node) {
        if (node instanceof Chars) {
            return 1;
        }
        if (node instanceof Concat c) {
            long sum = 0;
            for (Node n : c.items()) {
                long m = maxLength(n);
                if (m == INFINITE) {
                    return INFINITE;
                }
                sum = Math.min(Integer.MAX_VALUE, sum + m);
            }
            return sum;
        }
        if (node instanceof Alt a) {
            long max = 0;
            for (Node n : a.alternatives()) {
                long m = maxLength(n);
                if (m == INFINITE) {
                    return INFINITE;
                }
                max = Math.max(max, m);
            }
            return max;
        }
        if (node instanceof Repeat r) {
            long m = maxLength(r.body());
            if (m == 0 || r.max() == 0) {
                return 0;
            }
            if (m == INFINITE || r.max() < 0) {
                return INFINITE;
            }
            return Math.min(Integer.MAX_VALUE, m * r.max());
        }
        if (node instanceof Atomic a) {
            return maxLength(a.body());
        }
        return 0;
    }
}
