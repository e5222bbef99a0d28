package dev.anchorvec.loss;

import dev.anchorvec.internal.Args;

/**
 * Huber loss with PyTorch's definition ({@code torch.nn.functional.huber_loss}): {@code |d| < delta ? 0.5 d^2 :
 * delta (|d| - 0.5 delta)}, which is {@code delta} times smooth L1 with {@code beta = delta}. See
 * {@link RegressionLoss} for inputs and reductions.
 */
public final class HuberLoss extends RegressionLoss {

    private final float delta;

    /**
     * @param delta the knee, finite and {@code > 0}
     * @throws IllegalArgumentException if delta is not finite and > 0
     */
    public HuberLoss(float delta) {
        super(checked(delta), 1f, delta, 0.5f * delta);
        this.delta = delta;
    }

    /** The delta given to the constructor. */
    public float delta() {
        return delta;
    }

    private static float checked(float delta) {
        return Args.positive(delta, "delta");
    }
}
