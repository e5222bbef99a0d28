package dev.anchorvec.loss;

/**
 * The fused value-and-gradient loop behind {@link SigmoidFocalLoss}; arguments are validated by the facade.
 * The weight is {@code alpha_t = aBase + aSlope * t}; the gradient written is {@code gradScale * dloss/dx}.
 */
interface FocalKernels {

    /**
     * Elements {@code [0, len)}: logits {@code x[xOff + k]}, targets {@code t[tOff + k]}; writes
     * {@code loss[lossOff + k]} and {@code grad[gradOff + k]}.
     *
     * @return the sum of the loss values written
     */
    double focal(float[] x, int xOff, float[] t, int tOff, int len, float[] loss, int lossOff, float[] grad,
                 int gradOff, float aBase, float aSlope, float gamma, float gradScale);
}
