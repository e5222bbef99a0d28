package dev.anchorvec.match;

import dev.anchorvec.internal.Args;

/**
 * YOLOv5's target assignment ({@code utils/loss.py ComputeLoss.build_targets}) for one detection level. A gt
 * (normalised {@code cx, cy, w, h}, scaled to the level's grid in float32) matches an anchor (w, h in grid
 * units) if {@code max(r, 1/r) < anchorT} for both the width ratio and the height ratio. Each match yields the
 * gt's own cell and, with bias {@code g = 0.5}, the neighbour cells YOLOv5 adds: left if
 * {@code gx % 1 < 0.5 && gx > 1}, up if {@code gy % 1 < 0.5 && gy > 1}, right if {@code gxi % 1 < 0.5 && gxi > 1}
 * and down likewise, with {@code gxi = gridW - gx} - normally two neighbours, up to four when a centre lies
 * exactly on a cell corner. Cells are {@code (long)(gxy - offset)} clamped to the grid.
 *
 * <p>Output order is YOLOv5's: the five offset groups (own cell, left, up, right, down), each in anchor-major
 * then gt order. Scalar (a few operations per gt and anchor).
 *
 * <p><b>Validation.</b> Before anything is written: nulls, the rooms of the inputs (in {@code long}), every gt
 * value finite ({@link IllegalArgumentException} naming {@code gtXywh[i]}), every anchor size finite and
 * {@code > 0}, both grid sizes {@code >= 1}, and {@code 5 * gts * anchors <= } {@link #MAX_TARGETS} (so the count
 * is an int and a call is bounded: two passes of at most that many steps). The count is computed first; then the
 * outputs must each hold it and must not overlap one another (rejected, naming both).
 *
 * <p><b>Extreme input.</b> Any finite gt is accepted. A gt whose width or height is not {@code > 0} matches no
 * anchor (YOLOv5's ratio test would accept a negative size; its {@code -0.0} would match every anchor). A ratio
 * that overflows float is infinite and fails the test; centres far outside the image give cells clamped to the
 * grid. Every target holds a gt index, an anchor index and a cell of the grid.
 *
 * <p><b>Threads.</b> Immutable and thread-safe.
 */
public final class Yolov5Matcher {

    /** YOLOv5's neighbour bias {@code g}. */
    public static final float BIAS = 0.5f;
    private static final float[] OFF_X = {0, BIAS, 0, -BIAS, 0};
    private static final float[] OFF_Y = {0, 0, BIAS, 0, -BIAS};

    /**
     * The most candidate targets ({@code 5 * gts * anchors}) one call accepts: {@code 2^26}, for example 4.4
     * million gts against 3 anchors, far above any batch (YOLOv5 trains on a few thousand gts per level).
     */
    public static final int MAX_TARGETS = 1 << 26;

    private final double anchorT;

    /**
     * A matcher with the ratio threshold {@code anchorT} (YOLOv5's {@code hyp['anchor_t']}, 4.0).
     *
     * @throws IllegalArgumentException if {@code anchorT} is not finite or not above 1
     */
    public Yolov5Matcher(double anchorT) {
        Args.finite(anchorT, "anchorT");
        if (!(anchorT > 1)) {
            throw new IllegalArgumentException("anchorT must be > 1, got " + anchorT);
        }
        this.anchorT = anchorT;
    }

    /** YOLOv5's defaults: {@code anchor_t = 4.0}. */
    public static Yolov5Matcher defaults() {
        return new Yolov5Matcher(4.0);
    }

    /**
     * The most targets one level can yield: 5 cells per (gt, anchor) pair, for sizing the outputs.
     *
     * @throws IllegalArgumentException if a count is negative or the product exceeds {@link #MAX_TARGETS}
     */
    public static int maxTargets(int gts, int anchors) {
        Args.count(gts, "gts");
        Args.count(anchors, "anchors");
        return Args.allocation(5 * (long) gts * anchors, MAX_TARGETS, "5 * gts * anchors");
    }

