package dev.tokenlab.hf.pretokenizers;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code Regex} pattern of a {@code tokenizer.json}. TEMPORARY: java.util.regex with Unicode classes,
 * until core's own engine (Unicode 16, bounded time) replaces it.
 */
public final class RegexFinder implements Finder {
    private final Pattern pattern;
    private final String source;

    /** Compiles {@code regex}. */
    public RegexFinder(String regex) {
        this.source = regex;
        this.pattern = Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS);
    }

    @Override
    public void findAll(String text, MatchSink sink) {
        Matcher m = pattern.matcher(text);
        int at = 0;
        while (at <= text.length() && m.find(at)) {
            sink.match(m.start(), m.end());
            if (m.end() == m.start()) {
                if (m.end() >= text.length()) {
                    break;
                }
                at = m.end() + Character.charCount(text.codePointAt(m.end()));
            } else {
                at = m.end();
            }
        }
    }

    @Override
    public String toString() {
        return source;
    }
}
