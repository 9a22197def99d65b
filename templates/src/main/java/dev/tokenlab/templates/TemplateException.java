package dev.tokenlab.templates;

/**
 * A template that cannot be parsed or rendered: one line saying what and where.
 *
 * <p>{@link #kind()} is the name jinja2 (or Python under it) gives the same failure — {@code TemplateSyntaxError},
 * {@code TemplateError} for the template's own {@code raise_exception(msg)}, {@code UndefinedError},
 * {@code TypeError}, {@code SecurityError} — or {@code LimitExceeded} for the sandbox's limits;
 * {@link #reason()} is the message alone (for {@code raise_exception}, the template's own words), and
 * {@link #getMessage()} adds the kind and the line and column in the template source:
 * <pre>
 * TemplateError: Conversation roles must alternate user/assistant/user/assistant/... (line 19, column 12)
 * </pre>
 */
public final class TemplateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The failure's name as jinja2 or Python gives it; see {@link #kind()}. */
    private final String kind;
    /** The message without kind or position; see {@link #reason()}. */
    private final String reason;
    /** The 1-based line in the template source, 0 if unknown. */
    private final int line;
    /** The 1-based column in that line, 0 if unknown. */
    private final int column;

    TemplateException(String kind, String reason, int line, int column) {
        super(kind + ": " + reason + (line > 0 ? " (line " + line + ", column " + column + ")" : ""), null, false, false);
        this.kind = kind;
        this.reason = reason;
        this.line = line;
        this.column = column;
    }

    /** The kind of failure, named as jinja2 or Python names it ({@code TemplateError}, {@code TypeError} …). */
    public String kind() {
        return kind;
    }

    /** The message alone, without kind or position; for {@code raise_exception(msg)} exactly {@code msg}. */
    public String reason() {
        return reason;
    }

    /** The 1-based line in the template source (newlines normalized as jinja2 does), or 0 if unknown. */
    public int line() {
        return line;
    }

    /** The 1-based column in that line, or 0 if unknown. */
    public int column() {
        return column;
    }
}
