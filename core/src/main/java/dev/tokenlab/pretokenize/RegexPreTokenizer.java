package dev.tokenlab.pretokenize;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pre-tokenizer for any tiktoken-style pattern, on {@code java.util.regex}.
 *
 * <p>The pattern is compiled with {@link Pattern#UNICODE_CHARACTER_CLASS}, without which {@code \s}
 * misses U+3000 and other Unicode spaces that Rust's regex counts; {@code $} is read as the end of the
 * text ({@code \z}), as in Rust, not "before a final newline" as Java reads it. Character classes come
 * from the JVM's Unicode tables (13.0 on Java 17), so text with characters assigned after that may
 * split differently from tiktoken; {@link Cl100kScanner} does not have this limit.
 */
public final class RegexPreTokenizer implements PreTokenizer {
    private final String pattern;
    private final Pattern compiled;

    public RegexPreTokenizer(String tiktokenPattern) {
        this.pattern = tiktokenPattern;
        this.compiled = Pattern.compile(toJava(tiktokenPattern), Pattern.UNICODE_CHARACTER_CLASS);
    }

    /** Rewrites the few constructs whose meaning differs between Rust's regex and Java's. */
    static String toJava(String rust) {
        StringBuilder sb = new StringBuilder(rust.length() + 8);
        boolean inClass = false;
        for (int i = 0; i < rust.length(); i++) {
            char c = rust.charAt(i);
            if (c == '\\' && i + 1 < rust.length()) {
                sb.append(c).append(rust.charAt(++i));
            } else if (c == '[') {
                inClass = true;
                sb.append(c);
            } else if (c == ']') {
                inClass = false;
                sb.append(c);
            } else if (c == '$' && !inClass) {
                sb.append("\\z");
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Override
    public String pattern() {
        return pattern;
    }

    @Override
    public boolean split(CharSequence text, int from, int to, PieceSink sink) {
        Matcher m = compiled.matcher(text);
        m.region(from, to);
        m.useTransparentBounds(false);
        m.useAnchoringBounds(true);
        while (m.find()) {
            int s = m.start();
            int e = m.end();
            if (e > s && !sink.piece(s, e)) {
                return false;
            }
        }
        return true;
    }
}
