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
        int previousEnd = -1;
        while (at <= text.length() && m.find(at)) {
            int start = m.start();
            int end = m.end();
            if (start == end && start == previousEnd) {
                // an empty match where the previous match ended is not taken (onig's and Rust regex's find_iter)
                if (start >= text.length()) {
                    break;
                }
                at = start + Character.charCount(text.codePointAt(start));
                continue;
            }
            sink.match(start, end);
            previousEnd = end;
            if (end == start) {
                if (end >= text.length()) {
                    break;
                }
                at = end + Character.charCount(text.codePointAt(end));
            } else {
                at = end;
            }
        }
    }

    @Override
    public String toString() {
        return source;
    }
}
