package dev.anchorvec.loss;

import dev.anchorvec.internal.Args;

/**
 * Smooth L1 with torchvision's and fvcore's definition: {@code |d| < beta ? 0.5 d^2 / beta : |d| - 0.5 beta};
 * a {@code beta < 1e-5} gives exactly L1 (fvcore's rule, which avoids dividing by a tiny beta). torchvision's
 * detection models use {@code beta = 1/9}. See {@link RegressionLoss} for inputs and reductions.
 */
public final class SmoothL1Loss extends RegressionLoss {

    private final float beta;

    /**
     * @param beta the knee, {@code >= 0} and finite
     * @throws IllegalArgumentException if beta is negative, NaN or infinite
     */
    public SmoothL1Loss(float beta) {
        super(l1(checked(beta)) ? 0f : beta, l1(beta) ? 1f : beta, 1f, l1(beta) ? 0f : 0.5f * beta);
        this.beta = beta;
    }

    /** The beta given to the constructor. */
    public float beta() {
        return beta;
    }

    private static boolean l1(float beta) {
        return beta < 1e-5f;
    }

    private static float checked(float beta) {
        return Args.nonNegative(beta, "beta");
    }
}
