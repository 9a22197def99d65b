package dev.tokenlab.regex;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A compiled regular expression of the subset tokenizer pre-tokenizers use, matched with Unicode
 * 16.0 classes, leftmost-first, in time linear in the text. Immutable and thread-safe.
 *
 * <pre>
 * Regex words = Regex.compile("\\p{L}+|\\p{N}{1,3}");
 * words.findAll("abc 12345")           →  [Match[start=0, end=3], Match[start=4, end=7], Match[start=7, end=9]]
 * Regex.compile("\\p{L}+").find(Character.toString(0x31350) + "!")  →  Optional[Match[start=0, end=2]]
 *     (U+31350, CJK Extension H, is a letter in Unicode 15 and later)
 * </pre>
 *
 * <h2>Semantics</h2>
 * Leftmost-first, as Perl, Oniguruma and Rust's {@code regex} define it: the match starts at the
 * leftmost position where any match exists, and among the matches there it is the one a
 * backtracking engine finds first (alternatives in order, greedy quantifiers longest first, lazy
 * shortest first, possessive and atomic parts never given back). Text is read as code points of the
 * UTF-16 {@code CharSequence}; a lone surrogate is a code point of its own, General_Category Cs, so no
 * letter class matches it; positions are UTF-16 indexes. {@link #findAll} yields non-overlapping
 * matches as Rust's {@code find_iter} (and Oniguruma's, as Hugging Face {@code tokenizers} drives it)
 * does: after an empty match the search moves on by one code point, and an empty match right where the
 * previous match ended is skipped. See {@link Parser} for the syntax and {@link UnicodeSets} for the
 * classes; what is not supported fails to compile with a {@link RegexSyntaxException}.
 *
 * <h2>Algorithm</h2>
 * A backtracking matcher over a compiled program, made linear by memoization, as RE2's BitState:
 * a state is (instruction, position, k) and the search marks a state the first time it reaches it.
 * Reaching a marked state again fails at once: the first visit either failed (so this one would) or
 * is still an ancestor on the current path (impossible here: positions never decrease along a path,
 * and the empty checks below make every loop that returns to the same position consume first). The
 * first successful path found is therefore the one plain backtracking would find, without the
 * exponential re-exploration. The marks stay valid across start positions and across the matches
 * of {@link #findAll} (a state's failure does not depend on where the search started), except for
 * the states of the matching path at its end position, which are cleared after each match.
 * <ul>
 * <li><b>Empty loops.</b> A loop whose body can match empty gets the backtracking engines' empty
 *     check: an iteration that consumed nothing ends the loop. {@code k} in the state records the
 *     outermost such loop whose current iteration has not consumed yet (nested iterations start at
 *     non-decreasing positions, so one number says which have consumed); it multiplies the states
 *     only inside such loops.</li>
 * <li><b>One-class loops</b> ({@code \p{L}+}, {@code \s*}, {@code [^\r\n]?+}) run as one instruction
 *     that scans the run and gives it back one code point at a time. Their inner positions are states
 *     too: a scan stops at an inner state already known, and each inner state is marked failed when
 *     given back, so a run is never rescanned from a position it was known from.</li>
 * <li><b>Lookarounds</b> are sub-programs with a memo of their own that also records success.
 *     Whether a lookahead's body matches from a state does not depend on where the lookahead
 *     started, so one memo serves every position; on success the states of the successful path are
 *     marked succeeded (a later evaluation that reaches one succeeds at once). A lookbehind must be of
 *     bounded length L; its body is run from each start up to L code points back and must end exactly
 *     at the position, with a memo per evaluation.</li>
 * <li><b>Memo only when it pays.</b> Most starts need a few steps (a token), where reading and
 *     writing marks would cost more than it saves; so each start is first searched without the memo
 *     within a budget of O(m) steps (instructions and code points scanned), and only a start that runs
 *     out is searched again with it. After such a start, the next ones go straight to the memo, twice as
 *     many each time it happens again, so hostile text does not pay the budget at every position.
 *     Without memo the search is plain backtracking: the same first match, since the state graph has no
 *     cycles (positions never decrease, and empty-checked loops consume before they return).</li>
 * <li><b>Atomic groups and possessive repeats</b> of more than one class push a barrier; at the
 *     group's end the choice points above it are dropped and the states of the path through the group
 *     are marked committed at the group's nesting level. Reaching a committed state again means this
 *     entry into the group would commit to the same end and fail the same way, so the whole entry
 *     fails (a cut to its barrier). A possessive repeat of one class is a deterministic scan.</li>
 * </ul>
 *
 * <h2>Bounds</h2>
 * Let m be the program size (instructions, with bounded repetitions expanded and each bounded
 * one-class repetition counted by its maximum), d the nesting depth of empty-checked loops, a the
 * nesting depth of atomic groups and n the length of the haystack. A start's memo-less attempt costs
 * at most its O(m) budget. With the memo, each state is expanded at most once per memo (plus once more
 * at each match end), and an expansion costs O(1) amortized: a state
 * without a memo slot has one predecessor state, so it is expanded no more often than that
 * predecessor; a one-class run's scan and give-back steps each mark a new inner state, or are bounded
 * by the repetition's maximum; marking a path on commit or success touches each path state at most
 * a + 1 times. So {@link #findAll} over the whole haystack takes O(n · m · (d + 1) · (a + 1)) time for
 * the pattern and its lookaheads, plus O(n · L · m) for each lookbehind of length at most L: linear
 * in the text for a given pattern, whatever the pattern. Nothing recurses per text position; only a
 * lookaround nested in a lookaround recurses, as deep as the pattern nests them. Memory is the memo
 * window (the positions between the current start and the furthest position explored, times the
 * states, in bits: 1 per state, 2 in lookarounds, a few more with atomic groups) plus the choice
 * point stack, both O(n · m) in the worst case and a few tokens long for tokenizer patterns on text.
 * Patterns are limited ({@link Compiler#MAX_SIZE}, {@link Parser#MAX_NESTING},
 * {@link Parser#MAX_REPEAT}) and refused beyond, with a clear error.
 *
 * <h2>Why not {@code java.util.regex}</h2>
 * It knows Unicode 13 on Java 17 (letters added since, such as CJK Extension H, Kawi or Garay, would
 * be classified wrong and the ids would differ from the reference tokenizers), its {@code \s} and
 * {@code \w} need a flag to be Unicode, and it backtracks without memoization, so some patterns take
 * exponential time or overflow the stack on long inputs.
 */
public final class Regex {
    private final String pattern;
    private final Compiler.Compiled compiled;

    private Regex(String pattern, Compiler.Compiled compiled) {
        this.pattern = pattern;
        this.compiled = compiled;
    }

    /**
     * Compiles a pattern.
     *
     * <pre>
     * Regex.compile("\\s+(?!\\S)|\\s+")      // fine
     * Regex.compile("(?&lt;word&gt;\\w+)")    // RegexSyntaxException: named group (?&lt;name&gt;...) is not supported, at index 0 …
     * </pre>
     *
     * @throws RegexSyntaxException if the pattern is malformed, uses a construct outside the supported
     *                              subset, or is too large
     */
    public static Regex compile(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        return new Regex(pattern, Compiler.compile(pattern));
    }

    /** The pattern as given to {@link #compile}. */
    public String pattern() {
        return pattern;
    }

    /**
     * Whether the pattern may match the empty string somewhere (conservative: a lookaround or an optional part
     * may say yes where no text gives an empty match). An empty match splits a Hugging Face {@code Split}'s
     * text where a tiktoken-style pre-tokenizer skips it, so callers that rely on the two agreeing ask this.
     */
    public boolean mayMatchEmpty() {
        return compiled.mayMatchEmpty();
    }

    /** A match: UTF-16 indexes {@code [start, end)} into the text searched. */
    public record Match(int start, int end) {
    }

    /** Receives matches from {@link #findAll(CharSequence, int, int, MatchSink)}. */
    @FunctionalInterface
    public interface MatchSink {
        /** One match; returns {@code false} to stop the search. */
        boolean match(int start, int end);
    }

    /**
     * The leftmost-first match in {@code text}, if any.
     *
     * <pre>
     * Regex.compile("a+|b").find("xxbaa")   →  Optional[Match[start=2, end=3]]
     * </pre>
     */
    public Optional<Match> find(CharSequence text) {
        return find(text, 0, text.length());
    }

    /**
     * The leftmost-first match in {@code text[from, to)}, which is the whole haystack: {@code \A},
     * {@code ^} and lookbehinds do not see before {@code from}; {@code \z}, {@code $} and lookaheads do
     * not see past {@code to}.
     */
    public Optional<Match> find(CharSequence text, int from, int to) {
        Objects.checkFromToIndex(from, to, text.length());
        Searcher searcher = new Searcher(compiled);
        searcher.reset(text, from, to);
        long m = searcher.search(from);
        return m < 0 ? Optional.empty() : Optional.of(new Match((int) (m >>> 32), (int) m));
    }

    /**
     * Every non-overlapping match in {@code text}, in order, as Rust's {@code find_iter} yields them.
     *
     * <pre>
     * Regex.compile("a*").findAll("baa")   →  [Match[start=0, end=0], Match[start=1, end=3]]
     * </pre>
     */
    public List<Match> findAll(CharSequence text) {
        List<Match> out = new ArrayList<>();
        findAll(text, 0, text.length(), (s, e) -> out.add(new Match(s, e)));
        return out;
    }

    /**
     * Every non-overlapping match in the haystack {@code text[from, to)}, in order, to {@code sink}.
     * After an empty match the search resumes one code point later; an empty match where the previous
     * match ended is not reported.
     *
     * @return {@code false} if the sink stopped the search
     */
    public boolean findAll(CharSequence text, int from, int to, MatchSink sink) {
        return findAll(text, from, to, sink, false);
    }

    /** {@link #findAll(CharSequence, int, int, MatchSink)}; {@code memoAlways} for tests, see {@link Searcher}. */
    boolean findAll(CharSequence text, int from, int to, MatchSink sink, boolean memoAlways) {
        Objects.checkFromToIndex(from, to, text.length());
        Searcher searcher = new Searcher(compiled, memoAlways);
        searcher.reset(text, from, to);
        int pos = from;
        int lastEnd = -1;
        while (pos <= to) {
            long m = searcher.search(pos);
            if (m < 0) {
                break;
            }
            int start = (int) (m >>> 32);
            int end = (int) m;
            if (start == end) {
                int next = end < to ? nextCodePoint(text, end, to) : to + 1;
                if (end != lastEnd && !sink.match(start, end)) {
                    return false;
                }
                lastEnd = end;
                pos = next;
            } else {
                if (!sink.match(start, end)) {
                    return false;
                }
                lastEnd = end;
                pos = end;
            }
        }
        return true;
    }

    private static int nextCodePoint(CharSequence text, int pos, int limit) {
        if (Character.isHighSurrogate(text.charAt(pos)) && pos + 1 < limit && Character.isLowSurrogate(text.charAt(pos + 1))) {
            return pos + 2;
        }
        return pos + 1;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
