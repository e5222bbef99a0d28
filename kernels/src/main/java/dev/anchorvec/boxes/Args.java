package dev.anchorvec.boxes;

import java.util.Objects;

/** Argument checks shared by the facades: each names the argument, and all run before anything is written. */
final class Args {

    private Args() {}

    static <T> T notNull(T value, String name) {
        return Objects.requireNonNull(value, name);
    }

    /** Checks {@code 0 <= from <= to <= size} for the boxes named {@code name}. */
    static void range(String name, int from, int to, int size) {
        if (from < 0 || from > to || to > size) {
            throw new IllegalArgumentException(name + " range [" + from + ", " + to + ") is not within [0, " + size
                    + "]");
        }
    }

    /** Checks that {@code array[offset, offset + needed)} exists. */
    static void room(String name, int length, int offset, long needed) {
        if (offset < 0) {
            throw new IllegalArgumentException(name + " offset must be >= 0, got " + offset);
        }
        if (offset + needed > length) {
            throw new IllegalArgumentException(name + ".length " + length + " is too small: needs " + offset + " + "
                    + needed);
        }
    }

    /** Checks a row-major {@code rows x cols} tile at {@code offset} with {@code rowStride} fits {@code length}. */
    static void matrix(String name, int length, int offset, int rows, int cols, int rowStride) {
        if (offset < 0) {
            throw new IllegalArgumentException(name + " offset must be >= 0, got " + offset);
        }
        if (rowStride < cols) {
            throw new IllegalArgumentException("rowStride (" + rowStride + ") must be >= the number of columns ("
                    + cols + ")");
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        long needed = (long) offset + (long) (rows - 1) * rowStride + cols;
        if (needed > length) {
            throw new IllegalArgumentException(name + ".length " + length + " is too small for " + rows + " x " + cols
                    + " values at offset " + offset + " with rowStride " + rowStride + ": needs " + needed);
        }
    }

    /** Checks that a threshold is not NaN. */
    static double threshold(double t, String name) {
        if (Double.isNaN(t)) {
            throw new IllegalArgumentException(name + " must not be NaN");
        }
        return t;
    }
}
