package dev.tokenlab.regex;

import java.util.Arrays;

/**
 * One search over one haystack: the backtracking matcher with its memo, stacks and lookaround memos.
 * Not thread-safe; {@link Regex} makes one per call. See {@link Regex} for the algorithm and the bounds.
 *
 * <p>The matcher explores states (instruction, position, {@code k}) depth first in the order a
 * backtracking engine would, with an explicit stack of choice points (no recursion per step). A state
 * with a memo slot is marked when first reached; reaching it again is an immediate failure (or, for
 * marks that record more, an immediate success or the failure of an atomic group). {@code k} is the
 * empty-check level: the outermost enclosing empty-checked loop whose current iteration has not
 * consumed anything yet (0: none), which decides where such an iteration's end goes. The pattern's own
 * program is first run without memo within a step budget at each start (see {@link Regex}).
 */
final class Searcher {
    private static final int ENTRY = 6;
    /** An alternative: {@code pc, pos, k}. */
    private static final int E_ALT = 0;
    /** A greedy unbounded run being given back: {@code runPc, start, current end, k}. */
    private static final int E_GREEDY = 1;
    /** The same for a run with a maximum: no inner states to mark. */
    private static final int E_GREEDY_BOUNDED = 2;
    /** A lazy unbounded run that may take one more: {@code runPc, -, current end}. */
    private static final int E_LAZY = 3;
    /** A lazy bounded run: {@code runPc, count so far, current end}. */
    private static final int E_LAZY_BOUNDED = 4;
    /** The start of an atomic group: {@code level}. */
    private static final int E_BARRIER = 5;
    /** A possessive run: when backtracked over, its inner states are known to fail. */
    private static final int E_MARK_RANGE = 6;

    private static final ClassMatcher WORD = new ClassMatcher(UnicodeSets.word());

    /** What {@link #run} returns when a search without memo runs out of steps. */
    private static final int OUT_OF_STEPS = -2;

    private final Compiler.Compiled compiled;
    private final Program main;
    private final Program[] subs;
    private final Memo mainMemo;
    private final Memo[] subMemos;
    /** Steps a start position may take without memo before it is searched again with it. */
    private final int budget;
    /** How many more starts go straight to the memoized search, and how many the next time. */
    private int memoOnly;
    private int backoff = 1;

    private CharSequence text;
    private int hayStart;
    private int hayEnd;

    /** Choice points, {@link #ENTRY} ints each: kind, pc, x, y, k, trail length. */
    private int[] stack = new int[ENTRY * 32];
    private int sp;
    /** The path's memoized states when a program needs it: pc, k, pos, end (a run's last inner position). */
    private int[] trail = new int[4 * 32];
    private int tp;

    Searcher(Compiler.Compiled compiled) {
        this(compiled, false);
    }

    /** {@code memoAlways}: skip the first, memo-less attempt at each start (tests use it to check both paths). */
    Searcher(Compiler.Compiled compiled, boolean memoAlways) {
        this.compiled = compiled;
        this.main = compiled.main();
        this.budget = 64 + 4 * main.length();
        this.memoOnly = memoAlways ? Integer.MAX_VALUE : 0;
        this.subs = compiled.subs();
        this.mainMemo = new Memo(main, 64);
        this.subMemos = new Memo[subs.length];
    }

    void reset(CharSequence text, int from, int to) {
        this.text = text;
        this.hayStart = from;
        this.hayEnd = to;
        mainMemo.reset(from);
        Arrays.fill(subMemos, null);
    }

