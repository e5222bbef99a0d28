package dev.anchorvec.boxes;

import java.util.Arrays;

/**
 * Scalar implementation of {@link TieKernels}, blocked like {@link ScalarBestMatchKernels}: per block of
 * {@link BestIou#BLOCK} anchors and gt {@code j}, the block is skipped when its maximum (from {@code blockMax}) is
 * below the target, and a gt that misses the block's bounding box has IoU 0 with all of it (no anchor ties a target
 * above 0; all of them tie a target of 0). Gts go in ascending order, so the last tie written is the highest index.
 */
final class ScalarTieKernels implements TieKernels {

    private static final int BLOCK = BestIou.BLOCK;

    @Override
    public void lastEqual(Boxes a, Boxes b, float[] target, int[] out, float[] blockMax) {
        int n = a.size(), m = b.size();
        float[] ad = a.data(), bd = b.data();
        int a0 = a.plane(0), a1 = a.plane(1), a2 = a.plane(2), a3 = a.plane(3);
        int b0 = b.plane(0), b1 = b.plane(1), b2 = b.plane(2), b3 = b.plane(3);
        Arrays.fill(out, 0, n, -1);
        for (int s = 0, block = 0; s < n; s += BLOCK, block++) {
            int e = Math.min(n, s + BLOCK);
            float minX1 = ad[a0 + s], minY1 = ad[a1 + s], maxX2 = ad[a2 + s], maxY2 = ad[a3 + s];
            for (int i = s; i < e; i++) {
                minX1 = Math.min(minX1, ad[a0 + i]);
                minY1 = Math.min(minY1, ad[a1 + i]);
                maxX2 = Math.max(maxX2, ad[a2 + i]);
                maxY2 = Math.max(maxY2, ad[a3 + i]);
            }
            for (int j = 0; j < m; j++) {
                float t = target[j];
                if (t != t || (blockMax != null && t > blockMax[block * m + j])) {
                    continue;
                }
                float bx1 = bd[b0 + j], by1 = bd[b1 + j], bx2 = bd[b2 + j], by2 = bd[b3 + j];
                if (maxX2 <= bx1 || bx2 <= minX1 || maxY2 <= by1 || by2 <= minY1) {
                    if (t == 0f) {
                        Arrays.fill(out, s, e, j);
                    }
                    continue;
                }
                float areaB = PairMath.area(bx1, by1, bx2, by2);
                for (int i = s; i < e; i++) {
                    float ax1 = ad[a0 + i], ay1 = ad[a1 + i], ax2 = ad[a2 + i], ay2 = ad[a3 + i];
                    float iou = PairMath.iou(ax1, ay1, ax2, ay2, PairMath.area(ax1, ay1, ax2, ay2), bx1, by1, bx2,
                            by2, areaB);
                    if (iou == t) {
                        out[i] = j;
                    }
                }
            }
        }
    }
}
