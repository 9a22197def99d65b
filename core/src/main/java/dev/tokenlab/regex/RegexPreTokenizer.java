package dev.tokenlab.regex;

import dev.tokenlab.pretokenize.PreTokenizer;

/**
 * A pre-tokenizer for any tiktoken or Hugging Face split pattern, on core's own {@link Regex}: pieces
 * are the pattern's matches as tiktoken's {@code find_iter} yields them, and text that no alternative
 * matches is skipped (none of the bundled patterns skips any). Empty matches make no piece.
 *
 * <pre>
 * new RegexPreTokenizer(Cl100kScanner.LLAMA3_PATTERN).split("Hello world", 0, 11, sink)
 *     →  sink gets [0, 5) "Hello", [5, 11) " world"
 * </pre>
 *
 * <p>Why not {@code java.util.regex}: its classes are the JVM's Unicode (13.0 on Java 17), so text with
 * letters assigned since would split differently from tiktoken and Hugging Face; here the classes are
 * Unicode 16.0, {@code $} is the end of the text (Rust's meaning), {@code \s} is White_Space, and the
 * time is linear in the text whatever the pattern. The hand-written scanners
 * ({@code Cl100kScanner}, {@code O200kScanner}, {@code Gpt2Scanner}) are faster for their patterns and
 * are tested to split exactly as this does.
 */
public final class RegexPreTokenizer implements PreTokenizer {
    private final Regex regex;

    /**
     * @throws RegexSyntaxException if the pattern is outside the supported subset (see {@link Regex})
     */
    public RegexPreTokenizer(String pattern) {
        this.regex = Regex.compile(pattern);
    }

    @Override
    public String pattern() {
        return regex.pattern();
    }

    /** Whether the pattern may match the empty string ({@link Regex#mayMatchEmpty()}). */
    public boolean mayMatchEmpty() {
        return regex.mayMatchEmpty();
    }

    @Override
    public boolean split(CharSequence text, int from, int to, PieceSink sink) {
        return regex.findAll(text, from, to, (start, end) -> start == end || sink.piece(start, end));
    }
}
