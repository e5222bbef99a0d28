package dev.anchorvec.tools.data;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Strict parsing of the numbers of text formats (YOLO labels, CSV, VOC XML): plain decimal notation with an
 * optional exponent. Unlike {@link Double#parseDouble} it rejects hexadecimal floats, a trailing {@code f} or
 * {@code d} and surrounding garbage, and a number written out that is too large for a double (such as
 * {@code 1e400}, which {@link Double#parseDouble} turns into infinity); {@code nan} and {@code inf} (any case, as
 * Python writes them) parse to NaN and infinity so that the callers' range checks report them precisely.
 */
final class Numbers {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private Numbers() {}

    /**
     * The value of {@code token}.
     *
     * @param what names the value in the message (for example {@code "width"})
     * @throws IllegalArgumentException with a message quoting the token when it is not a number or beyond the
     *                                  range of a double
     */
    static double parse(String token, String what) {
        String t = token.strip();
        if (DECIMAL.matcher(t).matches()) {
            double v = Double.parseDouble(t);
            if (Double.isInfinite(v)) {
                throw new IllegalArgumentException(tooLarge(what, t));
            }
            return v;
        }
        switch (t.toLowerCase(Locale.ROOT)) {
            case "nan", "+nan", "-nan" -> {
                return Double.NaN;
            }
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> throw new IllegalArgumentException(what + " is not a number: '" + shorten(t) + "'");
        }
    }

    /** The message for a number written out in full that is beyond the range of a double. */
    static String tooLarge(String what, String text) {
        return what + " is " + shorten(text) + ", beyond the largest number a double holds (" + Double.MAX_VALUE
                + ")";
    }

    /**
     * {@code hi - lo}, a box side from two corners.
     *
     * @throws IllegalArgumentException if {@code hi < lo} or the difference overflows, naming both corners
     */
    static double side(double hi, String hiName, double lo, String loName) {
        if (hi < lo) {
            throw new IllegalArgumentException(hiName + " (" + format(hi) + ") < " + loName + " (" + format(lo) + ")");
        }
        double d = hi - lo;
        if (Double.isInfinite(d)) {
            throw new IllegalArgumentException(hiName + " - " + loName + " overflows a double: " + hiName + " "
                    + format(hi) + ", " + loName + " " + format(lo));
        }
        return d;
    }

    /** {@code value} must be finite (a corner coordinate, which may be negative). */
    static double checkFinite(double value, String what) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException(what + " is NaN");
        }
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " is infinite");
        }
        return value;
    }

    /** {@code value} must be finite and >= 0 (a size or a normalised coordinate). */
    static void checkSize(double value, String what) {
        checkFinite(value, what);
        if (value < 0) {
            throw new IllegalArgumentException(what + " is negative (" + format(value) + ")");
        }
    }

    /** A number as a person wrote it: no trailing {@code .0}. */
    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
