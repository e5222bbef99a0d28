package dev.anchorvec.anchors;

import java.util.Objects;

/**
 * Argument checks shared by the anchor configuration classes. Each names the argument (and the index within
 * it) in its {@link IllegalArgumentException}, and all run before anything is computed or written.
 */
final class AnchorChecks {

    private AnchorChecks() {}

    /** {@code value} must be finite and {@code > 0}. */
    static double positive(double value, String name) {
        if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
        }
        return value;
    }

    /** {@code value} must be {@code >= 1}. */
    static int positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
        return value;
    }

    /** {@code value} must be finite. */
    static double finite(double value, String name) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, got " + value);
        }
        return value;
    }

    /** A centre offset, a fraction of the stride or base size: finite and within {@code [0, 1]}. */
    static double offset(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be within [0, 1], got " + value);
        }
        return value;
    }

    /** A non-empty array whose every value is finite and {@code > 0}; returns a copy. */
    static double[] positive(double[] values, String name) {
        Objects.requireNonNull(values, name);
        if (values.length == 0) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] > 0 && values[i] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException(name + "[" + i + "] must be finite and > 0, got " + values[i]);
            }
        }
        return values.clone();
    }

    /** A non-empty array of levels, each a non-empty array of finite values {@code > 0}; returns a deep copy. */
    static double[][] positive(double[][] levels, String name) {
        Objects.requireNonNull(levels, name);
        if (levels.length == 0) {
            throw new IllegalArgumentException(name + " must hold at least one level");
        }
        double[][] copy = new double[levels.length][];
        for (int l = 0; l < levels.length; l++) {
            copy[l] = positive(levels[l], name + "[" + l + "]");
        }
        return copy;
    }

    /** Feature map sizes: a non-empty array of {@code {height, width}} pairs, each {@code >= 1}; a copy. */
    static int[][] grids(int[][] grids, String name) {
        Objects.requireNonNull(grids, name);
        if (grids.length == 0) {
            throw new IllegalArgumentException(name + " must hold at least one level");
        }
        int[][] copy = new int[grids.length][];
        for (int l = 0; l < grids.length; l++) {
            Objects.requireNonNull(grids[l], name + "[" + l + "]");
            if (grids[l].length != 2) {
                throw new IllegalArgumentException(name + "[" + l + "] must be {height, width}, has "
                        + grids[l].length + " values");
            }
            positive(grids[l][0], name + "[" + l + "][0] (height)");
            positive(grids[l][1], name + "[" + l + "][1] (width)");
            copy[l] = grids[l].clone();
        }
        return copy;
    }

    /** {@code actual} levels where {@code expected} are needed. */
    static void sameLevels(int expected, int actual, String name) {
        if (expected != actual) {
            throw new IllegalArgumentException(name + " has " + actual + " levels, expected " + expected);
        }
    }
}