    /**
     * The leftmost-first match starting at or after {@code start}, as {@code start << 32 | end}, or -1.
     */
    long search(int start) {
        ClassMatcher prefilter = compiled.prefilter();
        int s = start;
        while (true) {
            if (compiled.anchored() && s > hayStart) {
                return -1;
            }
            if (prefilter != null) {
                while (s < hayEnd && !prefilter.contains(codePointAt(s, hayEnd))) {
                    s = nextCodePoint(s, hayEnd);
                }
                if (s >= hayEnd) {
                    return -1; // the pattern cannot match empty
                }
            }
            mainMemo.advance(s);
            if (subMemos.length > 0) {
                int subBase = (int) Math.max(hayStart, (long) s - compiled.backReach());
                for (int i = 0; i < subMemos.length; i++) {
                    if (subMemos[i] != null && !subs[i].behind) {
                        subMemos[i].advance(subBase);
                    }
                }
            }
            // First without memo, within a budget proportional to the pattern (a token needs a few
            // steps); past it, again with the memo, so the cost per start stays O(pattern) amortized.
            // After a start that ran out, the next ones go straight to the memo, more of them each time
            // it happens again (hostile text would otherwise spend the budget at every position).
            int end = OUT_OF_STEPS;
            if (memoOnly > 0) {
                if (memoOnly != Integer.MAX_VALUE) {
                    memoOnly--;
                }
            } else {
                end = run(main, null, 0, s, -1, budget);
                if (end == OUT_OF_STEPS) {
                    backoff = Math.min(backoff * 2, 1 << 16);
                    memoOnly = backoff;
                } else {
                    backoff = 1;
                }
            }
            if (end == OUT_OF_STEPS) {
                end = run(main, mainMemo, 0, s, -1);
                if (end >= 0) {
                    mainMemo.clear(end); // the states on the matching path are not failures
                }
            }
            if (end >= 0) {
                return ((long) s << 32) | end;
            }
            if (s >= hayEnd) {
                return -1;
            }
            s = nextCodePoint(s, hayEnd);
        }
    }

    /**
     * Runs {@code p} from {@code pc} at {@code pos}; returns the end of the first match in backtracking
     * order, or -1. {@code target}: when not -1, the match must end exactly there (a lookbehind's body).
     */
    private int run(Program p, Memo memo, int pc, int pos, int target) {
        return run(p, memo, pc, pos, target, -1);
    }

