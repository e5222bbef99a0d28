package dev.anchorvec.boxes;

/**
 * CIoU's per-box aspect angles {@code atan(w / h)} for a block of boxes, computed once per block instead of
 * once per pair. Both implementations use it, with the same scalar arctangent, so pairwise CIoU stays
 * bit-exact between them.
 */
final class AspectAngles {

    private AspectAngles() {}

    /** Angles of boxes [from, to) ({@code to - from <= Scratch.BLOCK}) into {@code angles[0, to - from)}. */
    static float[] of(Boxes b, int from, int to, float[] angles) {
        float[] d = b.data();
        int b0 = b.plane(0), b1 = b.plane(1), b2 = b.plane(2), b3 = b.plane(3);
        for (int j = from; j < to; j++) {
            angles[j - from] = PairMath.aspectAngle(d[b0 + j], d[b1 + j], d[b2 + j], d[b3 + j]);
        }
        return angles;
    }
}
