package dev.anchorvec.boxes;

import dev.anchorvec.simd.Scratch;

/** Scalar implementation of {@link IouKernels}: the fallback, and the order of operations the vector one copies. */
final class ScalarIouKernels implements IouKernels {

    @Override
    public void pairwise(IouKind kind, Boxes a, int aFrom, int aTo, Boxes b, int bFrom, int bTo, float[] out,
                         int outOffset, int rowStride) {
        float[] ad = a.data(), bd = b.data();
        int a0 = a.plane(0), a1 = a.plane(1), a2 = a.plane(2), a3 = a.plane(3);
        int b0 = b.plane(0), b1 = b.plane(1), b2 = b.plane(2), b3 = b.plane(3);
        boolean ciou = kind == IouKind.CIOU;
        // Columns in blocks so that CIoU's per-box angles of b fit a small scratch array.
        for (int blockStart = bFrom; blockStart < bTo; blockStart += Scratch.BLOCK) {
            int blockEnd = (int) Math.min((long) blockStart + Scratch.BLOCK, bTo);
            float[] angleB = ciou ? AspectAngles.of(b, blockStart, blockEnd, Scratch.floats()[0]) : null;
            for (int i = aFrom; i < aTo; i++) {
                float ax1 = ad[a0 + i], ay1 = ad[a1 + i], ax2 = ad[a2 + i], ay2 = ad[a3 + i];
                float areaA = PairMath.area(ax1, ay1, ax2, ay2);
                float angleA = ciou ? PairMath.aspectAngle(ax1, ay1, ax2, ay2) : 0f;
                int o = outOffset + (i - aFrom) * rowStride - bFrom;
                if (kind == IouKind.IOU) {
                    // The common case gets a loop small enough for C2 to inline the whole formula.
                    for (int j = blockStart; j < blockEnd; j++) {
                        float bx1 = bd[b0 + j], by1 = bd[b1 + j], bx2 = bd[b2 + j], by2 = bd[b3 + j];
                        out[o + j] = PairMath.iou(ax1, ay1, ax2, ay2, areaA, bx1, by1, bx2, by2,
                                PairMath.area(bx1, by1, bx2, by2));
                    }
                    continue;
                }
                for (int j = blockStart; j < blockEnd; j++) {
                    float bx1 = bd[b0 + j], by1 = bd[b1 + j], bx2 = bd[b2 + j], by2 = bd[b3 + j];
                    float areaB = PairMath.area(bx1, by1, bx2, by2);
                    out[o + j] = PairMath.pair(kind, ax1, ay1, ax2, ay2, areaA, angleA, bx1, by1, bx2, by2, areaB,
                            ciou ? angleB[j - blockStart] : 0f);
                }
            }
        }
    }

    @Override
    public void aligned(IouKind kind, Boxes a, Boxes b, int from, int to, float[] out, int outOffset) {
        float[] ad = a.data(), bd = b.data();
        int a0 = a.plane(0), a1 = a.plane(1), a2 = a.plane(2), a3 = a.plane(3);
        int b0 = b.plane(0), b1 = b.plane(1), b2 = b.plane(2), b3 = b.plane(3);
        boolean ciou = kind == IouKind.CIOU;
        for (int i = from; i < to; i++) {
            float ax1 = ad[a0 + i], ay1 = ad[a1 + i], ax2 = ad[a2 + i], ay2 = ad[a3 + i];
            float bx1 = bd[b0 + i], by1 = bd[b1 + i], bx2 = bd[b2 + i], by2 = bd[b3 + i];
            out[outOffset + i - from] = PairMath.pair(kind, ax1, ay1, ax2, ay2, PairMath.area(ax1, ay1, ax2, ay2),
                    ciou ? PairMath.aspectAngle(ax1, ay1, ax2, ay2) : 0f, bx1, by1, bx2, by2,
                    PairMath.area(bx1, by1, bx2, by2), ciou ? PairMath.aspectAngle(bx1, by1, bx2, by2) : 0f);
        }
    }
}
