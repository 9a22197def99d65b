package dev.tokenlab.templates;

/**
 * A failure raised while evaluating, before the renderer knows where it happened: the kind Python would raise and
 * its message. The renderer turns it into a {@link TemplateException} at the innermost node being evaluated.
 */
final class PyError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final String kind;

    PyError(String kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    static PyError type(String message) {
        return new PyError("TypeError", message);
    }

    static PyError value(String message) {
        return new PyError("ValueError", message);
    }

    static PyError security(String message) {
        return new PyError("SecurityError", message);
    }

    static PyError limit(String message) {
        return new PyError("LimitExceeded", message);
    }
}
