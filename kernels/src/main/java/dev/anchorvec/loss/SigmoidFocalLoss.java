package dev.anchorvec.loss;

import dev.anchorvec.internal.Args;
import dev.anchorvec.simd.Scratch;
import dev.anchorvec.simd.Simd;
import java.lang.invoke.MethodHandles;
import java.util.Arrays;

/**
 * Sigmoid focal loss (Lin et al., RetinaNet) with torchvision's and fvcore's semantics, its value and its
 * gradient with respect to the logits in one fused pass.
 *
 * <p>Per element, with {@code p = sigmoid(x)}: {@code ce = BCEWithLogits(x, t)}, {@code p_t = p t +
 * (1 - p)(1 - t)}, {@code loss = ce (1 - p_t)^gamma}, multiplied by {@code alpha_t = alpha t + (1 - alpha)
 * (1 - t)} when {@code alpha >= 0} (a negative alpha switches the weight off, as in torchvision).
 * {@code 1 - p_t} is computed as {@code t sigmoid(-x) + (1 - t) sigmoid(x)}, which is exact where torchvision's
 * float32 {@code 1 - p_t} rounds to 0 (for example {@code x = 20, t = 1}: anchorvec gives about 4e-26,
 * torchvision float32 0, float64 4e-26). {@code gamma = 2} runs without powers; other values through
 * {@code exp(gamma log(1 - p_t))}, with {@code 0^0 = 1}.
 *
 * <p>Inputs: logits {@code float[n * c]} row-major ({@code [n, c]}, anchors by classes) and targets either dense
 * {@code float[n * c]} (binary or soft) or per-anchor labels {@code int[n]} ({@link Labels}): class {@code k >= 0}
 * is one-hot at {@code k}, {@link Labels#BACKGROUND} all zeros, {@link Labels#IGNORE} a row with loss 0 and
 * gradient 0 that does not count for {@link Reduction#MEAN}.
 *
 * <p>Extreme inputs: the result is finite for every finite logit (tested up to {@code +-1e4} and
 * {@code +-Float.MAX_VALUE}); {@code +-Infinity} is treated as {@code +-Float.MAX_VALUE} (so a confidently
 * wrong infinite logit gives a loss of about 3.4e38 times the weight, a right one gives 0); targets are clamped
 * to {@code [0, 1]}. A NaN logit or target gives NaN for that element only (they are not checked, which would
 * cost a pass). Thread-safe; the instance only holds {@code alpha} and {@code gamma}.
 *
 * <pre>{@code
 * SigmoidFocalLoss focal = new SigmoidFocalLoss(0.25f, 2f);
 * float[] grad = new float[n * c];
 * double loss = focal.normalized(logits, labels, n, c, Reduction.perPositive(numPos), grad);
 * }</pre>
 */
public final class SigmoidFocalLoss {

    static final FocalKernels IMPL = Simd.select(MethodHandles.lookup(), FocalKernels.class,
            "dev.anchorvec.loss.VectorFocalKernels", ScalarFocalKernels::new);

    /** Largest accepted gamma: beyond it {@code (1 - p_t)^gamma} is 0 for every useful input anyway. */
    public static final float MAX_GAMMA = 100f;

    private final float alpha;
    private final float gamma;
    private final float aBase;
    private final float aSlope;

    /**
     * @param alpha weight of the positives in {@code [0, 1]}, or any negative value to switch the weight off
     *              (torchvision's default is 0.25)
     * @param gamma focusing exponent in {@code [0, MAX_GAMMA]} (torchvision's default 2; 0 gives BCE)
     * @throws IllegalArgumentException if alpha is NaN or above 1, or gamma is NaN, negative or above MAX_GAMMA
     */
    public SigmoidFocalLoss(float alpha, float gamma) {
        if (Float.isNaN(alpha) || alpha > 1f || alpha == Float.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("alpha must be in [0, 1] or negative (off), got " + alpha);
        }
        if (!(gamma >= 0f && gamma <= MAX_GAMMA)) {
            throw new IllegalArgumentException("gamma must be in [0, " + MAX_GAMMA + "], got " + gamma);
        }
        this.alpha = alpha;
        this.gamma = gamma;
        // alpha_t = alpha t + (1 - alpha)(1 - t) = (1 - alpha) + (2 alpha - 1) t; off: 1 + 0 t.
        this.aBase = alpha >= 0f ? 1f - alpha : 1f;
        this.aSlope = alpha >= 0f ? 2f * alpha - 1f : 0f;
    }

