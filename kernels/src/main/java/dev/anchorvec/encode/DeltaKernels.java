package dev.anchorvec.encode;

import dev.anchorvec.boxes.Boxes;

/**
 * The kernels behind {@link DeltaCoder}: one scalar and one Vector API implementation. Arguments are validated
 * by the facade; implementations trust them. Rows are interleaved: code {@code c} of box {@code i} (class
 * {@code j}) at {@code off + 4 * (i * k + j) + c}.
 */
interface DeltaKernels {

    /** Encodes {@code gt[i]} against {@code anchors[i]} for i in [0, n) into rows of {@code out}. */
    void encode(DeltaParams p, Boxes anchors, Boxes gt, int n, float[] out, int outOffset);

    /**
     * Decodes {@code n * k} rows of codes against their anchors ({@code i / k}); with {@code clip}, x is clamped
     * to [0, clipW] and y to [0, clipH].
     */
    void decode(DeltaParams p, Boxes anchors, int n, float[] deltas, int deltasOffset, int k, boolean clip,
                float clipW, float clipH, float[] out, int outOffset);

    /** Like {@link #decode} with {@code k = 1}, writing planar boxes {@code out[0, n)}. */
    void decodePlanar(DeltaParams p, Boxes anchors, int n, float[] deltas, int deltasOffset, boolean clip,
                      float clipW, float clipH, Boxes out);

    /** The first index in [from, to) whose box has not {@code w > 0 && h > 0} (NaN included), else -1. */
    int firstNotPositive(Boxes b, int from, int to);

    /** The first index in [from, to) with {@code matches[i] >= 0}, else {@code to}. */
    int nextPositive(int[] matches, int from, int to);
}
