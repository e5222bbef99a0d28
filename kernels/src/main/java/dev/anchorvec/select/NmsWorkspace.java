package dev.anchorvec.select;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.internal.WorkspaceGuard;

/**
 * Reusable scratch memory for {@link Nms} and {@link BatchedNms}: the candidates' sort keys, their original indices in visiting order,
 * a planar copy of their boxes in that order, the suppression bitset of one sweep, and the spatial grid of
 * {@code SpatialNms} (cell bounds, and the boxes bucketed by cell). It grows to the largest
 * input seen and is then reused, so NMS on inputs no larger than that allocates nothing. Not thread-safe: use
 * one workspace per thread.
 */
public final class NmsWorkspace {

    /** Claimed by every public entry point for the duration of a call: overlapping use throws. */
    final WorkspaceGuard guard = new WorkspaceGuard("NmsWorkspace");

    int[] keys = new int[0];
    int[] keys2 = new int[0];
    int[] order = new int[0];
    int[] order2 = new int[0];
    final int[] counts = new int[3 * ScoreOrder.BUCKETS];
    long[] bits = new long[0];
    Boxes boxes = Boxes.allocate(0);
    int[] classStarts = new int[0];
    long[] removed = new long[0];
    Boxes cellBoxes = Boxes.allocate(0);
    final int[] cellStart = new int[SpatialNms.MAX_CELLS + 1];
    final int[] cellEnd = new int[SpatialNms.MAX_CELLS];
    final float[] cellBounds = new float[4 * SpatialNms.MAX_CELLS];
    final int[] levelSide = new int[SpatialNms.MAX_LEVELS];
    final int[] levelOffset = new int[SpatialNms.MAX_LEVELS];
    final double[] levelScale = new double[SpatialNms.MAX_LEVELS];
    final double[] levelHalfW = new double[SpatialNms.MAX_LEVELS];
    final double[] levelHalfH = new double[SpatialNms.MAX_LEVELS];

    /** An empty workspace; it grows on first use. */
    public NmsWorkspace() {}

    /**
     * A workspace with room for {@code capacity} boxes.
     *
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    public NmsWorkspace(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
        }
        ensure(capacity);
    }

    /** Number of boxes this workspace holds without growing. */
    public int capacity() {
        return order.length;
    }

    /** Class segment bounds for {@link BatchedNms}: {@code numClasses + 1} entries. */
    int[] classStarts(int numClasses) {
        if (classStarts.length < numClasses + 1) {
            classStarts = new int[numClasses + 1];
        }
        return classStarts;
    }

    void ensure(int n) {
        if (n <= order.length) {
            return;
        }
        keys = new int[n];
        keys2 = new int[n];
        order = new int[n];
        order2 = new int[n];
        bits = new long[(n + 63) >>> 6];
        boxes = Boxes.allocate(n);
        removed = new long[(n + 63) >>> 6];
        cellBoxes = Boxes.allocate(n);
    }
}