    /**
     * {@link #run(Program, Memo, int, int, int)}, without a memo when {@code memo} is null: then at most
     * {@code budget} steps (instructions and code points scanned) are taken, and {@link #OUT_OF_STEPS}
     * is returned when they are not enough.
     */
    private int run(Program p, Memo memo, int pc, int pos, int target, int budget) {
        final int limit = hayEnd;
        final int base = sp;
        final int trailBase = tp;
        final boolean memoize = memo != null;
        final boolean useTrail = memoize && p.trail;
        final boolean lookaround = p != main;
        final int[] op = p.op;
        final int[] A = p.a;
        final int[] B = p.b;
        final int[] C = p.c;
        final int[] D = p.d;
        final int[] mark = p.markBase;
        final ClassMatcher[] classes = p.classes;
        final CharSequence text = this.text;
        int k = 0;
        int steps = budget;
        loop:
        for (;;) {
            fail:
            {
                int m = mark[pc];
                if (!memoize) {
                    if (--steps < 0) {
                        sp = base;
                        tp = trailBase;
                        return OUT_OF_STEPS;
                    }
                } else if (m >= 0) {
                    int v = memo.get(m + k, pos);
                    if (v != 0) {
                        if (v == Memo.SUCCEEDED) {
                            markTrail(p, memo, trailBase, Memo.SUCCEEDED);
                            sp = base;
                            tp = trailBase;
                            return pos;
                        }
                        if (v >= Memo.COMMITTED) {
                            cut(p, memo, base, v - Memo.COMMITTED + 1);
                        }
                        break fail;
                    }
                    memo.set(m + k, pos, Memo.FAILED);
                    if (useTrail) {
                        pushTrail(pc, k, pos);
                    }
                }
                switch (op[pc]) {
                    case Program.CHAR:
                        if (pos < limit && text.charAt(pos) == A[pc]) {
                            pos++;
                            k = 0;
                            pc++;
                            continue loop;
                        }
                        break fail;
                    case Program.CLASS: {
                        if (pos >= limit) {
                            break fail;
                        }
                        int cp = text.charAt(pos);
                        int next = pos + 1;
                        if (cp >= Character.MIN_HIGH_SURROGATE && cp <= Character.MAX_HIGH_SURROGATE && next < limit) {
                            char low = text.charAt(next);
                            if (Character.isLowSurrogate(low)) {
                                cp = Character.toCodePoint((char) cp, low);
                                next++;
                            }
                        }
                        if (!classes[A[pc]].contains(cp)) {
                            break fail;
                        }
                        pos = next;
                        k = 0;
                        pc++;
                        continue loop;
                    }
                    case Program.SPLIT: {
                        boolean tryX = true;
                        boolean tryY = true;
                        if (C[pc] >= 0 || D[pc] >= 0) {
                            int cp = pos < limit ? codePointAt(pos, limit) : -1;
                            if (C[pc] >= 0) {
                                tryX = cp >= 0 && classes[C[pc]].contains(cp);
                            }
                            if (D[pc] >= 0) {
                                tryY = cp >= 0 && classes[D[pc]].contains(cp);
                            }
                        }
                        if (tryX) {
                            if (tryY) {
                                push(E_ALT, B[pc], pos, 0, k);
                            }
                            pc = A[pc];
                            continue loop;
                        }
                        if (tryY) {
                            pc = B[pc];
                            continue loop;
                        }
                        break fail;
                    }
                    case Program.JMP:
                        pc = A[pc];
                        continue loop;
                    case Program.ASSERT:
                        if (!anchor(A[pc], pos)) {
                            break fail;
                        }
                        pc++;
                        continue loop;
                    case Program.LOOK_CLASS:
                        if (lookClass(classes[A[pc]], B[pc] != 0, pos) == (C[pc] != 0)) {
                            break fail;
                        }
                        pc++;
                        continue loop;
                    case Program.LOOK:
                        if (look(A[pc], pos) == (C[pc] != 0)) {
                            break fail;
                        }
                        pc++;
                        continue loop;
                    case Program.ENTER:
                        if (k == 0 || k > A[pc]) {
                            k = A[pc];
                        }
                        pc++;
                        continue loop;
                    case Program.CHECK:
                        if (k != 0 && k <= A[pc]) {
                            if (k == A[pc]) {
                                k = 0;
                            }
                            pc = C[pc]; // the iteration consumed nothing: leave the loop
                        } else {
                            pc = B[pc];
                        }
                        continue loop;
                    case Program.RUN: {
                        ClassMatcher cls = classes[A[pc]];
                        int max = B[pc];
                        int mode = C[pc];
                        if (mode == Program.LAZY) {
                            if (max < 0) {
                                push(E_LAZY, pc, 0, pos, k);
                            } else if (max > 0) {
                                push(E_LAZY_BOUNDED, pc, 0, pos, k);
                            }
                            pc++;
                            continue loop;
                        }
                        int j = pos;
                        if (max < 0 && memoize) {
                            // Each inner position is the state (run, j, k = 0); stop at one already known.
                            int frontier = memo.frontier;
                            int slot = m;
                            int hit = -1;
                            while (j < limit) {
                                int cp = text.charAt(j);
                                int next = j + 1;
                                if (cp >= Character.MIN_HIGH_SURROGATE && cp <= Character.MAX_HIGH_SURROGATE && next < limit) {
                                    char low = text.charAt(next);
                                    if (Character.isLowSurrogate(low)) {
                                        cp = Character.toCodePoint((char) cp, low);
                                        next++;
                                    }
                                }
                                if (!cls.contains(cp)) {
                                    break;
                                }
                                if (next < frontier) {
                                    int v = memo.get(slot, next);
                                    if (v != 0) {
                                        if (v != Memo.FAILED || mode == Program.POSSESSIVE) {
                                            hit = next;
                                        }
                                        break;
                                    }
                                }
                                j = next;
                            }
                            if (useTrail) {
                                trail[tp - 1] = j; // this run's entry now covers its inner states up to j
                            }
                            if (hit >= 0) {
                                pos = hit; // continue as the known state (run, hit, 0)
                                k = 0;
                                continue loop;
                            }
                            if (j > pos) {
                                push(mode == Program.POSSESSIVE ? E_MARK_RANGE : E_GREEDY, pc, pos, j, k);
                            }
                        } else {
                            int count = 0;
                            // Without memo, scanning spends the budget too: a run longer than what is
                            // left sends this start to the memoized search (which never rescans a run).
                            int most = max < 0 ? Integer.MAX_VALUE : max;
                            if (!memoize) {
                                most = Math.min(most, steps);
                            }
                            while (count < most && j < limit) {
                                int cp = text.charAt(j);
                                int next = j + 1;
                                if (cp >= Character.MIN_HIGH_SURROGATE && cp <= Character.MAX_HIGH_SURROGATE && next < limit) {
                                    char low = text.charAt(next);
                                    if (Character.isLowSurrogate(low)) {
                                        cp = Character.toCodePoint((char) cp, low);
                                        next++;
                                    }
                                }
                                if (!cls.contains(cp)) {
                                    break;
                                }
                                j = next;
                                count++;
                            }
                            if (!memoize) {
                                steps -= count;
                                if (steps <= 0) {
                                    sp = base;
                                    tp = trailBase;
                                    return OUT_OF_STEPS;
                                }
                            }
                            if (mode == Program.GREEDY && j > pos) {
                                push(E_GREEDY_BOUNDED, pc, pos, j, k);
                            }
                        }
                        if (j > pos) {
                            k = 0;
                        }
                        pos = j;
                        pc++;
                        continue loop;
                    }
                    case Program.ATOMIC_BEGIN:
                        push(E_BARRIER, A[pc], 0, 0, 0);
                        pc++;
                        continue loop;
                    case Program.ATOMIC_END:
                        commit(p, useTrail ? memo : null, base);
                        pc++;
                        continue loop;
                    case Program.MATCH:
                        if (target >= 0 && pos != target) {
                            break fail;
                        }
                        if (lookaround) {
                            markTrail(p, memo, trailBase, Memo.SUCCEEDED);
                        }
                        sp = base;
                        tp = trailBase;
                        return pos;
                    default:
                        throw new IllegalStateException("bad instruction " + op[pc]);
                }
            }
            // Backtrack: resume the most recent choice point.
            for (;;) {
                if (sp == base) {
                    tp = trailBase;
                    return -1;
                }
                int e = sp - ENTRY;
                int[] s = stack;
                switch (s[e]) {
                    case E_ALT:
                        pc = s[e + 1];
                        pos = s[e + 2];
                        k = s[e + 4];
                        tp = s[e + 5];
                        sp = e;
                        continue loop;
                    case E_GREEDY:
                    case E_GREEDY_BOUNDED: {
                        int runPc = s[e + 1];
                        int start = s[e + 2];
                        int cur = s[e + 3];
                        int prev = cur - 1;
                        if (prev > start && Character.isLowSurrogate(text.charAt(prev))
                                && Character.isHighSurrogate(text.charAt(prev - 1))) {
                            prev--;
                        }
                        tp = s[e + 5];
                        if (s[e] == E_GREEDY) { // (only pushed with a memo)
                            memo.set(mark[runPc], cur, Memo.FAILED); // (run, cur) is fully explored
                            if (useTrail) {
                                trail[tp - 1] = prev;
                            }
                        }
                        k = prev > start ? 0 : s[e + 4];
                        if (prev > start) {
                            s[e + 3] = prev;
                        } else {
                            sp = e;
                        }
                        pc = runPc + 1;
                        pos = prev;
                        continue loop;
                    }
                    case E_LAZY: {
                        int runPc = s[e + 1];
                        int cur = s[e + 3];
                        sp = e;
                        if (cur < limit) {
                            int next = nextCodePoint(cur, limit);
                            if (classes[A[runPc]].contains(codePointAt(cur, limit))) {
                                tp = s[e + 5];
                                if (memoize) {
                                    pc = runPc; // continue as the state (run, next, 0): one more taken
                                } else {
                                    push(E_LAZY, runPc, 0, next, 0);
                                    pc = runPc + 1;
                                }
                                pos = next;
                                k = 0;
                                continue loop;
                            }
                        }
                        continue;
                    }
                    case E_LAZY_BOUNDED: {
                        int runPc = s[e + 1];
                        int count = s[e + 2];
                        int cur = s[e + 3];
                        if (count < B[runPc] && cur < limit && classes[A[runPc]].contains(codePointAt(cur, limit))) {
                            int next = nextCodePoint(cur, limit);
                            if (count + 1 < B[runPc]) {
                                s[e + 2] = count + 1;
                                s[e + 3] = next;
                            } else {
                                sp = e;
                            }
                            tp = s[e + 5];
                            pc = runPc + 1;
                            pos = next;
                            k = 0;
                            continue loop;
                        }
                        sp = e;
                        continue;
                    }
                    case E_BARRIER:
                        sp = e;
                        continue;
                    case E_MARK_RANGE: {
                        int slot = mark[s[e + 1]];
                        int j = s[e + 2];
                        int end = s[e + 3];
                        while (j < end) {
                            j = nextCodePoint(j, end);
                            memo.set(slot, j, Memo.FAILED);
                        }
                        sp = e;
                        continue;
                    }
                    default:
                        throw new IllegalStateException("bad choice point " + s[e]);
                }
            }
        }
    }

