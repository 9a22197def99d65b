package dev.tokenlab.cli.render;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * How numbers are written in the outputs, one rule each, shared by the text, CSV and JSON forms:
 * counts with thousands separators, ratios rounded to 4 places, model scores exactly as stored.
 *
 * <pre>{@code
 * Numbers.grouped(131072);      // "131,072"
 * Numbers.decimal(2.22226);     // "2.2223"
 * Numbers.exact(-7.1302285f);   // "-7.1302285"
 * }</pre>
 */
public final class Numbers {
    private Numbers() {
    }

    /** {@code n} with thousands separators: {@code 131,072}. */
    public static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** {@code d} rounded to 4 decimal places, plain notation, no trailing zeros: {@code 4.8}, {@code 1.2346}, {@code 3}. */
    public static String decimal(double d) {
        BigDecimal b = BigDecimal.valueOf(d).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
        return b.scale() < 0 ? b.setScale(0).toPlainString() : b.toPlainString();
    }

    /**
     * {@code d} exactly as stored, for model scores and sums a reader may want to recompute: the
     * shortest decimal that reads back as the same {@code float} when {@code d} is one (a piece score,
     * {@code -7.1302285}), else as the same {@code double}; plain notation ({@code -1000000000.0}, not
     * {@code -1.0E9}). {@code d} must be finite.
     */
    public static String exact(double d) {
        String shortest = (double) (float) d == d ? Float.toString((float) d) : Double.toString(d);
        String plain = new BigDecimal(shortest).toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    /** A size on disk for people: {@code 4.7 GB}, {@code 512 MB}, {@code 12 KB}, {@code 100 B} (powers of 1000). */
    public static String bytes(long n) {
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        double v = n;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return u == 0 ? n + " B" : String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }
}
