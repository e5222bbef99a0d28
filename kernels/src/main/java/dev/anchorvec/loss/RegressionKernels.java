package dev.anchorvec.loss;

/**
 * The elementwise loop behind {@link SmoothL1Loss}, {@link L1Loss} and {@link HuberLoss}: one piecewise
 * function of {@code d = pred - target}, {@code |d| < knee ? (0.5 d d) / quadDiv : linMul (|d| - halfKnee)},
 * on the four coordinates of positive anchors ({@code matches[a] >= 0}) and 0 elsewhere. Arguments are
 * validated by the facades.
 */
interface RegressionKernels {

    /**
     * Anchors {@code [from, from + count)}: elements {@code 4 from ...} of {@code pred} and {@code target};
     * writes {@code loss[lossOff + k]} and {@code grad[gradOff + k] = gradScale dloss/dpred} for
     * {@code k < 4 count}.
     *
     * @return the sum of the loss values written
     */
    double piecewise(float[] pred, float[] target, int[] matches, int from, int count, float[] loss, int lossOff,
                     float[] grad, int gradOff, float knee, float quadDiv, float linMul, float halfKnee,
                     float gradScale);
}
