package dev.anchorvec.conformance;

import java.util.Arrays;

/**
 * One named entry of a BXT1 file: a row-major array of {@code shape} whose {@code data} is a {@code float[]},
 * {@code double[]}, {@code int[]}, {@code long[]}, {@code byte[]} (unsigned bytes) or a {@link String}, by
 * {@code type}. Use {@link Bxt}'s typed accessors rather than casting {@code data}.
 */
public record BxtArray(String name, BxtType type, int[] shape, Object data) {

    /** Number of elements ({@code 1} for a 0-d array). */
    public int size() {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** Dimension {@code k} of the shape. */
    public int dim(int k) {
        return shape[k];
    }

    @Override
    public String toString() {
        return name + ": " + type + Arrays.toString(shape);
    }
}
