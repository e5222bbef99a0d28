package dev.anchorvec.encode;

import dev.anchorvec.boxes.Boxes;

/**
 * The kernels behind {@link LinearCoder}: one scalar and one Vector API implementation. Arguments are validated
 * by the facade; implementations trust them. Rows are interleaved: value {@code c} of box {@code i} at
 * {@code off + 4 * i + c}.
 */
interface LinearKernels {

    /** {@code (l, t, r, b)} of {@code gt[i]} from the centre of {@code anchors[i]} for i in [0, n), rows of out. */
    void encode(boolean normalize, Boxes anchors, Boxes gt, int n, float[] out, int outOffset);

    /** The xyxy boxes of the {@code n} rows of codes; {@code out} may be {@code codes} at the same offset. */
    void decode(boolean normalize, Boxes anchors, int n, float[] codes, int codesOffset, float[] out, int outOffset);
}
