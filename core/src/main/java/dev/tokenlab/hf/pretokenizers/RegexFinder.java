package dev.tokenlab.hf.pretokenizers;

import dev.tokenlab.regex.Regex;

/**
 * A {@code Regex} pattern of a {@code tokenizer.json}, on core's regex engine ({@link Regex}: Unicode
 * 16 classes as the Rust library's Oniguruma has them, leftmost-first, time linear in the text for any
 * pattern). Matches come as Rust's {@code find_iter} gives them: after an empty match the search moves
 * on one code point, and an empty match where the previous match ended is not taken.
 */
public final class RegexFinder implements Finder {
    private final Regex regex;

    /**
     * Compiles {@code pattern}.
     *
     * @throws dev.tokenlab.regex.RegexSyntaxException for a construct the engine does not support, naming it and its index
     */
    public RegexFinder(String pattern) {
        this.regex = Regex.compile(pattern);
    }

    @Override
    public void findAll(String text, MatchSink sink) {
        regex.findAll(text, 0, text.length(), (start, end) -> {
            sink.match(start, end);
            return true;
        });
    }

    @Override
    public String toString() {
        return regex.pattern();
    }
}
