package dev.tokenlab.hf.pretokenizers;

/**
 * Finds the non-overlapping matches of a {@code Split} pattern in a text, left to right, as the Rust
 * library's {@code find_iter} gives them: after an empty match the search moves on by one code point,
 * and an empty match where the previous match ended is not taken ({@code x*} on {@code axxb} matches
 * at 0, 1..3 and 4, not at 3).
 * Immutable and thread-safe.
 */
public interface Finder {

    /** Receives one match {@code [start, end)} in UTF-16 offsets; may be empty. */
    @FunctionalInterface
    interface MatchSink {
        void match(int start, int end);
    }

    /** Passes every match in {@code text} to {@code sink}. */
    void findAll(String text, MatchSink sink);

    /** A literal string: its occurrences (an empty string matches between every two code points). */
    static Finder literal(String literal) {
        return (text, sink) -> {
            if (literal.isEmpty()) {
                for (int i = 0; i <= text.length(); ) {
                    sink.match(i, i);
                    if (i == text.length()) {
                        break;
                    }
                    i += Character.charCount(text.codePointAt(i));
                }
                return;
            }
            int at = text.indexOf(literal);
            while (at >= 0) {
                sink.match(at, at + literal.length());
                at = text.indexOf(literal, at + literal.length());
            }
        };
    }
}
