package dev.anchorvec.boxes;

import java.util.Arrays;

/**
 * Scalar implementation of {@link BestMatchKernels}, blocked and culled like {@link VectorBestMatchKernels} (see
 * there why skipping a block whose bounding box misses a gt is exact): anchors in blocks of {@link BestIou#BLOCK},
 * for each gt that can touch the block one pass over it. The bests start at {@code (0, index 0)} and only a strictly
 * larger IoU moves them, which gives the lowest index on ties and treats NaN (0/0) and skipped pairs as the 0 they
 * stand for. Memory O(N + M).
 */
final class ScalarBestMatchKernels implements BestMatchKernels {

    private static final int BLOCK = BestIou.BLOCK;
    /** Blocks tried before culling is given up on an input where it never skipped a sweep. */
    private static final int PROBE = 16;

    @Override
    public void best(Boxes a, Boxes b, float[] bestA, int[] argA, float[] bestB, int[] argB, float[] blockMax) {
        int n = a.size(), m = b.size();
        float[] ad = a.data(), bd = b.data();
        int a0 = a.plane(0), a1 = a.plane(1), a2 = a.plane(2), a3 = a.plane(3);
        int b0 = b.plane(0), b1 = b.plane(1), b2 = b.plane(2), b3 = b.plane(3);
        Arrays.fill(bestB, 0, m, 0f);
        Arrays.fill(argB, 0, m, 0);
        Arrays.fill(bestA, 0, n, 0f);
        Arrays.fill(argA, 0, n, 0);
        if (blockMax != null) {
            Arrays.fill(blockMax, 0, BestIou.blocks(n) * m, 0f);
        }
        int skipped = 0;
        for (int s = 0, block = 0; s < n; s += BLOCK, block++) {
            if (block == PROBE && skipped == 0) {
                // Unordered boxes: culling never pays, and the pair-major loop is faster without it.
                rest(ad, a0, a1, a2, a3, s, n, bd, b0, b1, b2, b3, m, bestA, argA, bestB, argB, blockMax);
                return;
            }
            int e = Math.min(n, s + BLOCK);
            float minX1 = ad[a0 + s], minY1 = ad[a1 + s], maxX2 = ad[a2 + s], maxY2 = ad[a3 + s];
            for (int i = s; i < e; i++) {
                float x1 = ad[a0 + i], y1 = ad[a1 + i], x2 = ad[a2 + i], y2 = ad[a3 + i];
                minX1 = Math.min(minX1, x1);
                minY1 = Math.min(minY1, y1);
                maxX2 = Math.max(maxX2, x2);
                maxY2 = Math.max(maxY2, y2);
            }
            for (int j = 0; j < m; j++) {
                float bx1 = bd[b0 + j], by1 = bd[b1 + j], bx2 = bd[b2 + j], by2 = bd[b3 + j];
                float max = 0f;
                // Math.min/max propagate NaN, and NaN bounds compare false: such a block is always swept.
                if (maxX2 <= bx1 || bx2 <= minX1 || maxY2 <= by1 || by2 <= minY1) {
                    skipped++;
                } else {
                    max = sweep(ad, a0, a1, a2, a3, s, e, j, bx1, by1, bx2, by2, bestA, argA, bestB, argB);
                }
                if (blockMax != null) {
                    blockMax[block * m + j] = max;
                }
            }
        }
    }

    /** Anchors [s, n) against every gt, anchor-major (the area of each anchor computed once). */
    private static void rest(float[] ad, int a0, int a1, int a2, int a3, int s, int n, float[] bd, int b0, int b1,
                             int b2, int b3, int m, float[] bestA, int[] argA, float[] bestB, int[] argB,
                             float[] blockMax) {
        for (int i = s; i < n; i++) {
            float ax1 = ad[a0 + i], ay1 = ad[a1 + i], ax2 = ad[a2 + i], ay2 = ad[a3 + i];
            float areaA = PairMath.area(ax1, ay1, ax2, ay2);
            float best = 0f;
            int arg = 0;
            int k = (i / BLOCK) * m;
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
                    blockMax[k + j] = Math.max(blockMax[k + j], iou);
                }
            }
            bestA[i] = best;
            argA[i] = arg;
        }
    }

    /** One gt against anchors [s, e); returns the block's largest IoU with it. */
    private static float sweep(float[] ad, int a0, int a1, int a2, int a3, int s, int e, int j, float bx1, float by1,
                               float bx2, float by2, float[] bestA, int[] argA, float[] bestB, int[] argB) {
        float areaB = PairMath.area(bx1, by1, bx2, by2);
        float gBest = 0f;
        int gArg = -1;
        for (int i = s; i < e; i++) {
            float ax1 = ad[a0 + i], ay1 = ad[a1 + i], ax2 = ad[a2 + i], ay2 = ad[a3 + i];
            float iou = PairMath.iou(ax1, ay1, ax2, ay2, PairMath.area(ax1, ay1, ax2, ay2), bx1, by1, bx2, by2, areaB);
            if (iou > bestA[i]) {
                bestA[i] = iou;
                argA[i] = j;
            }
            if (iou > gBest) {
                gBest = iou;
                gArg = i;
            }
        }
        if (gBest > bestB[j]) {
            bestB[j] = gBest;
            argB[j] = gArg;
        }
        return gBest;
    }
}
