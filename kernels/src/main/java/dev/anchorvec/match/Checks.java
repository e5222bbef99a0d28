package dev.anchorvec.match;

/** Argument checks of this package: each names the argument, and all run before anything is written. */
final class Checks {

    private Checks() {}

    static void range(String name, int from, int to, int length) {
        if (from < 0 || from > to || to > length) {
            throw new IllegalArgumentException(name + " range [" + from + ", " + to + ") is not within [0, "
                    + length + "]");
        }
    }

    static void room(String name, int length, int offset, long needed) {
        if (offset < 0) {
            throw new IllegalArgumentException(name + " offset must be >= 0, got " + offset);
        }
        if (offset + needed > length) {
            throw new IllegalArgumentException(name + ".length " + length + " is too small: needs " + offset
                    + " + " + needed);
        }
    }

    static void nonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
    }

    static double notNaN(String name, double value) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException(name + " must not be NaN");
        }
        return value;
    }

    static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, got " + value);
        }
        return value;
    }

    /** A row-major {@code rows x cols} matrix at {@code offset}, with no NaN element (named by its index). */
    static void matrix(String name, float[] q, int offset, int rows, int cols) {
        room(name, q.length, offset, (long) rows * cols);
        for (int r = 0; r < rows; r++) {
            int base = offset + r * cols;
            for (int c = 0; c < cols; c++) {
                if (Float.isNaN(q[base + c])) {
                    throw new IllegalArgumentException(name + "[" + r + ", " + c + "] is NaN");
                }
            }
        }
    }
}
