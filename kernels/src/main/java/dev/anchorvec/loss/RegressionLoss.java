package dev.anchorvec.loss;

import dev.anchorvec.internal.Args;
import dev.anchorvec.simd.Scratch;
import dev.anchorvec.simd.Simd;
import java.lang.invoke.MethodHandles;

/**
 * A box-regression loss on the positive anchors only ({@link SmoothL1Loss}, {@link L1Loss}, {@link HuberLoss}),
 * elementwise on the four encoded offsets, with its gradient with respect to the predictions.
 *
 * <p>Predictions and targets are interleaved {@code float[n * 4]} (anchor {@code a} at {@code 4a .. 4a + 3}),
 * as a network's regression head and the box coder produce them. {@code matches} is the matcher's output
 * {@code int[n]}: a code {@code >= 0} (the matched gt index) marks a positive anchor; -1 (background) and -2
 * (ignore) mark anchors whose loss and gradient are 0 whatever their predictions or targets hold (NaN
 * included). Codes below -2 are rejected.
 *
 * <p>Reductions: {@link Reduction#SUM}; {@link Reduction#MEAN} divides by the {@code 4 * #positives} elements
 * that take part (0 when there are none), like {@code torch.mean} over the selected rows; {@code normalized}
 * divides the sum by a caller's divisor, e.g. {@link Reduction#perPositive(int)} as torchvision's RetinaNet and
 * SSD do. Stateless apart from the parameters, thread-safe.
 */
public abstract sealed class RegressionLoss permits SmoothL1Loss, L1Loss, HuberLoss {

    static final RegressionKernels IMPL = Simd.select(MethodHandles.lookup(), RegressionKernels.class,
            "dev.anchorvec.loss.VectorRegressionKernels", ScalarRegressionKernels::new);

    private static final int ANCHORS_PER_BLOCK = Scratch.BLOCK / 4;

    private final float knee;
    private final float quadDiv;
    private final float linMul;
    private final float halfKnee;

    RegressionLoss(float knee, float quadDiv, float linMul, float halfKnee) {
        this.knee = knee;
        this.quadDiv = quadDiv;
        this.linMul = linMul;
        this.halfKnee = halfKnee;
    }

    /**
     * Per-element losses {@code loss[k]} for {@code k < 4n} (0 on non-positive anchors) and, if {@code grad} is
     * not null, {@code grad[k] = dloss[k]/dpred[k]}.
     *
     * @throws IllegalArgumentException if {@code n < 0}, an array is too short or a match code is below -2;
     *                                  nothing is written then
     */
    public final void elementwise(float[] pred, float[] target, int[] matches, int n, float[] loss, float[] grad) {
        Labels.boxLoss(pred, target, matches, n, grad);
        Args.room(0, 4L * n, Args.notNull(loss, "loss").length, "loss");
        run(pred, target, matches, n, loss, grad, 1f);
    }

    /**
     * The reduced loss over the positive anchors and its gradient into {@code grad} if not null.
     *
     * @throws IllegalArgumentException as {@link #elementwise}, or for reduction NONE
     */
    public final double reduce(float[] pred, float[] target, int[] matches, int n, Reduction reduction,
                               float[] grad) {
        int positives = Labels.boxLoss(pred, target, matches, n, grad);
        double divisor = Args.oneOf(reduction, Reduction.REDUCED, "reduction").divisor(4L * positives);
        return run(pred, target, matches, n, null, grad, (float) (1 / divisor)) / divisor;
    }

    /**
     * The summed loss over the positive anchors divided by {@code divisor}, and its gradient into {@code grad}
     * if not null.
     *
     * @throws IllegalArgumentException as {@link #elementwise}, or for a divisor that is not finite and > 0
     */
    public final double normalized(float[] pred, float[] target, int[] matches, int n, double divisor,
                                   float[] grad) {
        Labels.boxLoss(pred, target, matches, n, grad);
        Args.positive(divisor, "divisor");
        return run(pred, target, matches, n, null, grad, (float) (1 / divisor)) / divisor;
    }

    private double run(float[] pred, float[] target, int[] matches, int n, float[] loss, float[] grad,
                       float gradScale) {
        float[][] scratch = Scratch.floats();
        double sum = 0;
        for (int a = 0; a < n; a += ANCHORS_PER_BLOCK) {
            int count = Math.min(ANCHORS_PER_BLOCK, n - a);
            sum += IMPL.piecewise(pred, target, matches, a, count, loss == null ? scratch[1] : loss,
                    loss == null ? 0 : 4 * a, grad == null ? scratch[2] : grad, grad == null ? 0 : 4 * a, knee,
                    quadDiv, linMul, halfKnee, gradScale);
        }
        return sum;
    }
}
