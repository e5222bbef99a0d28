package dev.anchorvec.match;

import dev.anchorvec.boxes.BestIou;
import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.internal.Args;
import dev.anchorvec.internal.WorkspaceGuard;

/**
 * Reusable scratch of the matchers, so that matching one image allocates nothing once the workspace has grown to
 * the largest image: per anchor the best quality, its gt and the tie pass's result; per gt its best quality and
 * anchor. After a match it also exposes each anchor's best gt (detectron2's {@code matches}) and best quality.
 *
 * <p><b>Sizes.</b> The workspace grows to the anchors and gts of the calls it serves: arrays of the size of the
 * caller's inputs (a few bytes per anchor and per gt), never more. The block maxima that let the low-quality pass
 * skip most of the anchors take {@code ceil(anchors / 256) * gts} floats; above {@link #MAX_BLOCK_MAXIMA} of them
 * (for example a million anchors against 65,536 gts) they are not kept and the pass sweeps every anchor instead:
 * the same codes, computed more slowly, with no allocation beyond the limit.
 *
 * <p><b>Threads.</b> A workspace serves one call at a time: every entry point that takes one claims it for the
 * duration of the call, and a second call that overlaps (another thread, the same workspace passed twice)
 * throws {@link IllegalStateException} naming it, before anything is written. Use one workspace per thread.
 * {@link #bestGt(int)} and {@link #bestQuality(int)} read the last match; read them from the thread that ran it.
 */
public final class MatchWorkspace {

    /**
     * The most block maxima (floats) a workspace keeps, {@code 2^24} (64 MiB): far above real use (76,725 anchors
     * against 1,000 gts need 300,000). Beyond it the low-quality pass runs without them.
     */
    public static final int MAX_BLOCK_MAXIMA = 1 << 24;

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
    /** Whether {@link #blockMax} holds the block maxima of the current match (false above the limit). */
    private boolean blocks;
    /** mmdet: anchors with ignored ones replaced by an empty box; ignore flags; an IoF tile. */
    Boxes masked = Boxes.allocate(0);
    boolean[] ignored = new boolean[0];
    float[] tile = new float[0];
    private int anchors;
    /** Whether the last match had no gt (or no anchor): then nothing per anchor was kept. */
    private boolean empty;

    /** An empty workspace; it grows on first use. */
    public MatchWorkspace() {}

    /**
     * A workspace sized for {@code anchors} x {@code gts} up front (the block maxima only up to
     * {@link #MAX_BLOCK_MAXIMA}).
     *
     * @throws IllegalArgumentException if a count is negative or above {@link Boxes#MAX_CAPACITY}, the most boxes
     *                                  one {@link Boxes} holds
     */
    public MatchWorkspace(int anchors, int gts) {
        Args.inRange(anchors, 0, Boxes.MAX_CAPACITY, "anchors");
        Args.inRange(gts, 0, Boxes.MAX_CAPACITY, "gts");
        ensure(anchors, gts, true);
        this.anchors = 0;
    }

    /**
     * Grows to {@code n} anchors and {@code m} gts (both at most the size of an input of the call); with
     * {@code withBlocks}, also the block maxima when they fit {@link #MAX_BLOCK_MAXIMA}.
     */
    void ensure(int n, int m, boolean withBlocks) {
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
        long cells = (long) BestIou.blocks(n) * m;
        blocks = withBlocks && cells <= MAX_BLOCK_MAXIMA;
        if (blocks && blockMax.length < cells) {
            blockMax = new float[(int) cells];
        }
        anchors = n;
        empty = false;
    }

    /**
     * Records a match of {@code n} anchors against no gt (or of no anchors): every best gt and quality is 0, and
     * nothing is allocated (an image without boxes needs no scratch, whatever its anchor count).
     */
    void noGt(int n) {
        anchors = n;
        empty = true;
    }

    /** The block maxima for {@code BestIou} and {@code IouTies}, or null when they are not kept. */
    float[] blockMaxima() {
        return blocks ? blockMax : null;
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
     *
     * @throws IllegalArgumentException unless {@code 0 <= i < anchors()}
     */
    public int bestGt(int i) {
        Args.index(i, anchors, "i");
        return empty ? 0 : Math.max(argA[i], 0);
    }

    /**
     * Anchor {@code i}'s best quality (IoU) in the last match; 0 when there was no gt.
     *
     * @throws IllegalArgumentException unless {@code 0 <= i < anchors()}
     */
    public float bestQuality(int i) {
        Args.index(i, anchors, "i");
        return empty ? 0f : bestA[i];
    }

    /** Number of anchors of the last match. */
    public int anchors() {
        return anchors;
    }
}
