package dev.anchorvec.match;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.internal.Args;
import dev.anchorvec.internal.WorkspaceGuard;

/**
 * Reusable scratch of the matchers, so that matching one image allocates nothing once the workspace has grown to
 * the largest image: per anchor the best quality, its gt and the tie pass's result; per gt its best quality and
 * anchor. Grows as needed; use one workspace per thread. After a match it also exposes each anchor's best gt
 * (detectron2's {@code matches}) and best quality.
 */
public final class MatchWorkspace {

    /** Claimed by every public entry point for the duration of a call: overlapping use throws. */
    final WorkspaceGuard guard = new WorkspaceGuard("MatchWorkspace");

    float[] bestA = new float[0];
    int[] argA = new int[0];
    int[] ties = new int[0];
    float[] bestB = new float[0];
    int[] argB = new int[0];
    float[] targets = new float[0];
    /** BestIou's block maxima: lets the tie pass sweep only the blocks that hold a gt's maximum. */
    float[] blockMax = new float[0];
    /** mmdet: anchors with ignored ones replaced by an empty box; ignore flags; an IoF tile. */
    Boxes masked = Boxes.allocate(0);
    boolean[] ignored = new boolean[0];
    float[] tile = new float[0];
    private int anchors;

    /** An empty workspace; it grows on first use. */
    public MatchWorkspace() {}

    /** A workspace sized for {@code anchors} x {@code gts} up front. */
    public MatchWorkspace(int anchors, int gts) {
        Args.count(anchors, "anchors");
        Args.count(gts, "gts");
        ensure(anchors, gts);
        this.anchors = 0;
    }

    void ensure(int n, int m) {
        if (bestA.length < n) {
            bestA = new float[n];
            argA = new int[n];
            ties = new int[n];
        }
        if (bestB.length < m) {
            bestB = new float[m];
            argB = new int[m];
            targets = new float[m];
        }
        long blocks = (long) dev.anchorvec.boxes.BestIou.blocks(n) * m;
        if (blockMax.length < blocks) {
            blockMax = new float[Math.toIntExact(blocks)];
        }
        anchors = n;
    }

    void ensureIgnore(int n) {
        if (masked.capacity() < n) {
            masked = Boxes.allocate(n);
            ignored = new boolean[n];
        }
        masked.resize(n);
    }

    float[] tile(int size) {
        if (tile.length < size) {
            tile = new float[size];
        }
        return tile;
    }

    /**
     * Anchor {@code i}'s best gt in the last match (lowest index on ties), before thresholds: detectron2's
     * {@code matches}. 0 when there was no gt (detectron2's convention for an empty gt set).
     */
    public int bestGt(int i) {
        java.util.Objects.checkIndex(i, anchors);
        return Math.max(argA[i], 0);
    }

    /** Anchor {@code i}'s best quality (IoU) in the last match; 0 when there was no gt. */
    public float bestQuality(int i) {
        java.util.Objects.checkIndex(i, anchors);
        return bestA[i];
    }

    /** Number of anchors of the last match. */
    public int anchors() {
        return anchors;
    }
}
