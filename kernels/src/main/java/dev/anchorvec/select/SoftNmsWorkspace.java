package dev.anchorvec.select;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.internal.WorkspaceGuard;

/**
 * Reusable scratch memory for {@link SoftNms}: the surviving candidates' planar boxes, current scores and
 * original indices. It grows to the largest input seen and is then reused, so Soft-NMS on inputs no larger than
 * that allocates nothing. Not thread-safe: use one workspace per thread.
 */
public final class SoftNmsWorkspace {

    /** Claimed by every public entry point for the duration of a call: overlapping use throws. */
    final WorkspaceGuard guard = new WorkspaceGuard("SoftNmsWorkspace");

    int[] order = new int[0];
    float[] scores = new float[0];
    Boxes boxes = Boxes.allocate(0);

    /** An empty workspace; it grows on first use. */
    public SoftNmsWorkspace() {}

    /**
     * A workspace with room for {@code capacity} boxes.
     *
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    public SoftNmsWorkspace(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
        }
        ensure(capacity);
    }

    /** Number of boxes this workspace holds without growing. */
    public int capacity() {
        return order.length;
    }

    void ensure(int n) {
        if (n <= order.length) {
            return;
        }
        order = new int[n];
        scores = new float[n];
        boxes = Boxes.allocate(n);
    }
}
