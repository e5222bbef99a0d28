package dev.anchorvec.boxes;

/** Scalar implementation of {@link TieKernels}: one pass over the pairs with {@link PairMath#iou}. */
final class ScalarTieKernels implements TieKernels {

    @Override
    public void lastEqual(Boxes a, Boxes b, float[] target, int[] out, float[] blockMax) {
        int n = a.size(), m = b.size();
        float[] ad = a.data(), bd = b.data();
        int a0 = a.plane(0), a1 = a.plane(1), a2 = a.plane(2), a3 = a.plane(3);
        int b0 = b.plane(0), b1 = b.plane(1), b2 = b.plane(2), b3 = b.plane(3);
        for (int i = 0; i < n; i++) {
            float ax1 = ad[a0 + i], ay1 = ad[a1 + i], ax2 = ad[a2 + i], ay2 = ad[a3 + i];
            float areaA = PairMath.area(ax1, ay1, ax2, ay2);
            int last = -1;
            for (int j = 0; j < m; j++) {
                if (blockMax != null && target[j] > blockMax[(i / BestIou.BLOCK) * m + j]) {
                    continue;
                }
                float bx1 = bd[b0 + j], by1 = bd[b1 + j], bx2 = bd[b2 + j], by2 = bd[b3 + j];
                float iou = PairMath.iou(ax1, ay1, ax2, ay2, areaA, bx1, by1, bx2, by2,
                        PairMath.area(bx1, by1, bx2, by2));
                if (iou == target[j]) {
                    last = j;
                }
            }
            out[i] = last;
        }
    }
}
