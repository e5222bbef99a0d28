package dev.anchorvec.loss;

import java.util.Arrays;

/** Scalar implementation of {@link IouLossKernels}: {@link IouLossMath#pair} on each positive pair. */
final class ScalarIouLossKernels implements IouLossKernels {

    @Override
    public double run(int kind, float[] pred, float[] target, int[] matches, int n, float[] loss, float[] grad,
                      float gradScale) {
        double sum = 0;
        for (int a = 0; a < n; a++) {
            float l;
            if (matches[a] >= 0) {
                l = IouLossMath.pair(kind, pred, target, a, grad, gradScale);
            } else {
                l = 0f;
                if (grad != null) {
                    Arrays.fill(grad, 4 * a, 4 * a + 4, 0f);
                }
            }
            if (loss != null) {
                loss[a] = l;
            }
            sum += l;
        }
        return sum;
    }
}
