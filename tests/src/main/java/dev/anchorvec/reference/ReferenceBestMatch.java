package dev.anchorvec.reference;

import dev.anchorvec.boxes.IouKind;

/**
 * Reference for the fused best-IoU reductions: builds the full IoU matrix with {@link ReferenceIou} and scans
 * it. For each box of {@code a}: its largest IoU over {@code b} and the lowest index reaching it; for each box
 * of {@code b}: the same over {@code a}. An empty other set gives 0 and index -1.
 */
public final class ReferenceBestMatch {

    private ReferenceBestMatch() {}

    /** The four results, as {@code dev.anchorvec.boxes.BestIou.Result} holds them. */
    public record Result(float[] bestA, int[] argA, float[] bestB, int[] argB) {}

    /** Best matches between interleaved xyxy sets {@code a} and {@code b}. */
    public static Result of(float[] a, float[] b) {
        int n = a.length / 4, m = b.length / 4;
        float[] iou = ReferenceIou.matrix(IouKind.IOU, a, b);
        float[] bestA = new float[n];
        int[] argA = new int[n];
        for (int i = 0; i < n; i++) {
            int arg = -1;
            float best = 0f;
            for (int j = 0; j < m; j++) {
                float v = iou[i * m + j];
                if (arg < 0 || v > best) {
                    best = v;
                    arg = j;
                }
            }
            bestA[i] = best;
            argA[i] = arg;
        }
        float[] bestB = new float[m];
        int[] argB = new int[m];
        for (int j = 0; j < m; j++) {
            int arg = -1;
            float best = 0f;
            for (int i = 0; i < n; i++) {
                float v = iou[i * m + j];
                if (arg < 0 || v > best) {
                    best = v;
                    arg = i;
                }
            }
            bestB[j] = best;
            argB[j] = arg;
        }
        return new Result(bestA, argA, bestB, argB);
    }
}
