package dev.anchorvec.loss;

/**
 * L1: {@code |pred - target|}, gradient {@code sign(pred - target)} (0 at 0, like PyTorch). See
 * {@link RegressionLoss} for inputs and reductions.
 */
public final class L1Loss extends RegressionLoss {

    /** The L1 loss. */
    public L1Loss() {
        super(0f, 1f, 1f, 0f);
    }
}
