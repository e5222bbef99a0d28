package dev.anchorvec.boxes;

/**
 * The IoU-family kernels behind {@link BoxIou}; one scalar and one Vector API implementation. Arguments are
 * validated by the facade; implementations trust them.
 */
interface IouKernels {

    /**
     * {@code out[outOffset + (i - aFrom) * rowStride + (j - bFrom)] = kind(a[i], b[j])} for i in
     * [aFrom, aTo), j in [bFrom, bTo).
     */
    void pairwise(IouKind kind, Boxes a, int aFrom, int aTo, Boxes b, int bFrom, int bTo, float[] out,
                  int outOffset, int rowStride);

    /** {@code out[outOffset + (i - from)] = kind(a[i], b[i])} for i in [from, to). */
    void aligned(IouKind kind, Boxes a, Boxes b, int from, int to, float[] out, int outOffset);
}
