package dev.anchorvec.loss;

import dev.anchorvec.internal.WorkspaceGuard;

/**
 * Scratch memory for {@link HardNegativeMiner} and {@link BalancedSampler}: a histogram and an index buffer that
 * grow to the largest image seen and are then reused, so mining and sampling allocate nothing per image.
 *
 * <p>A workspace belongs to one thread at a time; give each worker thread its own.
 */
public final class MiningWorkspace {

    /** Claimed by every public entry point for the duration of a call: overlapping use throws. */
    final WorkspaceGuard guard = new WorkspaceGuard("MiningWorkspace");

    /** Radix digits of 11, 11 and 10 bits cover a 32-bit key in three levels. */
    static final int DIGIT_BITS = 11;

    final int[] histogram = new int[1 << DIGIT_BITS];
    int[] indices = new int[0];
    int[] second = new int[0];

    /** Creates an empty workspace; its buffers grow on first use. */
    public MiningWorkspace() {}

    int[] indices(int n) {
        if (indices.length < n) {
            indices = new int[Math.max(n, indices.length + (indices.length >> 1))];
        }
        return indices;
    }

    int[] second(int n) {
        if (second.length < n) {
            second = new int[Math.max(n, second.length + (second.length >> 1))];
        }
        return second;
    }
}
