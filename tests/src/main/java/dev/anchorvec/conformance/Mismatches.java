package dev.anchorvec.conformance;

import java.util.Arrays;
import java.util.Optional;

/** Applies an {@link ElementRule} to a whole output and renders the failure block the runner prints. */
public final class Mismatches {

    /** How many mismatching elements a failure block lists. */
    public static final int SHOWN = 5;

    private Mismatches() {}

    /**
     * Compares {@code actual}, a row-major array of {@code shape}, element by element.
     *
     * @return empty if every element is accepted, else the output name, the mismatch count, the rule and the
     *         first {@link #SHOWN} mismatches with their index, expected and actual values
     */
    public static Optional<String> check(String output, float[] actual, int[] shape, ElementRule rule) {
        StringBuilder shown = new StringBuilder();
        int count = 0;
        for (int i = 0; i < actual.length; i++) {
            if (!rule.accepts(i, actual[i]) && count++ < SHOWN) {
                shown.append("\n    ").append(index(i, shape)).append(": expected ").append(rule.expected(i))
                        .append(", actual ").append(actual[i]);
            }
        }
        if (count == 0) {
            return Optional.empty();
        }
        return Optional.of(output + ": " + count + " of " + actual.length + " elements break the rule: "
                + rule.text() + shown + (count > SHOWN ? "\n    ..." : ""));
    }

    /** {@code [i0, i1, ...]} of flat index {@code flat} in a row-major array of {@code shape}. */
    static String index(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int k = shape.length - 1; k >= 0; k--) {
            idx[k] = flat % shape[k];
            flat /= shape[k];
        }
        return Arrays.toString(idx);
    }
}