    /**
     * Matches {@code gts} boxes ({@code gtXywh[gtOffset + 4 * t ...]}: normalised cx, cy, w, h) against
     * {@code anchors} anchors ({@code anchorWh[anchorOffset + 2 * a ...]}: w, h in grid units) on a
     * {@code gridW x gridH} level, writing target k's gt index, anchor index and cell to
     * {@code gtIndex/anchorIndex/cellX/cellY[outOffset + k]}.
     *
     * @return the number of targets written
     * @throws IllegalArgumentException if an array is too short (the outputs must hold the count, computed
     *                                  first), a gt value is not finite, a grid size is not positive, an anchor
     *                                  size is not positive and finite, {@code 5 * gts * anchors} exceeds
     *                                  {@link #MAX_TARGETS}, or two outputs overlap; nothing is written then
     */
    public int match(float[] gtXywh, int gtOffset, int gts, float[] anchorWh, int anchorOffset, int anchors,
                     int gridW, int gridH, int[] gtIndex, int[] anchorIndex, int[] cellX, int[] cellY,
                     int outOffset) {
        Args.notNull(gtXywh, "gtXywh");
        Args.notNull(anchorWh, "anchorWh");
        Args.notNull(gtIndex, "gtIndex");
        Args.notNull(anchorIndex, "anchorIndex");
        Args.notNull(cellX, "cellX");
        Args.notNull(cellY, "cellY");
        Args.count(gts, "gts");
        Args.count(anchors, "anchors");
        Args.room(gtOffset, 4L * gts, gtXywh.length, "gtXywh");
        Args.room(anchorOffset, 2L * anchors, anchorWh.length, "anchorWh");
        Args.positive(gridW, "gridW");
        Args.positive(gridH, "gridH");
        maxTargets(gts, anchors);
        Args.finite(gtXywh, gtOffset, 4 * gts, "gtXywh");
        for (int k = 0; k < 2 * anchors; k++) {
            float v = anchorWh[anchorOffset + k];
            if (!(v > 0 && v < Float.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("anchorWh[" + (anchorOffset + k) + "] = " + v
                        + " must be positive and finite");
            }
        }
        int count = run(gtXywh, gtOffset, gts, anchorWh, anchorOffset, anchors, gridW, gridH, null, null, null, null,
                0);
        Args.room(outOffset, count, gtIndex.length, "gtIndex");
        Args.room(outOffset, count, anchorIndex.length, "anchorIndex");
        Args.room(outOffset, count, cellX.length, "cellX");
        Args.room(outOffset, count, cellY.length, "cellY");
        // Each output is written at the same indices: any two that are the same array would overwrite each other.
        Args.disjoint(gtIndex, outOffset, count, "gtIndex", anchorIndex, outOffset, count, "anchorIndex");
        Args.disjoint(gtIndex, outOffset, count, "gtIndex", cellX, outOffset, count, "cellX");
        Args.disjoint(gtIndex, outOffset, count, "gtIndex", cellY, outOffset, count, "cellY");
        Args.disjoint(anchorIndex, outOffset, count, "anchorIndex", cellX, outOffset, count, "cellX");
        Args.disjoint(anchorIndex, outOffset, count, "anchorIndex", cellY, outOffset, count, "cellY");
        Args.disjoint(cellX, outOffset, count, "cellX", cellY, outOffset, count, "cellY");
        return run(gtXywh, gtOffset, gts, anchorWh, anchorOffset, anchors, gridW, gridH, gtIndex, anchorIndex, cellX,
                cellY, outOffset);
    }

    /** Counts the targets (outputs null) or writes them. */
    private int run(float[] g, int go, int gts, float[] aw, int ao, int anchors, int gridW, int gridH, int[] gi,
                    int[] ai, int[] cx, int[] cy, int out) {
        float gainX = gridW, gainY = gridH, t = (float) anchorT;
        int k = 0;
        for (int off = 0; off < 5; off++) {
            for (int a = 0; a < anchors; a++) {
                float anchorW = aw[ao + 2 * a], anchorH = aw[ao + 2 * a + 1];
                for (int j = 0; j < gts; j++) {
                    int b = go + 4 * j;
                    float gx = g[b] * gainX, gy = g[b + 1] * gainY;
                    float rw = g[b + 2] * gainX / anchorW, rh = g[b + 3] * gainY / anchorH;
                    // A size that is not > 0 matches nothing (YOLOv5's test alone accepts a negative one).
                    if (!(rw > 0 && rh > 0 && Math.max(rw, 1 / rw) < t && Math.max(rh, 1 / rh) < t)) {
                        continue;
                    }
                    if (!useOffset(off, gx, gy, gainX - gx, gainY - gy)) {
                        continue;
                    }
                    if (gi != null) {
                        gi[out + k] = j;
                        ai[out + k] = a;
                        cx[out + k] = clamp((long) (gx - OFF_X[off]), gridW - 1);
                        cy[out + k] = clamp((long) (gy - OFF_Y[off]), gridH - 1);
                    }
                    k++;
                }
            }
        }
        return k;
    }

    private static boolean useOffset(int off, float gx, float gy, float gxi, float gyi) {
        return switch (off) {
            case 0 -> true;
            case 1 -> near(gx);
            case 2 -> near(gy);
            case 3 -> near(gxi);
            default -> near(gyi);
        };
    }

    /** {@code v % 1 < g && v > 1}, with Python's (torch's) remainder. */
    private static boolean near(float v) {
        return v - (float) Math.floor(v) < BIAS && v > 1;
    }

    private static int clamp(long v, int max) {
        return (int) Math.max(0, Math.min(max, v));
    }
}
