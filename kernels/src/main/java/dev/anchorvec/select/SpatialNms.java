package dev.anchorvec.select;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.boxes.OverlapTest;

/**
 * Greedy NMS that sweeps a kept box only against its spatial neighbours, for thresholds {@code t >= 0}.
 *
 * <p><b>Why it is exact.</b> With {@code t >= 0} a pair suppresses only when its intersection is {@code > 0}
 * ({@link OverlapTest} requires it). So:
 * <ul>
 * <li>A box that is not finite with {@code x2 > x1} and {@code y2 > y1} is never suppressed and suppresses
 *     nothing: an empty or inverted box clamps every overlap to 0; NaN fails every comparison; an infinite
 *     coordinate makes its area, hence the union and {@code beta * union}, infinite (a finite intersection is
 *     below it) or the union NaN (an infinite intersection needs both areas infinite: inf - inf). Such boxes are
 *     kept when visited and not swept.</li>
 * <li>The other boxes are bucketed by centre into grid cells (one level of a loose grid per size class). A box
 *     that overlaps the kept box has its centre within its level's largest half-extent of the kept box's sides; one cell of margin on each side absorbs the
 *     rounding of the double cell arithmetic (far below a cell width, which is at least one float ulp of the
 *     extent over the grid size), so every cell that can hold a suppressed box is visited.</li>
 * <li>Within that range a cell whose bounding box (smallest x1/y1, largest x2/y2 of its boxes) does not overlap
 *     the kept box with positive width and height is skipped: if the cell's largest {@code x2 <= kx1}, every
 *     {@code min(x2, kx2) - max(x1, kx1)} is {@code <= 0} in float arithmetic (the argument of
 *     {@code BestIou}'s block culling).</li>
 * <li>Marking is order-free: a kept box's sweep marks every hit of its cells as removed. A hit ranked before the
 *     kept box is either already removed or already kept (then its decision is made), so only the visiting
 *     order decides, and that is the reference's. Hits are squeezed out of their cell (each box lives in one
 *     cell), so later sweeps read survivors only, as in {@link Nms#sweep}.</li>
 * </ul>
 */
final class SpatialNms {

    /**
     * Boxes per finest cell aimed at. Large: a cell's sweep is one call of the vector test plus a compaction
     * (~100 ns of fixed cost), so fewer, fuller cells beat finer culling (measured on the clustered workloads:
     * 24 per cell was slower than the plain scan at 512 bits, 512-1024 about 1.7x faster at 20000 boxes).
     */
    static final int PER_CELL = 1024;
    /** Largest side of the finest grid. */
    static final int MAX_GRID = 64;
    /** Most grid levels: sides MAX_GRID, MAX_GRID / 2, ..., 1. */
    static final int MAX_LEVELS = 7;
    /** Cells of all levels together, at most. */
    static final int MAX_CELLS = cells(MAX_GRID);
    /** Below this many candidates the plain sweep is faster (1000 clustered boxes: 45 us against 80 us). */
    static final int MIN_CANDIDATES = 2048;

    private SpatialNms() {}

    /** Cells of the levels below a finest grid of side g (each level halves the side, rounding up, down to 1). */
    private static int cells(int g) {
        int total = 0;
        for (int side = g; ; side = (side + 1) >> 1) {
            total += side * side;
            if (side == 1) {
                return total;
            }
        }
    }

