package dev.tokenlab.regex;

/**
 * A pattern that {@link Regex#compile} refuses: a syntax error, a construct outside the supported
 * subset (backreferences, named groups, conditionals …) or a pattern over the size limits. The
 * message is one line naming the problem and its index in the pattern:
 *
 * <pre>
 * Regex.compile("(a)\\1")  →  backreference \1 is not supported, at index 3 of pattern "(a)\1"
 * </pre>
 *
 * Why refuse rather than approximate: a tokenizer that silently matched differently would produce
 * wrong ids; a clear error at load time is the honest failure.
 */
public final class RegexSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String description;
    private final String pattern;
    private final int index;

    RegexSyntaxException(String description, String pattern, int index) {
        super(printable(description) + ", at index " + index + " of pattern \"" + printable(pattern) + "\"");
        this.description = printable(description);
        this.pattern = pattern;
        this.index = index;
    }

    /** What is wrong, without the position ("backreference \1 is not supported"). */
    public String description() {
        return description;
    }

    /** The pattern as given. */
    public String pattern() {
        return pattern;
    }

    /** The UTF-16 index in the pattern where the problem starts. */
    public int index() {
        return index;
    }

    /** Text on one line and not too long: control characters as {@code \n}, {@code \x{..}}. */
    private static String printable(String pattern) {
        StringBuilder sb = new StringBuilder(pattern.length());
        int shown = Math.min(pattern.length(), 200);
        for (int i = 0; i < shown; i++) {
            char c = pattern.charAt(i);
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c == 0x7F || c == 0x85 || c == 0x2028 || c == 0x2029) {
                sb.append(String.format("\\x{%X}", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (shown < pattern.length()) {
            sb.append("…");
        }
        return sb.toString();
    }
}
