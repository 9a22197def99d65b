package dev.tokenlab.regex;

import dev.tokenlab.regex.Node.Alt;
import dev.tokenlab.regex.Node.Assertion;
import dev.tokenlab.regex.Node.Atomic;
import dev.tokenlab.regex.Node.Chars;
import dev.tokenlab.regex.Node.Concat;
import dev.tokenlab.regex.Node.Empty;
import dev.tokenlab.regex.Node.Greed;
import dev.tokenlab.regex.Node.Look;
import dev.tokenlab.regex.Node.Repeat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link Node} tree into {@link Program}s: the pattern's own and one per lookaround body.
 *
 * <p>Repetitions of one class become a {@code RUN} (no per-step states); other bounded repetitions
 * are unrolled (as RE2 and Rust's regex do), which the size limit accounts for; a possessive
 * repetition of more than one class becomes an atomic group around the greedy one. A loop whose
 * body can match empty gets the empty check of backtracking engines (Java's and Perl's, Oniguruma's
 * in the cases that matter): an iteration that consumed nothing ends the loop.
 */
final class Compiler {
    /** Most instructions (plus the counts of bounded one-class repetitions) over all programs. */
    static final int MAX_SIZE = 30_000;
    /** Most memo slots per program (instructions × empty-checked loop nesting). */
    static final int MAX_STATES = 200_000;

    private final String pattern;
    private final List<Program> subs;
    private final int[] size;

    private int[] op = new int[32];
    private int[] a = new int[32];
    private int[] b = new int[32];
    private int[] c = new int[32];
    private int[] d = new int[32];
    private int[] depth = new int[32];
    private int n;
    private final List<ClassMatcher> classes = new ArrayList<>();
    private final Map<CodePointSet, Integer> classIndex = new HashMap<>();
    /** Index in the pattern of the repetition being expanded (for the size error). */
    private int at;
    private int nullDepth;
    private int atomicDepth;
    private int maxAtomicDepth;

    private Compiler(String pattern, List<Program> subs, int[] size) {
        this.pattern = pattern;
        this.subs = subs;
        this.size = size;
    }

    /**
     * The compiled pattern: its program, its lookarounds' programs, and facts for the search loop: the
     * code points a match can start with when it cannot be empty (null: any start may match), whether
     * matches can only start at the haystack's start, how far lookbehinds reach back, in UTF-16 units, and whether
     * a match may be empty (conservative: yes for any pattern that might).
     */
    record Compiled(Program main, Program[] subs, ClassMatcher prefilter, boolean anchored, int backReach, boolean mayMatchEmpty) {
    }

    static Compiled compile(String pattern) {
        Node root = Parser.parse(pattern);
        List<Program> subs = new ArrayList<>();
        int[] size = new int[1];
        Program main = new Compiler(pattern, subs, size).program(root, false, false, 0, 0);
        int backReach = 0;
        for (Program p : subs) {
            if (p.behind) {
                backReach = (int) Math.min(Integer.MAX_VALUE / 4, backReach + 2L * p.maxLength);
            }
        }
        boolean nullable = Analysis.nullable(root);
        CodePointSet first = nullable ? CodePointSet.ALL : Analysis.first(root);
        ClassMatcher prefilter = first.isAll() ? null : new ClassMatcher(first);
        return new Compiled(main, subs.toArray(new Program[0]), prefilter, anchored(root), backReach, nullable);
    }

    /** Whether every match must start at the start of the haystack. */
    private static boolean anchored(Node node) {
        if (node instanceof Assertion as) {
            return as.anchor() == Node.Anchor.TEXT_START;
        }
        if (node instanceof Concat c) {
            for (Node item : c.items()) {
                if (anchored(item)) {
                    return true;
                }
                if (!(item instanceof Assertion || item instanceof Look)) {
                    return false;
                }
            }
            return false;
        }
        if (node instanceof Alt alt) {
            return alt.alternatives().stream().allMatch(Compiler::anchored);
        }
        if (node instanceof Atomic at) {
            return anchored(at.body());
        }
        return false;
    }

    private Program program(Node root, boolean lookaround, boolean behind, int minLength, int maxLength) {
        compile(root);
        emit(Program.MATCH, 0, 0, 0, 0);
        int length = n;
        int[] markBase = marks(lookaround);
        int states = 0;
        for (int pc = 0; pc < length; pc++) {
            if (markBase[pc] >= 0) {
                markBase[pc] = states;
                states += depth[pc] + 1;
            }
        }
        if (states > MAX_STATES) {
            throw new RegexSyntaxException("pattern too large (" + states + " search states, limit " + MAX_STATES + ")",
                    pattern, 0);
        }
        return new Program(Arrays.copyOf(op, length), Arrays.copyOf(a, length), Arrays.copyOf(b, length),
                Arrays.copyOf(c, length), Arrays.copyOf(d, length), classes.toArray(new ClassMatcher[0]), markBase,
                states, maxAtomicDepth, lookaround, behind, minLength, maxLength);
    }

    /**
     * Which instructions get memo slots (0 here; numbered by the caller), and which do not (-1). A
     * state needs one if it can be reached from two different states: an instruction with two
     * incoming edges (jumps followed through), a loop over one class ({@code RUN}, whose inner
     * positions are states too) and what follows it, the end of an atomic group, and a lookaround's
     * start (its memo slot caches the lookaround's result). {@code JMP} and {@code MATCH} never need one.
     */
    private int[] marks(boolean lookaround) {
        int[] incoming = new int[n];
        incoming[resolve(0)]++;
        for (int pc = 0; pc < n; pc++) {
            switch (op[pc]) {
                case Program.SPLIT:
                    incoming[resolve(a[pc])]++;
                    incoming[resolve(b[pc])]++;
                    break;
                case Program.JMP:
                case Program.MATCH:
                    break;
                case Program.CHECK:
                    incoming[resolve(b[pc])]++;
                    incoming[resolve(c[pc])]++;
                    break;
                case Program.RUN:
                    incoming[resolve(pc + 1)] += 2;
                    incoming[pc] += 2;
                    break;
                case Program.ATOMIC_END:
                    incoming[pc] += 2;
                    incoming[resolve(pc + 1)]++;
                    break;
                default:
                    incoming[resolve(pc + 1)]++;
                    break;
            }
        }
        if (lookaround) {
            incoming[resolve(0)] += 2;
        }
        int[] marks = new int[n];
        for (int pc = 0; pc < n; pc++) {
            boolean needed = incoming[pc] >= 2 && op[pc] != Program.JMP && op[pc] != Program.MATCH;
            marks[pc] = needed ? 0 : -1;
        }
        return marks;
    }

    private int resolve(int pc) {
        int steps = 0;
        while (op[pc] == Program.JMP && steps++ < n) {
            pc = a[pc];
        }
        return pc;
    }

    private int emit(int opcode, int x, int y, int z, int w) {
        if (++size[0] > MAX_SIZE) {
            throw new RegexSyntaxException("pattern too large (over " + MAX_SIZE
                    + " instructions, counting every copy of a bounded repetition)", pattern, at);
        }
        if (n == op.length) {
            int cap = n * 2;
            op = Arrays.copyOf(op, cap);
            a = Arrays.copyOf(a, cap);
            b = Arrays.copyOf(b, cap);
            c = Arrays.copyOf(c, cap);
            d = Arrays.copyOf(d, cap);
            depth = Arrays.copyOf(depth, cap);
        }
        op[n] = opcode;
        a[n] = x;
        b[n] = y;
        c[n] = z;
        d[n] = w;
        depth[n] = nullDepth;
        return n++;
    }

    private int classOf(CodePointSet set) {
        Integer index = classIndex.get(set);
        if (index == null) {
            index = classes.size();
            classes.add(new ClassMatcher(set));
            classIndex.put(set, index);
        }
        return index;
    }

    /** A guard for a branch: the class of its possible first code points, or -1 when it has none. */
    private int guard(Node branch) {
        if (Analysis.nullable(branch)) {
            return -1;
        }
        CodePointSet first = Analysis.first(branch);
        return first.isAll() ? -1 : classOf(first);
    }

    private void compile(Node node) {
        if (node instanceof Empty) {
            return;
        }
        if (node instanceof Chars ch) {
            int single = ch.set().single();
            if (single >= 0 && single < 0x10000 && !Character.isSurrogate((char) single)) {
                emit(Program.CHAR, single, 0, 0, 0);
            } else {
                emit(Program.CLASS, classOf(ch.set()), 0, 0, 0);
            }
        } else if (node instanceof Concat cat) {
            for (Node item : cat.items()) {
                compile(item);
            }
        } else if (node instanceof Alt alt) {
            alternation(alt.alternatives());
        } else if (node instanceof Repeat r) {
            repeat(r);
        } else if (node instanceof Look look) {
            lookaround(look);
        } else if (node instanceof Atomic at) {
            atomic(at.body());
        } else if (node instanceof Assertion as) {
            emit(Program.ASSERT, as.anchor().ordinal(), 0, 0, 0);
        } else {
            throw new IllegalStateException(node.toString());
        }
    }

    /** Alternations longer than this get no guard for "the rest" (it would cost a class per alternative). */
    private static final int REST_GUARDS = 64;

    private void alternation(List<Node> alternatives) {
        int count = alternatives.size();
        // The guard of "every alternative after i", built from the end so a long alternation stays linear.
        int[] restGuard = new int[count];
        if (count <= REST_GUARDS) {
            CodePointSet rest = CodePointSet.EMPTY;
            boolean nullable = false;
            for (int i = count - 1; i >= 1; i--) {
                Node alternative = alternatives.get(i);
                nullable |= Analysis.nullable(alternative);
                rest = nullable ? rest : rest.union(Analysis.first(alternative));
                restGuard[i - 1] = nullable || rest.isAll() ? -1 : classOf(rest);
            }
        } else {
            Arrays.fill(restGuard, -1);
        }
        List<Integer> toEnd = new ArrayList<>();
        for (int i = 0; i < count - 1; i++) {
            int split = emit(Program.SPLIT, 0, 0, guard(alternatives.get(i)), restGuard[i]);
            a[split] = n;
            compile(alternatives.get(i));
            toEnd.add(emit(Program.JMP, 0, 0, 0, 0));
            b[split] = n;
        }
        compile(alternatives.get(alternatives.size() - 1));
        for (int jmp : toEnd) {
            a[jmp] = n;
        }
    }

    private void atomic(Node body) {
        if (body instanceof Repeat r && r.body() instanceof Chars && r.greed() != Greed.LAZY) {
            // (?>c*) is c*+: one deterministic run, no atomic group needed.
            repeat(new Repeat(r.body(), r.min(), r.max(), Greed.POSSESSIVE, r.at()));
            return;
        }
        int level = ++atomicDepth;
        maxAtomicDepth = Math.max(maxAtomicDepth, level);
        emit(Program.ATOMIC_BEGIN, level, 0, 0, 0);
        compile(body);
        emit(Program.ATOMIC_END, level, 0, 0, 0);
        atomicDepth--;
    }

    private void lookaround(Look look) {
        if (look.body() instanceof Chars ch) {
            emit(Program.LOOK_CLASS, classOf(ch.set()), look.behind() ? 1 : 0, look.negate() ? 1 : 0, 0);
            return;
        }
        int min = (int) Math.min(Integer.MAX_VALUE, Analysis.minLength(look.body()));
        int max = look.behind() ? (int) Analysis.maxLength(look.body()) : -1;
        Program sub = new Compiler(pattern, subs, size).program(look.body(), true, look.behind(), min, max);
        subs.add(sub);
        emit(Program.LOOK, subs.size() - 1, look.behind() ? 1 : 0, look.negate() ? 1 : 0, 0);
    }

    private void repeat(Repeat r) {
        int outer = at;
        if (outer == 0) {
            at = r.at();
        }
        try {
            expand(r);
        } finally {
            at = outer;
        }
    }

    private void expand(Repeat r) {
        Node body = r.body();
        int min = r.min();
        int max = r.max();
        if (max == 0) {
            return;
        }
        if (body instanceof Chars ch) {
            for (int i = 0; i < min; i++) {
                compile(ch);
            }
            if (max < 0 || max > min) {
                int mode = switch (r.greed()) {
                    case GREEDY -> Program.GREEDY;
                    case LAZY -> Program.LAZY;
                    case POSSESSIVE -> Program.POSSESSIVE;
                };
                if (max > min) {
                    size[0] += max - min - 1;
                }
                emit(Program.RUN, classOf(ch.set()), max < 0 ? -1 : max - min, mode, 0);
            }
            return;
        }
        if (r.greed() == Greed.POSSESSIVE) {
            atomic(new Repeat(body, min, max, Greed.GREEDY, r.at()));
            return;
        }
        boolean lazy = r.greed() == Greed.LAZY;
        if (Analysis.nullable(body)) {
            emptyCheckedRepeat(body, min, max, lazy);
            return;
        }
        int guard = guard(body);
        for (int i = 0; i < min; i++) {
            compile(body);
        }
        if (max < 0) {
            int loop = emit(Program.SPLIT, 0, 0, -1, -1);
            int start = n;
            compile(body);
            emit(Program.JMP, loop, 0, 0, 0);
            branch(loop, start, n, guard, lazy);
            return;
        }
        List<Integer> splits = new ArrayList<>();
        for (int i = min; i < max; i++) {
            int split = emit(Program.SPLIT, 0, 0, -1, -1);
            splits.add(split);
            a[split] = n; // the body, for now; fixed below
            compile(body);
        }
        for (int split : splits) {
            branch(split, a[split], n, guard, lazy);
        }
    }

    /** Points a loop's split at its body and its exit, body first unless lazy. */
    private void branch(int split, int body, int exit, int guard, boolean lazy) {
        if (lazy) {
            a[split] = exit;
            b[split] = body;
            d[split] = guard;
        } else {
            a[split] = body;
            b[split] = exit;
            c[split] = guard;
        }
    }

    /**
     * A repetition whose body can match empty. Every iteration runs between {@code ENTER} and
     * {@code CHECK}; an iteration that consumed nothing leaves the whole repetition (even before
     * {@code min} iterations, as Java's and Perl's loops do).
     */
    private void emptyCheckedRepeat(Node body, int min, int max, boolean lazy) {
        int level = nullDepth + 1;
        List<Integer> exits = new ArrayList<>();
        for (int i = 0; i < min; i++) {
            emit(Program.ENTER, level, 0, 0, 0);
            nullDepth = level;
            compile(body);
            int check = emit(Program.CHECK, level, 0, 0, 0);
            nullDepth = level - 1;
            b[check] = n;
            exits.add(check);
        }
        if (max < 0) {
            int loop = emit(Program.SPLIT, 0, 0, -1, -1);
            int start = emit(Program.ENTER, level, 0, 0, 0);
            nullDepth = level;
            compile(body);
            int check = emit(Program.CHECK, level, loop, 0, 0);
            nullDepth = level - 1;
            exits.add(check);
            branch(loop, start, n, -1, lazy);
        } else {
            List<Integer> splits = new ArrayList<>();
            for (int i = min; i < max; i++) {
                int split = emit(Program.SPLIT, 0, 0, -1, -1);
                splits.add(split);
                int enter = emit(Program.ENTER, level, 0, 0, 0); // (not a[split] = emit(..): emit may grow a)
                a[split] = enter;
                nullDepth = level;
                compile(body);
                int check = emit(Program.CHECK, level, 0, 0, 0);
                nullDepth = level - 1;
                b[check] = n;
                exits.add(check);
            }
            for (int split : splits) {
                branch(split, a[split], n, -1, lazy);
            }
        }
        for (int check : exits) {
            c[check] = n;
        }
    }
}
