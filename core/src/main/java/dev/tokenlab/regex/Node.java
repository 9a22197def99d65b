package dev.tokenlab.regex;

import java.util.List;

/**
 * The parsed pattern: what {@link Parser} produces and {@link Compiler} turns into a {@link Program}.
 * Groups leave no node of their own (captures are not reported), and case-insensitivity is already
 * applied (a literal under {@code (?i)} is a {@link Chars} set holding its whole case-folding orbit).
 */
sealed interface Node {

    /** Matches the empty string. */
    record Empty() implements Node {
    }

    /** One code point from a set: a literal, {@code .}, a class, {@code \w}, {@code \p{..}} … */
    record Chars(CodePointSet set) implements Node {
    }

    /** The items one after another. */
    record Concat(List<Node> items) implements Node {
    }

    /** Alternatives in order of preference (leftmost-first). */
    record Alt(List<Node> alternatives) implements Node {
    }

    /** {@code body{min,max}}; {@code max == -1} is unbounded. {@code at}: index in the pattern. */
    record Repeat(Node body, int min, int max, Greed greed, int at) implements Node {
    }

    /** Lookahead or lookbehind, positive or negative. {@code at}: index in the pattern. */
    record Look(Node body, boolean behind, boolean negate, int at) implements Node {
    }

    /** {@code (?>body)}: the body's first match, never backtracked into. */
    record Atomic(Node body) implements Node {
    }

    /** A zero-width test of the position: an {@link Anchor}. */
    record Assertion(Anchor anchor) implements Node {
    }

    /** How a repetition chooses: as many as possible, as few as possible, or as many and never fewer. */
    enum Greed {
        GREEDY, LAZY, POSSESSIVE
    }

    /** The anchors and boundaries. */
    enum Anchor {
        /** {@code ^}, {@code \A}: the start of the haystack. */
        TEXT_START,
        /** {@code $}, {@code \z}: the end of the haystack (Rust's meaning of {@code $}). */
        TEXT_END,
        /** {@code \Z}: the end, or before a final {@code \n}. */
        TEXT_END_BEFORE_NEWLINE,
        /** {@code \b}: between a {@code \w} and a non-{@code \w} (the haystack's ends are non-word). */
        WORD_BOUNDARY,
        /** {@code \B}. */
        NOT_WORD_BOUNDARY
    }
}
