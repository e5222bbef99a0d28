package dev.anchorvec.loss;

import dev.anchorvec.internal.Args;
import dev.anchorvec.simd.Simd;
import java.lang.invoke.MethodHandles;
import java.util.Arrays;

/**
 * Softmax cross-entropy over the classes of each anchor (SSD's classification loss), with its gradient
 * {@code softmax - onehot} with respect to the logits.
 *
 * <p>Logits are {@code float[n * c]} row-major ({@code [n, c]}); labels {@code int[n]} hold a class in
 * {@code [0, c)}. SSD's convention is that class 0 is the background, so {@link Labels#BACKGROUND} (-1, the
 * matcher's code) is accepted and means class 0; {@link Labels#IGNORE} (-2) rows get loss 0 and gradient 0 and
 * do not count for {@link Reduction#MEAN}. The per-anchor losses of {@link #elementwise} are what SSD's
 * hard-negative mining ranks (the loss of a background anchor is {@code -log softmax_0}).
 *
 * <p>The log-sum-exp is the stable {@code m + log(sum exp(x - m))}. Logits are clamped to
 * {@code [-Float.MAX_VALUE, Float.MAX_VALUE]}: no NaN for finite or infinite logits, but a row whose logits
 * differ by more than {@code Float.MAX_VALUE} has the loss {@code +Infinity} (the gradient stays finite).
 * NaN logits give NaN on their row. Stateless and thread-safe.
 */
public final class SoftmaxCrossEntropy {

    static final CrossEntropyKernels IMPL = Simd.select(MethodHandles.lookup(), CrossEntropyKernels.class,
            "dev.anchorvec.loss.VectorCrossEntropyKernels", ScalarCrossEntropyKernels::new);

    private SoftmaxCrossEntropy() {}

    /**
     * Per-anchor losses {@code loss[i]} ({@code i < n}) and, if {@code grad} is not null, {@code grad[i c + j] =
     * dloss[i]/dlogits[i c + j]}.
     *
     * @throws IllegalArgumentException if {@code n < 0}, {@code c < 1}, an array is too short or a label is
     *                                  outside {@code [-2, c)}; nothing is written then
     */
    public static void elementwise(float[] logits, int[] labels, int n, int c, float[] loss, float[] grad) {
        Labels.labelled(logits, labels, n, c, grad);
        Args.room(0, n, Args.notNull(loss, "loss").length, "loss");
        IMPL.crossEntropy(logits, labels, n, c, loss, grad, 1f);
    }

    /**
     * The reduced loss (MEAN over the rows not ignored) and its gradient into {@code grad} if not null.
     *
     * @throws IllegalArgumentException as {@link #elementwise}, or for reduction NONE
     */
    public static double reduce(float[] logits, int[] labels, int n, int c, Reduction reduction, float[] grad) {
        Labels.labelled(logits, labels, n, c, grad);
        int kept = 0;
        for (int i = 0; i < n; i++) {
            kept += labels[i] == Labels.IGNORE ? 0 : 1;
        }
        double divisor = Args.oneOf(reduction, Reduction.REDUCED, "reduction").divisor(kept);
        return IMPL.crossEntropy(logits, labels, n, c, null, grad, (float) (1 / divisor)) / divisor;
    }

    /**
     * The summed loss divided by {@code divisor} (SSD: {@link Reduction#perPositive(int)}) and its gradient.
     *
     * @throws IllegalArgumentException as {@link #elementwise}, or for a divisor that is not finite and > 0
     */
    public static double normalized(float[] logits, int[] labels, int n, int c, double divisor, float[] grad) {
        Labels.labelled(logits, labels, n, c, grad);
        Args.positive(divisor, "divisor");
        return IMPL.crossEntropy(logits, labels, n, c, null, grad, (float) (1 / divisor)) / divisor;
    }

    /**
     * SSD's classification loss after hard-negative mining ({@code torchvision SSD.compute_loss}): from the
     * per-anchor {@code loss} and {@code grad} written by {@link #elementwise}, keeps the positive anchors (label
     * {@code >= 1}: SSD's object classes, class 0 being the background) and the mined negatives
     * ({@code selected[i] != 0}, as {@code HardNegativeMiner} writes them; ignored rows are never kept). Returns
     * the kept losses' sum divided by {@code divisor} (SSD: {@link Reduction#perPositive(int)}) and rewrites
     * {@code grad} in place: kept rows scaled by {@code 1 / divisor}, the other rows 0.
     *
     * @throws IllegalArgumentException if {@code n < 0}, {@code c < 1}, an array is too short or the divisor is
     *                                  not finite and > 0; nothing is written then
     */
    public static double reduceMined(float[] loss, float[] grad, int[] labels, byte[] selected, int n, int c,
                                     double divisor) {
        int size = Labels.shape(n, c);
        Args.room(0, n, Args.notNull(loss, "loss").length, "loss");
        Args.room(0, size, Args.notNull(grad, "grad").length, "grad");
        Args.room(0, n, Args.notNull(labels, "labels").length, "labels");
        Args.notNull(selected, "selected");
        if (selected.length < n) {
            throw new IllegalArgumentException("selected.length " + selected.length + " is too small: needs " + n);
        }
        Args.positive(divisor, "divisor");
        float scale = (float) (1 / divisor);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int off = i * c;
            boolean kept = labels[i] >= 1 || (selected[i] != 0 && labels[i] != Labels.IGNORE);
            if (kept) {
                sum += loss[i];
                for (int j = off; j < off + c; j++) {
                    grad[j] *= scale;
                }
            } else {
                Arrays.fill(grad, off, off + c, 0f);
            }
        }
        return sum / divisor;
    }

}
