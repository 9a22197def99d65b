package dev.tokenlab.json;

import java.util.Objects;

/**
 * A JSON number, kept as its literal text so nothing is lost (a 30-digit integer, {@code 1.10},
 * {@code -0}); converted on request, with exact range checks. A literal without fraction or exponent
 * is an integer, as in serde_json: {@code 1.0} is not one, and asking it for an int is an error.
 *
 * <pre>{@code
 * JsonNumber n = (JsonNumber) JsonReader.parse("151643".getBytes(UTF_8), "x.json");
 * n.isIntegral();   // true
 * n.asInt();        // 151643
 * n.asDouble();     // 151643.0
 * n.text();         // "151643"
 * }</pre>
 *
 * <p>The conversions of a number on its own cannot name where it was; its errors have the source
 * {@code JSON number}. The typed accessors of {@link JsonObject} and {@link JsonArray} make the same
 * checks and name the source and the JSON path instead.
 */
public final class JsonNumber implements JsonValue {
    /** Integers of up to this many digits are kept as a {@code long} and written back on request. */
    static final int LONG_DIGITS = 18;

    private static final String ALONE = "JSON number";

    /** The literal, or null when it is exactly {@code Long.toString(value)}. */
    private final String text;
    private final long value;
    private final boolean integral;

    private JsonNumber(String text, long value, boolean integral) {
        this.text = text;
        this.value = value;
        this.integral = integral;
    }

    /** An integer literal that {@code Long.toString(value)} writes (so not {@code -0}). */
    static JsonNumber ofLong(long value) {
        return new JsonNumber(null, value, true);
    }

    /** Any literal the JSON grammar allows; {@code integral} when it has no fraction and no exponent. */
    static JsonNumber ofLiteral(String text, boolean integral) {
        return new JsonNumber(Objects.requireNonNull(text, "text"), 0, integral);
    }

    /** The literal as the input wrote it. */
    public String text() {
        return text != null ? text : Long.toString(value);
    }

    /** Whether the literal is an integer: no fraction, no exponent ({@code 10} yes, {@code 1e1} and {@code 10.0} no). */
    public boolean isIntegral() {
        return integral;
    }

    /** The value as an int; an error unless it is an integer from -2147483648 to 2147483647. */
    public int asInt() {
        String problem = intProblem();
        if (problem != null) {
            throw JsonException.of(ALONE, problem);
        }
        return (int) longValue();
    }

    /** The value as a long; an error unless it is an integer from -9223372036854775808 to 9223372036854775807. */
    public long asLong() {
        String problem = longProblem();
        if (problem != null) {
            throw JsonException.of(ALONE, problem);
        }
        return longValue();
    }

    /**
     * The nearest double; an error when the literal is beyond the range of a double ({@code 1e400}). A
     * literal too small to tell from zero ({@code 1e-400}) is 0.
     */
    public double asDouble() {
        double d = doubleValue();
        if (Double.isInfinite(d)) {
            throw JsonException.of(ALONE, doubleProblem());
        }
        return d;
    }

    /** Why {@link #asInt()} fails, or null when it does not. */
    String intProblem() {
        if (!integral) {
            return "expected an integer, found the number " + Text.cut(text());
        }
        if (text != null && !fitsLong()) {
            return "expected an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ", found the number " + Text.cut(text);
        }
        long v = longValue();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            return "expected an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ", found the number " + Text.cut(text());
        }
        return null;
    }

    /** Why {@link #asLong()} fails, or null when it does not. */
    String longProblem() {
        if (!integral) {
            return "expected an integer, found the number " + Text.cut(text());
        }
        if (text != null && !fitsLong()) {
            return "expected an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE + ", found the number " + Text.cut(text);
        }
        return null;
    }

    /** What {@link #asDouble()} says when the literal is beyond the range of a double. */
    String doubleProblem() {
        return "expected a number within the range of a double, found the number " + Text.cut(text());
    }

    /** The value of an integer that {@link #fitsLong()}. */
    long longValue() {
        return text == null ? value : Long.parseLong(text);
    }

    /** The nearest double (infinite when out of range). */
    double doubleValue() {
        return text == null ? (double) value : Double.parseDouble(text);
    }

    private boolean fitsLong() {
        // An integer literal is an optional '-' and digits without leading zeros, so its length decides
        // except at exactly 19 digits.
        int digits = text.length() - (text.charAt(0) == '-' ? 1 : 0);
        if (digits < 19) {
            return true;
        }
        if (digits > 19) {
            return false;
        }
        try {
            Long.parseLong(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Equal when the literals are equal: {@code 1}, {@code 1.0} and {@code 1e0} are three different numbers. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof JsonNumber other)) {
            return false;
        }
        if (text == null && other.text == null) {
            return value == other.value;
        }
        return text().equals(other.text());
    }

    @Override
    public int hashCode() {
        return text().hashCode();
    }

    /** The literal. */
    @Override
    public String toString() {
        return text();
    }
}
