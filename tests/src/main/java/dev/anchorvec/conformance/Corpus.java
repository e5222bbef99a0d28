package dev.anchorvec.conformance;

import dev.anchorvec.anchors.AnchorGrid;
import java.util.Arrays;
import java.util.List;

/** Readers for the corpus' recurring layouts, and comparisons shared by the anchor checkers. */
final class Corpus {

    private Corpus() {}

    /** {@code image_size} ({@code i64[2]}, height then width) as ints. */
    static int[] imageSize(Bxt c) {
        long[] v = (long[]) c.array("image_size", BxtType.I64, new int[] {2}).data();
        return new int[] {Math.toIntExact(v[0]), Math.toIntExact(v[1])};
    }

    /** An int64 {@code [L, 2]} array as {@code int[L][2]}. */
    static int[][] pairs(Bxt c, String name) {
        BxtArray a = c.array(name, BxtType.I64);
        if (a.shape().length != 2 || a.dim(1) != 2) {
            throw new IllegalArgumentException(c.source() + ": " + name + " must be [L, 2], is "
                    + Arrays.toString(a.shape()));
        }
        long[] v = (long[]) a.data();
        int[][] out = new int[a.dim(0)][];
        for (int l = 0; l < out.length; l++) {
            out[l] = new int[] {Math.toIntExact(v[2 * l]), Math.toIntExact(v[2 * l + 1])};
        }
        return out;
    }

    /** A ragged per-level list stored as {@code <name>_flat f64} and {@code <name>_count i64[L]}. */
    static double[][] ragged(Bxt c, String name, int levels) {
        double[] flat = c.doubles(name + "_flat");
        long[] count = c.longs(name + "_count");
        if (count.length != levels) {
            throw new IllegalArgumentException(c.source() + ": " + name + "_count has " + count.length
                    + " levels, expected " + levels);
        }
        double[][] out = new double[levels][];
        int k = 0;
        for (int l = 0; l < levels; l++) {
            out[l] = Arrays.copyOfRange(flat, k, k + Math.toIntExact(count[l]));
            k += out[l].length;
        }
        if (k != flat.length) {
            throw new IllegalArgumentException(c.source() + ": " + name + "_count sums to " + k + ", " + name
                    + "_flat has " + flat.length + " values");
        }
        return out;
    }

    /** {@code anchors_per_level} against {@link AnchorGrid#levelSize}. */
    static void compareLevelSizes(Bxt c, AnchorGrid grid, List<String> failures) {
        long[] expected = c.longs("anchors_per_level");
        long[] actual = new long[grid.levels()];
        for (int l = 0; l < actual.length; l++) {
            actual[l] = grid.levelSize(l);
        }
        if (!Arrays.equals(expected, actual)) {
            failures.add("anchors_per_level: anchorvec " + Arrays.toString(actual) + ", expected "
                    + Arrays.toString(expected));
        }
    }

    /** The cell anchors of all levels, concatenated, against {@code name} ({@code [sum A, 4]}), bit for bit. */
    static void compareCells(Bxt c, String name, AnchorGrid grid, String peer, List<String> failures) {
        float[] expected = c.floats(name);
        float[] actual = grid.levelList().stream().map(level -> level.cell())
                .reduce(new float[0], Corpus::concat);
        if (actual.length != expected.length) {
            failures.add(name + ": anchorvec has " + actual.length / 4 + " cell anchors, expected "
                    + expected.length / 4);
            return;
        }
        Mismatches.check(name, actual, c.array(name).shape(), new ExactRule(expected, peer)).ifPresent(failures::add);
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
