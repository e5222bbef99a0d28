package dev.anchorvec.loss;

import dev.anchorvec.boxes.IouKind;
import dev.anchorvec.internal.Args;
import dev.anchorvec.simd.Simd;
import java.lang.invoke.MethodHandles;
import java.util.Objects;

/**
 * IoU-family losses on decoded boxes, {@code 1 - metric}, per aligned pair (predicted box {@code a} against its
 * target box {@code a}), with the analytic gradient with respect to the predicted coordinates: torchvision's
 * {@code box_iou}-based IoU loss, {@code generalized_box_iou_loss}, {@code distance_box_iou_loss} and
 * {@code complete_box_iou_loss} (eps = 1e-7). CIoU's {@code alpha} is held constant in the gradient, as
 * torchvision computes it under {@code no_grad}. The vector kernel gathers the positive pairs into planar
 * tiles first, so its cost follows the number of positives, not of anchors.
 *
 * <p>Boxes are interleaved xyxy {@code float[n * 4]}, the layout decoders and regression heads produce;
 * {@code matches[a] >= 0} marks the pairs that take part (the matcher's codes: -1 background and -2 ignore give
 * loss 0 and gradient 0). Degenerate input (inverted or empty boxes) gives a finite value; see
 * {@link IouLossMath} for the exact conventions where torchvision divides by zero. Coordinates should stay
 * below about 1e18 in magnitude so that squared extents do not overflow.
 */
public final class IouLoss {

    static final IouLossKernels IMPL = Simd.select(MethodHandles.lookup(), IouLossKernels.class,
            "dev.anchorvec.loss.VectorIouLossKernels", ScalarIouLossKernels::new);

    private final IouKind kind;
    private final int code;

    /**
     * @param kind {@link IouKind#IOU}, {@link IouKind#GIOU}, {@link IouKind#DIOU} or {@link IouKind#CIOU}
     * @throws IllegalArgumentException for the other kinds (intersection over one area has no loss here)
     */
    public IouLoss(IouKind kind) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.code = switch (kind) {
            case IOU -> IouLossMath.IOU;
            case GIOU -> IouLossMath.GIOU;
            case DIOU -> IouLossMath.DIOU;
            case CIOU -> IouLossMath.CIOU;
            default -> throw new IllegalArgumentException("kind must be IOU, GIOU, DIOU or CIOU, got " + kind);
        };
    }

    /** The kind given to the constructor. */
    public IouKind kind() {
        return kind;
    }

    /**
     * Per-pair losses {@code loss[a]} for {@code a < n} (0 where {@code matches[a] < 0}) and, if {@code grad} is not
     * null, {@code grad[4a .. 4a + 3] = dloss[a]/dpred[4a .. 4a + 3]}.
     *
     * @throws IllegalArgumentException if {@code n < 0}, an array is too short or a match code is below -2;
     *                                  nothing is written then
     */
    public void elementwise(float[] pred, float[] target, int[] matches, int n, float[] loss, float[] grad) {
        Labels.boxLoss(pred, target, matches, n, grad);
        Args.room(0, n, Args.notNull(loss, "loss").length, "loss");
        run(pred, target, matches, n, loss, grad, 1f);
    }

    /**
     * The reduced loss (MEAN over the positive pairs) and its gradient into {@code grad} if not null.
     *
     * @throws IllegalArgumentException as {@link #elementwise}, or for reduction NONE
     */
    public double reduce(float[] pred, float[] target, int[] matches, int n, Reduction reduction, float[] grad) {
        int positives = Labels.boxLoss(pred, target, matches, n, grad);
        double divisor = Args.oneOf(reduction, Reduction.REDUCED, "reduction").divisor(positives);
        return run(pred, target, matches, n, null, grad, 1 / divisor) / divisor;
    }

    /**
     * The summed loss over the positive pairs divided by {@code divisor}, and its gradient into {@code grad}.
     *
     * @throws IllegalArgumentException as {@link #elementwise}, or for a divisor that is not finite and > 0
     */
    public double normalized(float[] pred, float[] target, int[] matches, int n, double divisor, float[] grad) {
        Labels.boxLoss(pred, target, matches, n, grad);
        Args.positive(divisor, "divisor");
        return run(pred, target, matches, n, null, grad, 1 / divisor) / divisor;
    }

    private double run(float[] pred, float[] target, int[] matches, int n, float[] loss, float[] grad,
                       double gradScale) {
        return IMPL.run(code, pred, target, matches, n, loss, grad, (float) gradScale);
    }
}
