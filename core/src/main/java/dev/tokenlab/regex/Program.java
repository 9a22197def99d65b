package dev.tokenlab.regex;

/**
 * A compiled pattern (or a lookaround's body): instructions for {@link Searcher}, with what its memo
 * needs to know. Immutable once built.
 *
 * <p>Instructions (operands in {@code a b c d}; the next instruction is {@code pc + 1} unless said):
 * <pre>
 * CHAR  a=char                     one BMP code point (not a surrogate)
 * CLASS a=class                    one code point of a class
 * RUN   a=class b=max(-1: no limit) c=GREEDY|LAZY|POSSESSIVE
 *                                  class{0,max}: a loop over one class, run without a state per step
 * SPLIT a=x b=y c=guard(x) d=guard(y)
 *                                  try x, then y; a guard is a class holding every code point the branch
 *                                  can start with (-1: none), so a branch that must fail is not tried
 * JMP   a=target
 * ASSERT a=anchor                  ^ $ \A \z \Z \b \B
 * LOOK_CLASS a=class b=behind c=negate     a lookaround whose body is one class
 * LOOK  a=program b=behind c=negate        any other lookaround: a sub-program
 * ENTER a=level                    an iteration of a loop whose body can match empty begins
 * CHECK a=level b=again c=exit     it ends: if it consumed nothing, leave the loop (the empty check)
 * ATOMIC_BEGIN a=level, ATOMIC_END a=level   (?>..) and possessive repeats of more than one class
 * MATCH
 * </pre>
 */
final class Program {
    static final int CHAR = 0;
    static final int CLASS = 1;
    static final int RUN = 2;
    static final int SPLIT = 3;
    static final int JMP = 4;
    static final int ASSERT = 5;
    static final int LOOK_CLASS = 6;
    static final int LOOK = 7;
    static final int ENTER = 8;
    static final int CHECK = 9;
    static final int ATOMIC_BEGIN = 10;
    static final int ATOMIC_END = 11;
    static final int MATCH = 12;

    static final int GREEDY = 0;
    static final int LAZY = 1;
    static final int POSSESSIVE = 2;

    final int[] op;
    final int[] a;
    final int[] b;
    final int[] c;
    final int[] d;
    final ClassMatcher[] classes;

    /**
     * Memo slot of each instruction's states, or -1 for an instruction whose states need none (their
     * only predecessor state is memoized, so they are reached at most once anyway). An instruction
     * inside {@code n} nested empty-checked loops has {@code n + 1} slots, one per "outermost loop
     * whose current iteration has consumed nothing" ({@code k = 0}: none).
     */
    final int[] markBase;
    /** Memo slots in all. */
    final int states;
    /** Bits per memo slot: 1 (visited), 2 with lookaround success marks, more with atomic levels. */
    final int planes;
    /** Deepest nesting of atomic groups. */
    final int atomicDepth;
    /** Whether the search keeps the path it is on (to mark it when an atomic group commits or a lookaround succeeds). */
    final boolean trail;
    /** For a lookbehind body: its shortest and longest match in code points. */
    final boolean behind;
    final int minLength;
    final int maxLength;

    Program(int[] op, int[] a, int[] b, int[] c, int[] d, ClassMatcher[] classes, int[] markBase, int states,
            int atomicDepth, boolean lookaround, boolean behind, int minLength, int maxLength) {
        this.op = op;
        this.a = a;
        this.b = b;
        this.c = c;
        this.d = d;
        this.classes = classes;
        this.markBase = markBase;
        this.states = states;
        this.atomicDepth = atomicDepth;
        this.trail = lookaround || atomicDepth > 0;
        int maxValue = atomicDepth > 0 ? Memo.COMMITTED + atomicDepth - 1 : lookaround ? Memo.SUCCEEDED : Memo.FAILED;
        this.planes = 32 - Integer.numberOfLeadingZeros(maxValue);
        this.behind = behind;
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    int length() {
        return op.length;
    }

    /** A listing, one instruction a line, for debugging and test messages. */
    @Override
    public String toString() {
        String[] names = {"CHAR", "CLASS", "RUN", "SPLIT", "JMP", "ASSERT", "LOOK_CLASS", "LOOK", "ENTER", "CHECK",
            "ATOMIC_BEGIN", "ATOMIC_END", "MATCH"};
        StringBuilder sb = new StringBuilder();
        for (int pc = 0; pc < op.length; pc++) {
            sb.append(pc).append(markBase[pc] >= 0 ? "* " : "  ").append(names[op[pc]]);
            switch (op[pc]) {
                case CHAR -> sb.append(" '").appendCodePoint(a[pc]).append('\'');
                case CLASS -> sb.append(' ').append(classes[a[pc]].set);
                case RUN -> sb.append(' ').append(classes[a[pc]].set).append(" max=").append(b[pc])
                        .append(c[pc] == GREEDY ? " greedy" : c[pc] == LAZY ? " lazy" : " possessive");
                case SPLIT -> sb.append(' ').append(a[pc]).append(", ").append(b[pc])
                        .append(c[pc] >= 0 ? " guard x " + classes[c[pc]].set : "")
                        .append(d[pc] >= 0 ? " guard y " + classes[d[pc]].set : "");
                case JMP -> sb.append(' ').append(a[pc]);
                case CHECK -> sb.append(" level=").append(a[pc]).append(" again=").append(b[pc]).append(" exit=").append(c[pc]);
                case MATCH -> { }
                default -> sb.append(' ').append(a[pc]).append(' ').append(b[pc]).append(' ').append(c[pc]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
