package dev.anchorvec.loss;

/**
 * The loop behind {@link IouLoss}: value and gradient of one IoU-family loss ({@link IouLossMath#IOU} ..
 * {@link IouLossMath#CIOU}) for the pairs with {@code matches[a] >= 0}, 0 for the others. Arguments are
 * validated by the facade.
 */
interface IouLossKernels {

    /**
     * Pairs {@code [0, n)} of the interleaved xyxy {@code pred} and {@code target}: writes {@code loss[a]} if
     * {@code loss} is not null and {@code grad[4a .. 4a + 3] = gradScale dloss/dpred} if {@code grad} is not null.
     *
     * @return the sum of the loss values, added in anchor order
     */
    double run(int kind, float[] pred, float[] target, int[] matches, int n, float[] loss, float[] grad,
               float gradScale);
}