    private void push(int kind, int pc, int x, int y, int k) {
        if (sp + ENTRY > stack.length) {
            stack = Arrays.copyOf(stack, stack.length * 2);
        }
        int[] s = stack;
        s[sp] = kind;
        s[sp + 1] = pc;
        s[sp + 2] = x;
        s[sp + 3] = y;
        s[sp + 4] = k;
        s[sp + 5] = tp;
        sp += ENTRY;
    }

    private void pushTrail(int pc, int k, int pos) {
        if (tp + 4 > trail.length) {
            trail = Arrays.copyOf(trail, trail.length * 2);
        }
        trail[tp] = pc;
        trail[tp + 1] = k;
        trail[tp + 2] = pos;
        trail[tp + 3] = pos;
        tp += 4;
    }

    /** Marks the path's states from trail index {@code from} on with {@code value}. */
    private void markTrail(Program p, Memo memo, int from, int value) {
        int[] mark = p.markBase;
        for (int t = from; t < tp; t += 4) {
            int slot = mark[trail[t]];
            int pos = trail[t + 2];
            int end = trail[t + 3];
            memo.set(slot + trail[t + 1], pos, value);
            while (pos < end) {
                pos = nextCodePoint(pos, end);
                memo.set(slot, pos, value); // a run's inner states (k = 0)
            }
        }
    }