    /**
     * Greedy NMS over the {@code m} candidates {@code c[0, m)} in visiting order ({@code order[p]} is the
     * original index of position p), {@code t >= 0}; appends the kept indices to {@code keep} from 0 and
     * returns their count. {@code perCell}: boxes per finest cell aimed at ({@link #PER_CELL}; tests pass small
     * values to get fine grids on small inputs).
     *
     * <p>Boxes sit in a hierarchy of square grids over the candidates' extent (a "loose" grid): level k has
     * cells {@code 2^k} times as wide as the finest, and a box goes to the finest level whose cell is at least
     * as large as its longer side, so within a level the half-extents, hence the cell margin a kept box must
     * visit, stay below one cell. A single grid would have to widen every visit by the largest box's half-extent.
     */
    static int run(Boxes c, int[] order, int m, double t, NmsWorkspace ws, int[] keep, int perCell) {
        float[] d = c.data();
        int p0 = c.plane(0), p1 = c.plane(1), p2 = c.plane(2), p3 = c.plane(3);
        double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        int live = 0;
        for (int p = 0; p < m; p++) {
            float x1 = d[p0 + p], y1 = d[p1 + p], x2 = d[p2 + p], y2 = d[p3 + p];
            if (sweepable(x1, y1, x2, y2)) {
                live++;
                minX = Math.min(minX, x1);
                minY = Math.min(minY, y1);
                maxX = Math.max(maxX, x2);
                maxY = Math.max(maxY, y2);
            }
        }
        double extent = Math.max(maxX - minX, maxY - minY);
        int g0 = (int) Math.max(1, Math.min(MAX_GRID, Math.sqrt((double) live / perCell)));
        int[] side = ws.levelSide, offset = ws.levelOffset;
        double[] scale = ws.levelScale, halfW = ws.levelHalfW, halfH = ws.levelHalfH;
        int levels = 0, cells = 0;
        for (int g = g0; ; g = (g + 1) >> 1) {
            side[levels] = g;
            offset[levels] = cells;
            // Cell width extent / g0 * 2^k; the last level (side 1) takes every box, whatever its size.
            scale[levels] = g0 / (extent * (1 << levels));
            halfW[levels] = 0;
            halfH[levels] = 0;
            cells += g * g;
            levels++;
            if (g == 1) {
                break;
            }
        }
        int[] cellOf = ws.keys, rank = ws.keys2, start = ws.cellStart, end = ws.cellEnd;
        float[] bounds = ws.cellBounds;
        java.util.Arrays.fill(start, 0, cells + 1, 0);
        double finest = extent / g0;
        for (int p = 0; p < m; p++) {
            float x1 = d[p0 + p], y1 = d[p1 + p], x2 = d[p2 + p], y2 = d[p3 + p];
            int cell = -1;
            if (sweepable(x1, y1, x2, y2)) {
                double w = (double) x2 - x1, h = (double) y2 - y1;
                int k = 0;
                for (double size = finest; k < levels - 1 && Math.max(w, h) > size; size *= 2) {
                    k++;
                }
                halfW[k] = Math.max(halfW[k], w * 0.5);
                halfH[k] = Math.max(halfH[k], h * 0.5);
                int g = side[k];
                int col = (int) Math.min(g - 1, (((double) x1 + x2) * 0.5 - minX) * scale[k]);
                int row = (int) Math.min(g - 1, (((double) y1 + y2) * 0.5 - minY) * scale[k]);
                cell = offset[k] + row * g + col;
                start[cell + 1]++;
            }
            cellOf[p] = cell;
        }
        for (int q = 0; q < cells; q++) {
            start[q + 1] += start[q];
            end[q] = start[q];
            bounds[4 * q] = Float.POSITIVE_INFINITY;
            bounds[4 * q + 1] = Float.POSITIVE_INFINITY;
            bounds[4 * q + 2] = Float.NEGATIVE_INFINITY;
            bounds[4 * q + 3] = Float.NEGATIVE_INFINITY;
        }
        Boxes cb = ws.cellBoxes;
        cb.resize(live);
        float[] e = cb.data();
        int q0 = cb.plane(0), q1 = cb.plane(1), q2 = cb.plane(2), q3 = cb.plane(3);
        for (int p = 0; p < m; p++) {
            int q = cellOf[p];
            if (q >= 0) {
                int at = end[q]++;
                float x1 = d[p0 + p], y1 = d[p1 + p], x2 = d[p2 + p], y2 = d[p3 + p];
                e[q0 + at] = x1;
                e[q1 + at] = y1;
                e[q2 + at] = x2;
                e[q3 + at] = y2;
                rank[at] = p;
                bounds[4 * q] = Math.min(bounds[4 * q], x1);
                bounds[4 * q + 1] = Math.min(bounds[4 * q + 1], y1);
                bounds[4 * q + 2] = Math.max(bounds[4 * q + 2], x2);
                bounds[4 * q + 3] = Math.max(bounds[4 * q + 3], y2);
            }
        }
        return greedy(c, order, m, t, ws, keep, levels, minX, minY);
    }