    /** torchvision's defaults: alpha 0.25, gamma 2. */
    public static SigmoidFocalLoss retinaNet() {
        return new SigmoidFocalLoss(0.25f, 2f);
    }

    /** The alpha given to the constructor. */
    public float alpha() {
        return alpha;
    }

    /** The gamma given to the constructor. */
    public float gamma() {
        return gamma;
    }

    /**
     * Reduction NONE with dense targets: {@code loss[i]} and, if {@code grad} is not null, {@code grad[i] =
     * dloss[i]/dlogits[i]} for {@code i < n * c}.
     *
     * @throws IllegalArgumentException if {@code n < 0}, {@code c < 1} or an array is shorter than
     *                                  {@code n * c}; nothing is written then
     */
    public void elementwise(float[] logits, float[] targets, int n, int c, float[] loss, float[] grad) {
        int size = checkDense(logits, targets, n, c, grad);
        Args.room(0, size, Args.notNull(loss, "loss").length, "loss");
        dense(logits, targets, size, loss, grad, 1f);
    }

    /**
     * Reduction NONE with per-anchor labels: as {@link #elementwise(float[], float[], int, int, float[], float[])}
     * with the one-hot targets of {@code labels}; rows labelled {@link Labels#IGNORE} get loss 0 and gradient 0.
     *
     * @throws IllegalArgumentException also if a label is outside {@code [-2, c)}
     */
    public void elementwise(float[] logits, int[] labels, int n, int c, float[] loss, float[] grad) {
        int size = Labels.labelled(logits, labels, n, c, grad);
        Args.room(0, size, Args.notNull(loss, "loss").length, "loss");
        labelled(logits, labels, n, c, loss, grad, 1f);
    }

    /**
     * The reduced loss with dense targets (MEAN over all {@code n * c} elements), and its gradient into
     * {@code grad} if not null.
     *
     * @throws IllegalArgumentException for bad shapes or lengths, or reduction NONE
     */
    public double reduce(float[] logits, float[] targets, int n, int c, Reduction reduction, float[] grad) {
        int size = checkDense(logits, targets, n, c, grad);
        double divisor = Args.oneOf(reduction, Reduction.REDUCED, "reduction").divisor(size);
        return dense(logits, targets, size, null, grad, (float) (1 / divisor)) / divisor;
    }

    /**
     * The reduced loss with per-anchor labels (MEAN over the {@code c} elements of each row not labelled
     * {@link Labels#IGNORE}), and its gradient into {@code grad} if not null.
     *
     * @throws IllegalArgumentException for bad shapes, lengths or labels, or reduction NONE
     */
    public double reduce(float[] logits, int[] labels, int n, int c, Reduction reduction, float[] grad) {
        Labels.labelled(logits, labels, n, c, grad);
        long kept = 0;
        for (int i = 0; i < n; i++) {
            kept += labels[i] == Labels.IGNORE ? 0 : 1;
        }
        double divisor = Args.oneOf(reduction, Reduction.REDUCED, "reduction").divisor(kept * c);
        return labelled(logits, labels, n, c, null, grad, (float) (1 / divisor)) / divisor;
    }

    /**
     * The summed loss divided by {@code divisor} (for detectors {@link Reduction#perPositive(int)}), and its
     * gradient into {@code grad} if not null: RetinaNet's {@code sigmoid_focal_loss(..., reduction="sum") /
     * max(1, num_foreground)}.
     *
     * @throws IllegalArgumentException for bad shapes, lengths or labels, or a divisor that is not finite and > 0
     */
    public double normalized(float[] logits, int[] labels, int n, int c, double divisor, float[] grad) {
        Labels.labelled(logits, labels, n, c, grad);
        Args.positive(divisor, "divisor");
        return labelled(logits, labels, n, c, null, grad, (float) (1 / divisor)) / divisor;
    }