    /**
     * The end of an atomic group: drop the choice points inside it, and mark the states of the path
     * through it as committed (if what follows fails, reaching any of them again fails the group).
     */
    private void commit(Program p, Memo memo, int base) { // memo: null when the path is not kept
        int e = sp - ENTRY;
        while (e >= base && stack[e] != E_BARRIER) {
            e -= ENTRY;
        }
        if (e < base) {
            throw new IllegalStateException("atomic group without a barrier");
        }
        if (memo != null) {
            markTrail(p, memo, stack[e + 5], Memo.COMMITTED + stack[e + 1] - 1);
        }
        sp = e;
    }

    /** A state known to commit the atomic group of {@code level} and then fail: that group fails. */
    private void cut(Program p, Memo memo, int base, int level) {
        int e = sp - ENTRY;
        while (e >= base && !(stack[e] == E_BARRIER && stack[e + 1] == level)) {
            e -= ENTRY;
        }
        if (e < base) {
            throw new IllegalStateException("no atomic group of level " + level + " is open");
        }
        int from = stack[e + 5];
        markTrail(p, memo, from, Memo.COMMITTED + level - 1);
        tp = from;
        sp = e;
    }

    private boolean anchor(int kind, int pos) {
        switch (kind) {
            case 0: // TEXT_START
                return pos == hayStart;
            case 1: // TEXT_END
                return pos == hayEnd;
            case 2: // TEXT_END_BEFORE_NEWLINE
                return pos == hayEnd || (pos == hayEnd - 1 && text.charAt(pos) == '\n');
            case 3: // WORD_BOUNDARY
                return isWordBefore(pos) != isWordAt(pos);
            case 4: // NOT_WORD_BOUNDARY
                return isWordBefore(pos) == isWordAt(pos);
            default:
                throw new IllegalStateException("bad anchor " + kind);
        }
    }

