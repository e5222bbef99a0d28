package dev.anchorvec.loss;

import java.util.Objects;

/** Argument checks of the loss facades: each names the argument, and all run before anything is written. */
final class Checks {

    private Checks() {}

    static <T> T notNull(T value, String name) {
        return Objects.requireNonNull(value, name);
    }

    /** Checks {@code rows >= 0}, {@code cols >= 1} and that {@code rows * cols} fits an int. */
    static int shape(int rows, int cols, String rowsName, String colsName) {
        if (rows < 0) {
            throw new IllegalArgumentException(rowsName + " must be >= 0, got " + rows);
        }
        if (cols < 1) {
            throw new IllegalArgumentException(colsName + " must be >= 1, got " + cols);
        }
        long size = (long) rows * cols;
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(rowsName + " * " + colsName + " = " + size + " is too large");
        }
        return (int) size;
    }

    /** Checks that {@code array} (if not null, or always if {@code required}) has at least {@code needed} elements. */
    static void length(String name, float[] array, long needed, boolean required) {
        if (array == null) {
            if (required) {
                throw new NullPointerException(name);
            }
            return;
        }
        if (array.length < needed) {
            throw new IllegalArgumentException(name + ".length " + array.length + " is too small: needs " + needed);
        }
    }

    static void length(String name, int[] array, long needed) {
        Objects.requireNonNull(array, name);
        if (array.length < needed) {
            throw new IllegalArgumentException(name + ".length " + array.length + " is too small: needs " + needed);
        }
    }

    /** Checks a divisor for {@code normalized}: finite and > 0. */
    static double divisor(double divisor) {
        if (!(divisor > 0) || Double.isInfinite(divisor)) {
            throw new IllegalArgumentException("divisor must be finite and > 0, got " + divisor);
        }
        return divisor;
    }

    static Reduction reduced(Reduction reduction) {
        Objects.requireNonNull(reduction, "reduction");
        if (reduction == Reduction.NONE) {
            throw new IllegalArgumentException("reduction must be MEAN or SUM here (NONE: use elementwise)");
        }
        return reduction;
    }

    /** Checks that {@code matches} (per-anchor codes, >= 0 positive) are all >= -2. */
    static int positives(int[] matches, int n) {
        return positives(matches, 0, n);
    }

    /**
     * Checks that {@code matches[offset, offset + n)} are all >= -2 (an error names the absolute index).
     *
     * @return the number of positive codes ({@code >= 0})
     */
    static int positives(int[] matches, int offset, int n) {
        int count = 0;
        for (int i = offset; i < offset + n; i++) {
            int m = matches[i];
            if (m < Labels.IGNORE) {
                throw new IllegalArgumentException("matches[" + i + "] = " + m
                        + " is below -2 (>= 0 positive, -1 background, -2 ignore)");
            }
            count += m >= 0 ? 1 : 0;
        }
        return count;
    }

    /** Checks that {@code array[offset, offset + needed)} exists, naming the array. */
    static void room(String name, int length, int offset, long needed) {
        if (offset < 0) {
            throw new IllegalArgumentException(name + " offset must be >= 0, got " + offset);
        }
        if (needed < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + needed);
        }
        if (offset + needed > length) {
            throw new IllegalArgumentException(name + ".length " + length + " is too small: needs " + offset + " + "
                    + needed);
        }
    }

    /**
     * Checks the arguments of a per-anchor box loss: {@code pred} and {@code target} of {@code 4n} floats,
     * {@code matches} of {@code n} codes {@code >= -2}, {@code grad} (if not null) of {@code 4n}.
     *
     * @return the number of positive anchors
     */
    static int boxLoss(float[] pred, float[] target, int[] matches, int n, float[] grad) {
        shape(n, 4, "n", "4");
        length("pred", pred, 4L * n, true);
        length("target", target, 4L * n, true);
        length("matches", matches, n);
        length("grad", grad, 4L * n, false);
        return positives(matches, n);
    }

    /**
     * Checks the arguments of a classification loss with per-anchor labels: {@code logits} and {@code grad} (if
     * not null) of {@code n * c} floats, {@code labels} of {@code n} values in {@code [-2, c)}.
     *
     * @return {@code n * c}
     */
    static int labelled(float[] logits, int[] labels, int n, int c, float[] grad) {
        int size = shape(n, c, "n", "c");
        length("logits", logits, size, true);
        length("labels", labels, n);
        length("grad", grad, size, false);
        Labels.check(labels, n, c);
        return size;
    }
}
