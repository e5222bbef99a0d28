package dev.anchorvec.targets;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.internal.WorkspaceGuard;
import dev.anchorvec.match.MatchWorkspace;

/**
 * Scratch memory of one target build: the current image's ground truth in planar form and the matcher's buffers.
 * They grow to the largest image seen (arrays the size of its boxes and of the anchors) and are then reused, so
 * building targets allocates nothing per image.
 *
 * <p><b>Threads.</b> A workspace serves one call at a time: {@link TargetBuilder#build} and
 * {@link TargetBuilder#buildBatch} claim it for the whole call (a batch claims all of its workspaces before its
 * first task starts), and an overlapping use - another thread, the same workspace twice in one batch, a call
 * re-entered through the executor - throws {@link IllegalStateException} before anything is written.
 * {@link TargetBuilder#buildBatch} uses one per task.
 */
public final class TargetWorkspace {

    /** Claimed by every public entry point for the duration of a call: overlapping use throws. */
    final WorkspaceGuard guard = new WorkspaceGuard("TargetWorkspace");

    Boxes gt = Boxes.allocate(0);
    /** The matcher's scratch: this workspace's own, so claiming this one covers it too. */
    final MatchWorkspace match = new MatchWorkspace();

    /** Creates an empty workspace; its buffers grow on first use. */
    public TargetWorkspace() {}

    /** The ground truth of {@code batch}'s image {@code b}, copied into the reusable planar boxes. */
    Boxes groundTruth(GroundTruthBatch batch, int b) {
        int m = batch.count(b);
        if (gt.capacity() < m) {
            // Grow by half again (at most to the largest capacity; m itself is at most the batch's boxes).
            long grown = Math.max(m, gt.capacity() + (long) (gt.capacity() >> 1));
            gt = Boxes.allocate((int) Math.min(Boxes.MAX_CAPACITY, grown));
        }
        gt.resize(m);
        float[] src = batch.boxes;
        int s = 4 * batch.start(b);
        for (int j = 0; j < m; j++) {
            gt.set(j, src[s + 4 * j], src[s + 4 * j + 1], src[s + 4 * j + 2], src[s + 4 * j + 3]);
        }
        return gt;
    }
}