    private boolean isWordBefore(int pos) {
        return pos > hayStart && WORD.contains(codePointBefore(pos));
    }

    private boolean isWordAt(int pos) {
        return pos < hayEnd && WORD.contains(codePointAt(pos, hayEnd));
    }

    private boolean lookClass(ClassMatcher cls, boolean behind, int pos) {
        if (behind) {
            return pos > hayStart && cls.contains(codePointBefore(pos));
        }
        return pos < hayEnd && cls.contains(codePointAt(pos, hayEnd));
    }

    /** Whether the lookaround body {@code index} matches at {@code pos} (ahead: from it; behind: up to it). */
    private boolean look(int index, int pos) {
        Program sub = subs[index];
        Memo memo = subMemos[index];
        if (memo == null) {
            memo = new Memo(sub, 16);
            memo.reset(sub.behind ? pos : (int) Math.max(hayStart, (long) mainMemo.base - compiled.backReach()));
            subMemos[index] = memo;
        }
        if (!sub.behind) {
            // One memo for every evaluation: whether a state reaches the body's end does not depend on
            // where the lookahead started.
            return run(sub, memo, 0, pos, -1) >= 0;
        }
        // A lookbehind's body must end exactly at pos (it reads the text beyond as any match does, as
        // Java and PCRE let it): a fresh memo per evaluation, shared by the starts.
        memo.reset((int) Math.max(hayStart, (long) pos - 2L * sub.maxLength));
        int q = pos;
        int taken = 0;
        while (taken < sub.minLength) {
            if (q <= hayStart) {
                return false;
            }
            q = previousCodePoint(q);
            taken++;
        }
        while (true) {
            if (run(sub, memo, 0, q, pos) >= 0) {
                return true;
            }
            if (taken >= sub.maxLength || q <= hayStart) {
                return false;
            }
            q = previousCodePoint(q);
            taken++;
        }
    }

    private int codePointAt(int pos, int limit) {
        char c = text.charAt(pos);
        if (Character.isHighSurrogate(c) && pos + 1 < limit) {
            char low = text.charAt(pos + 1);
            if (Character.isLowSurrogate(low)) {
                return Character.toCodePoint(c, low);
            }
        }
        return c;
    }

    private int nextCodePoint(int pos, int limit) {
        if (Character.isHighSurrogate(text.charAt(pos)) && pos + 1 < limit && Character.isLowSurrogate(text.charAt(pos + 1))) {
            return pos + 2;
        }
        return pos + 1;
    }

    private int codePointBefore(int pos) {
        char c = text.charAt(pos - 1);
        if (Character.isLowSurrogate(c) && pos - 2 >= hayStart) {
            char high = text.charAt(pos - 2);
            if (Character.isHighSurrogate(high)) {
                return Character.toCodePoint(high, c);
            }
        }
        return c;
    }

    private int previousCodePoint(int pos) {
        if (Character.isLowSurrogate(text.charAt(pos - 1)) && pos - 2 >= hayStart
                && Character.isHighSurrogate(text.charAt(pos - 2))) {
            return pos - 2;
        }
        return pos - 1;
    }
}
