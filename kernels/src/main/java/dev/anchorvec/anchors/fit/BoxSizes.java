package dev.anchorvec.anchors.fit;

import java.util.Arrays;
import java.util.Objects;

/**
 * The widths and heights of a dataset's labelled boxes, in pixels of the training image size: the input of
 * anchor fitting. Planar (two {@code float[]}), so the fitting kernels read consecutive boxes with one vector
 * load. Immutable.
 */
public final class BoxSizes {

    private final float[] widths;
    private final float[] heights;

    private BoxSizes(float[] widths, float[] heights) {
        this.widths = widths;
        this.heights = heights;
    }

    /**
     * Copies the given sizes.
     *
     * @throws IllegalArgumentException if the arrays differ in length or a size is not finite and > 0 (the
     *                                  message names the index)
     */
    public static BoxSizes of(float[] widths, float[] heights) {
        Objects.requireNonNull(widths, "widths");
        Objects.requireNonNull(heights, "heights");
        if (widths.length != heights.length) {
            throw new IllegalArgumentException("widths.length (" + widths.length + ") != heights.length ("
                    + heights.length + ")");
        }
        for (int i = 0; i < widths.length; i++) {
            if (!(widths[i] > 0 && widths[i] < Float.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("widths[" + i + "] must be finite and > 0, got " + widths[i]);
            }
            if (!(heights[i] > 0 && heights[i] < Float.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("heights[" + i + "] must be finite and > 0, got " + heights[i]);
            }
        }
        return new BoxSizes(widths.clone(), heights.clone());
    }

    /** Number of boxes. */
    public int size() {
        return widths.length;
    }

    /** Width of box {@code i}. */
    public float width(int i) {
        return widths[i];
    }

    /** Height of box {@code i}. */
    public float height(int i) {
        return heights[i];
    }

    /** A copy of the widths. */
    public float[] widths() {
        return widths.clone();
    }

    /** A copy of the heights. */
    public float[] heights() {
        return heights.clone();
    }

    /** The backing widths, for the kernels of this package (never modified). */
    float[] widthsArray() {
        return widths;
    }

    /** The backing heights, for the kernels of this package (never modified). */
    float[] heightsArray() {
        return heights;
    }

    /**
     * The boxes whose width and height are both at least {@code minSide}.
     *
     * @throws IllegalArgumentException if {@code minSide} is NaN
     */
    public BoxSizes withMinSide(float minSide) {
        return filter(minSide, true);
    }

    /**
     * The boxes with at least one side of {@code minSide} or more: YOLOv5's filter before k-means
     * ({@code wh[(wh >= 2.0).any(1)]}).
     *
     * @throws IllegalArgumentException if {@code minSide} is NaN
     */
    public BoxSizes withAnySideAtLeast(float minSide) {
        return filter(minSide, false);
    }

    private BoxSizes filter(float minSide, boolean both) {
        if (Float.isNaN(minSide)) {
            throw new IllegalArgumentException("minSide must not be NaN");
        }
        boolean[] keep = new boolean[widths.length];
        int n = 0;
        for (int i = 0; i < widths.length; i++) {
            boolean w = widths[i] >= minSide, h = heights[i] >= minSide;
            keep[i] = both ? w && h : w || h;
            n += keep[i] ? 1 : 0;
        }
        float[] w = new float[n], h = new float[n];
        for (int i = 0, j = 0; i < widths.length; i++) {
            if (keep[i]) {
                w[j] = widths[i];
                h[j++] = heights[i];
            }
        }
        return new BoxSizes(w, h);
    }

    /**
     * Every size multiplied by {@code factor} (for example {@code imgSize / max(imageWidth, imageHeight)}).
     *
     * @throws IllegalArgumentException unless {@code factor} is finite and > 0
     */
    public BoxSizes scaled(float factor) {
        if (!(factor > 0 && factor < Float.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("factor must be finite and > 0, got " + factor);
        }
        float[] w = widths.clone(), h = heights.clone();
        for (int i = 0; i < w.length; i++) {
            w[i] *= factor;
            h[i] *= factor;
        }
        return new BoxSizes(w, h);
    }

    @Override
    public String toString() {
        return "BoxSizes[" + widths.length + " boxes" + (widths.length > 0 ? ", first " + widths[0] + " x "
                + heights[0] : "") + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BoxSizes b && Arrays.equals(b.widths, widths) && Arrays.equals(b.heights, heights);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(widths) + Arrays.hashCode(heights);
    }
}