    /** Dense-target form of {@link #normalized(float[], int[], int, int, double, float[])}. */
    public double normalized(float[] logits, float[] targets, int n, int c, double divisor, float[] grad) {
        int size = checkDense(logits, targets, n, c, grad);
        Args.positive(divisor, "divisor");
        return dense(logits, targets, size, null, grad, (float) (1 / divisor)) / divisor;
    }

    private static int checkDense(float[] logits, float[] targets, int n, int c, float[] grad) {
        int size = Labels.shape(n, c);
        Args.room(0, size, Args.notNull(logits, "logits").length, "logits");
        Args.room(0, size, Args.notNull(targets, "targets").length, "targets");
        if (grad != null) {
            Args.room(0, size, grad.length, "grad");
        }
        return size;
    }

    /** Runs the kernel in blocks of at most {@link Scratch#BLOCK}; null outputs go to scratch. */
    private double dense(float[] x, float[] t, int size, float[] loss, float[] grad, float gradScale) {
        float[][] scratch = Scratch.floats();
        double sum = 0;
        for (int s = 0; s < size; s += Scratch.BLOCK) {
            int len = Math.min(Scratch.BLOCK, size - s);
            sum += IMPL.focal(x, s, t, s, len, loss == null ? scratch[1] : loss, loss == null ? 0 : s,
                    grad == null ? scratch[2] : grad, grad == null ? 0 : s, aBase, aSlope, gamma, gradScale);
        }
        return sum;
    }

    /**
     * Cuts the rows into runs of non-ignored rows of at most {@link Scratch#BLOCK} elements, writes each run's
     * one-hot targets into scratch and runs the kernel on it; ignored rows are zeroed.
     */
    private double labelled(float[] x, int[] labels, int n, int c, float[] loss, float[] grad, float gradScale) {
        float[][] scratch = Scratch.floats();
        float[] t = scratch[0];
        int rowsPerRun = Math.max(1, Scratch.BLOCK / c);
        double sum = 0;
        int i = 0;
        while (i < n) {
            if (labels[i] == Labels.IGNORE) {
                zero(loss, grad, i * c, (i + 1) * c);
                i++;
                continue;
            }
            if (c > Scratch.BLOCK) {
                for (int s = 0; s < c; s += Scratch.BLOCK) {
                    int len = Math.min(Scratch.BLOCK, c - s);
                    Arrays.fill(t, 0, len, 0f);
                    int k = labels[i] - s;
                    if (k >= 0 && k < len) {
                        t[k] = 1f;
                    }
                    sum += run(x, i * c + s, t, len, loss, grad, gradScale, scratch);
                }
                i++;
                continue;
            }
            int j = i + 1;
            while (j < n && j - i < rowsPerRun && labels[j] != Labels.IGNORE) {
                j++;
            }
            int len = (j - i) * c;
            Arrays.fill(t, 0, len, 0f);
            for (int r = i; r < j; r++) {
                if (labels[r] >= 0) {
                    t[(r - i) * c + labels[r]] = 1f;
                }
            }
            sum += run(x, i * c, t, len, loss, grad, gradScale, scratch);
            i = j;
        }
        return sum;
    }

    private double run(float[] x, int off, float[] t, int len, float[] loss, float[] grad, float gradScale,
                       float[][] scratch) {
        return IMPL.focal(x, off, t, 0, len, loss == null ? scratch[1] : loss, loss == null ? 0 : off,
                grad == null ? scratch[2] : grad, grad == null ? 0 : off, aBase, aSlope, gamma, gradScale);
    }

    private static void zero(float[] loss, float[] grad, int from, int to) {
        if (loss != null) {
            Arrays.fill(loss, from, to, 0f);
        }
        if (grad != null) {
            Arrays.fill(grad, from, to, 0f);
        }
    }
}
