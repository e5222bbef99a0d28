package dev.anchorvec.boxes;

import java.util.Arrays;

/** Scalar implementation of {@link BestMatchKernels}: one pass over the pairs, memory O(N + M). */
final class ScalarBestMatchKernels implements BestMatchKernels {

    @Override
    public void best(Boxes a, Boxes b, float[] bestA, int[] argA, float[] bestB, int[] argB, float[] blockMax) {
        int n = a.size(), m = b.size();
        float[] ad = a.data(), bd = b.data();
        int a0 = a.plane(0), a1 = a.plane(1), a2 = a.plane(2), a3 = a.plane(3);
        int b0 = b.plane(0), b1 = b.plane(1), b2 = b.plane(2), b3 = b.plane(3);
        // -1 is below every IoU, so the first pair always wins and strict ">" keeps the lowest index on ties.
        Arrays.fill(bestB, 0, m, -1f);
        Arrays.fill(argB, 0, m, -1);
        if (blockMax != null) {
            Arrays.fill(blockMax, 0, BestIou.blocks(n) * m, 0f);
        }
        for (int i = 0; i < n; i++) {
            float ax1 = ad[a0 + i], ay1 = ad[a1 + i], ax2 = ad[a2 + i], ay2 = ad[a3 + i];
            float areaA = PairMath.area(ax1, ay1, ax2, ay2);
            float best = -1f;
            int arg = -1;
            for (int j = 0; j < m; j++) {
                float bx1 = bd[b0 + j], by1 = bd[b1 + j], bx2 = bd[b2 + j], by2 = bd[b3 + j];
                float iou = PairMath.iou(ax1, ay1, ax2, ay2, areaA, bx1, by1, bx2, by2,
                        PairMath.area(bx1, by1, bx2, by2));
                if (iou > best) {
                    best = iou;
                    arg = j;
                }
                if (iou > bestB[j]) {
                    bestB[j] = iou;
                    argB[j] = i;
                }
                if (blockMax != null) {
                    int k = (i / BestIou.BLOCK) * m + j;
                    blockMax[k] = Math.max(blockMax[k], iou);
                }
            }
            bestA[i] = best;
            argA[i] = arg;
        }
    }
}
