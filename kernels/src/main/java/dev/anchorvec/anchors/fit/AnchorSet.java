package dev.anchorvec.anchors.fit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A set of anchor shapes (width x height, pixels), sorted by area, smallest first: what anchor fitting returns
 * and what YOLO configurations list per level (YOLOv5: 9 anchors, 3 per level P3/P4/P5). Immutable.
 */
public final class AnchorSet {

    private final float[] widths;
    private final float[] heights;

    private AnchorSet(float[] widths, float[] heights) {
        this.widths = widths;
        this.heights = heights;
    }

    /**
     * Anchors from interleaved {@code w0, h0, w1, h1, ...}, sorted by area (ties by width).
     *
     * @throws IllegalArgumentException for an odd count, no anchors, or a size that is not finite and > 0
     */
    public static AnchorSet of(float... wh) {
        Objects.requireNonNull(wh, "wh");
        if (wh.length == 0 || wh.length % 2 != 0) {
            throw new IllegalArgumentException("wh must hold (width, height) pairs, at least one; got " + wh.length
                    + " values");
        }
        float[] w = new float[wh.length / 2], h = new float[wh.length / 2];
        for (int i = 0; i < w.length; i++) {
            w[i] = wh[2 * i];
            h[i] = wh[2 * i + 1];
        }
        return of(w, h);
    }

    /** Anchors from separate width and height arrays, sorted by area (ties by width). */
    public static AnchorSet of(float[] widths, float[] heights) {
        Objects.requireNonNull(widths, "widths");
        Objects.requireNonNull(heights, "heights");
        if (widths.length != heights.length || widths.length == 0) {
            throw new IllegalArgumentException("need as many widths as heights, at least one: " + widths.length
                    + " and " + heights.length);
        }
        Integer[] order = new Integer[widths.length];
        for (int i = 0; i < order.length; i++) {
            if (!(widths[i] > 0 && widths[i] < Float.POSITIVE_INFINITY && heights[i] > 0
                    && heights[i] < Float.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("anchor " + i + " must have a finite size > 0, got "
                        + widths[i] + " x " + heights[i]);
            }
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> {
            int c = Double.compare((double) widths[p] * heights[p], (double) widths[q] * heights[q]);
            return c != 0 ? c : Float.compare(widths[p], widths[q]);
        });
        float[] w = new float[order.length], h = new float[order.length];
        for (int i = 0; i < order.length; i++) {
            w[i] = widths[order[i]];
            h[i] = heights[order[i]];
        }
        return new AnchorSet(w, h);
    }

    /** YOLOv5's default anchors for P3/8, P4/16, P5/32 ({@code models/yolov5s.yaml}). */
    public static AnchorSet yolov5Default() {
        return of(10, 13, 16, 30, 33, 23, 30, 61, 62, 45, 59, 119, 116, 90, 156, 198, 373, 326);
    }

    /** Number of anchors. */
    public int size() {
        return widths.length;
    }

    /** Width of anchor {@code i} (by increasing area). */
    public float width(int i) {
        return widths[i];
    }

    /** Height of anchor {@code i}. */
    public float height(int i) {
        return heights[i];
    }

    /** A copy of the widths, by increasing area. */
    public float[] widths() {
        return widths.clone();
    }

    /** A copy of the heights, by increasing area. */
    public float[] heights() {
        return heights.clone();
    }

    float[] widthsArray() {
        return widths;
    }

    float[] heightsArray() {
        return heights;
    }

    /** Interleaved {@code w0, h0, w1, h1, ...}. */
    public float[] toArray() {
        float[] wh = new float[2 * widths.length];
        for (int i = 0; i < widths.length; i++) {
            wh[2 * i] = widths[i];
            wh[2 * i + 1] = heights[i];
        }
        return wh;
    }

    /**
     * The anchors of level {@code level} when split into {@code levels} equal groups by area (YOLOv5: 3 levels,
     * 3 anchors each, smallest on P3).
     *
     * @throws IllegalArgumentException if {@code levels} does not divide the anchor count
     */
    public AnchorSet level(int level, int levels) {
        if (levels < 1 || widths.length % levels != 0) {
            throw new IllegalArgumentException("levels (" + levels + ") must divide the anchor count ("
                    + widths.length + ")");
        }
        Objects.checkIndex(level, levels);
        int per = widths.length / levels;
        return new AnchorSet(Arrays.copyOfRange(widths, level * per, (level + 1) * per),
                Arrays.copyOfRange(heights, level * per, (level + 1) * per));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1fx%.1f", widths[i], heights[i]));
        }
        return "AnchorSet[" + sb + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AnchorSet a && Arrays.equals(a.widths, widths) && Arrays.equals(a.heights, heights);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(widths) + Arrays.hashCode(heights);
    }
}
