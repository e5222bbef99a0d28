package dev.anchorvec.targets;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.internal.WorkspaceGuard;
import dev.anchorvec.match.MatchWorkspace;

/**
 * Scratch memory of one target build: the current image's ground truth in planar form and the matcher's buffers.
 * They grow to the largest image seen and are then reused, so building targets allocates nothing per image.
 *
 * <p>A workspace belongs to one thread at a time; {@link TargetBuilder#buildBatch} uses one per worker.
 */
public final class TargetWorkspace {

    /** Claimed by every public entry point for the duration of a call: overlapping use throws. */
    final WorkspaceGuard guard = new WorkspaceGuard("TargetWorkspace");

    Boxes gt = Boxes.allocate(0);
    MatchWorkspace match = new MatchWorkspace();

    /** Creates an empty workspace; its buffers grow on first use. */
    public TargetWorkspace() {}

    /** The ground truth of {@code batch}'s image {@code b}, copied into the reusable planar boxes. */
    Boxes groundTruth(GroundTruthBatch batch, int b) {
        int m = batch.count(b);
        if (gt.capacity() < m) {
            gt = Boxes.allocate(Math.max(m, gt.capacity() + (gt.capacity() >> 1)));
        }
        gt.resize(m);
        float[] src = batch.boxes();
        int s = 4 * batch.start(b);
        for (int j = 0; j < m; j++) {
            gt.set(j, src[s + 4 * j], src[s + 4 * j + 1], src[s + 4 * j + 2], src[s + 4 * j + 3]);
        }
        return gt;
    }
}
