package dev.anchorvec.match;

import java.util.Arrays;

/** Scalar reductions over a caller's M x N quality matrix (gt rows, prediction columns), ties to the lowest index. */
final class QualityMatrix {

    private QualityMatrix() {}

    /** Per column its max and first argmax row; per row its max and first argmax column. */
    static void best(float[] q, int off, int m, int n, float[] bestA, int[] argA, float[] bestB, int[] argB) {
        if (m == 0) {
            Arrays.fill(bestA, 0, n, 0f);
            Arrays.fill(argA, 0, n, -1);
            return;
        }
        System.arraycopy(q, off, bestA, 0, n);
        Arrays.fill(argA, 0, n, 0);
        for (int j = 0; j < m; j++) {
            int base = off + j * n;
            float rowBest = Float.NEGATIVE_INFINITY;
            int rowArg = n > 0 ? 0 : -1;
            for (int i = 0; i < n; i++) {
                float v = q[base + i];
                if (v > bestA[i]) {
                    bestA[i] = v;
                    argA[i] = j;
                }
                if (v > rowBest) {
                    rowBest = v;
                    rowArg = i;
                }
            }
            bestB[j] = n > 0 ? rowBest : 0f;
            argB[j] = rowArg;
        }
    }

    /** Per column the highest row j with {@code q[j][i] == targets[j]}, or -1. */
    static void lastEqual(float[] q, int off, int m, int n, float[] targets, int[] ties) {
        Arrays.fill(ties, 0, n, -1);
        for (int j = 0; j < m; j++) {
            int base = off + j * n;
            float t = targets[j];
            for (int i = 0; i < n; i++) {
                if (q[base + i] == t) {
                    ties[i] = j;
                }
            }
        }
    }
}