    /**
     * The greedy loop over the built grid; its own method so that the inlined vector sweep and compaction do
     * not share a compilation with the grid building (rule: one vector loop body per compiled method).
     */
    private static int greedy(Boxes c, int[] order, int m, double t, NmsWorkspace ws, int[] keep, int levels,
                              double minX, double minY) {
        float[] d = c.data();
        int p0 = c.plane(0), p1 = c.plane(1), p2 = c.plane(2), p3 = c.plane(3);
        int[] cellOf = ws.keys, rank = ws.keys2, start = ws.cellStart, end = ws.cellEnd;
        int[] side = ws.levelSide, offset = ws.levelOffset;
        double[] scale = ws.levelScale, halfW = ws.levelHalfW, halfH = ws.levelHalfH;
        float[] bounds = ws.cellBounds;
        Boxes cb = ws.cellBoxes;
        float[] e = cb.data();
        int q0 = cb.plane(0), q1 = cb.plane(1), q2 = cb.plane(2), q3 = cb.plane(3);
        long[] removed = ws.removed, bits = ws.bits;
        java.util.Arrays.fill(removed, 0, (m + 63) >>> 6, 0L);
        int kept = 0;
        for (int i = 0; i < m; i++) {
            if ((removed[i >>> 6] & (1L << i)) != 0) {
                continue;
            }
            keep[kept++] = order[i];
            if (cellOf[i] < 0) {
                continue;
            }
            float kx1 = d[p0 + i], ky1 = d[p1 + i], kx2 = d[p2 + i], ky2 = d[p3 + i];
            for (int k = 0; k < levels; k++) {
                int g = side[k];
                double s = scale[k];
                int c0 = clamp((kx1 - halfW[k] - minX) * s - 1, g), c1 = clamp((kx2 + halfW[k] - minX) * s + 1, g);
                int r0 = clamp((ky1 - halfH[k] - minY) * s - 1, g), r1 = clamp((ky2 + halfH[k] - minY) * s + 1, g);
                for (int row = r0; row <= r1; row++) {
                    for (int q = offset[k] + row * g + c0, last = offset[k] + row * g + c1; q <= last; q++) {
                        int from = start[q], to = end[q];
                        if (from == to || !(bounds[4 * q + 2] > kx1 && bounds[4 * q] < kx2
                                && bounds[4 * q + 3] > ky1 && bounds[4 * q + 1] < ky2)) {
                            continue;
                        }
                        if (OverlapTest.bitsAbove(kx1, ky1, kx2, ky2, cb, from, to, t, bits) > 0) {
                            markRemoved(bits, rank, from, to, removed);
                            end[q] = Nms.squeeze(e, q0, q1, q2, q3, rank, from, to, bits);
                        }
                    }
                }
            }
        }
        return kept;
    }

    /** Finite with positive width and height: the only boxes a sweep can hit for {@code t >= 0}. */
    private static boolean sweepable(float x1, float y1, float x2, float y2) {
        return x2 > x1 && y2 > y1 && x1 > Float.NEGATIVE_INFINITY && y1 > Float.NEGATIVE_INFINITY
                && x2 < Float.POSITIVE_INFINITY && y2 < Float.POSITIVE_INFINITY;
    }

    /** {@code floor(v)} clamped to a grid index; NaN or huge values land on the edges. */
    private static int clamp(double v, int g) {
        return (int) Math.max(0, Math.min(g - 1, Math.floor(v)));
    }

    private static void markRemoved(long[] bits, int[] rank, int s, int to, long[] removed) {
        for (int w = 0, words = (to - s + 63) >>> 6; w < words; w++) {
            for (long b = bits[w]; b != 0; b &= b - 1) {
                int p = rank[s + (w << 6) + Long.numberOfTrailingZeros(b)];
                removed[p >>> 6] |= 1L << p;
            }
        }
    }
}
