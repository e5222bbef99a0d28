package dev.anchorvec.boxes;

import dev.anchorvec.simd.Simd;
import java.lang.invoke.MethodHandles;
import java.util.Arrays;

/**
 * The fused "who reaches a target IoU" pass of low-quality matching: for each box of {@code a}, the highest index
 * {@code j} of {@code b} whose IoU with it equals {@code target[j]} exactly, without the {@code N x M} matrix.
 * With {@code target} = each gt's best IoU (from {@link BestIou}) this finds the anchors that achieve some gt's
 * maximum, ties included, which is what torchvision's and mmdet's low-quality matching select.
 *
 * <p>The IoU is recomputed with {@link IouKind#IOU}'s float32 order of operations, so it is bit-identical to
 * {@link BestIou} and {@link BoxIou}; the comparison is float {@code ==}. A NaN target never matches (use it
 * to leave a box of {@code b} out).
 */
public final class IouTies {

    private static final TieKernels IMPL = Simd.select(MethodHandles.lookup(), TieKernels.class,
            "dev.anchorvec.boxes.VectorTieKernels", ScalarTieKernels::new);

    private IouTies() {}

    /**
     * Writes {@code out[i]} = the highest {@code j} with {@code IoU(a[i], b[j]) == target[j]}, or -1 if there is
     * none, for {@code i < a.size()}.
     *
     * @throws IllegalArgumentException if {@code target} is shorter than {@code b} or {@code out} shorter than
     *                                  {@code a}; nothing is written then
     */
    public static void lastEqual(Boxes a, Boxes b, float[] target, int[] out) {
        Args.notNull(a, "a");
        Args.notNull(b, "b");
        Args.notNull(target, "target");
        Args.notNull(out, "out");
        Args.room("target", target.length, 0, b.size());
        Args.room("out", out.length, 0, a.size());
        if (b.size() == 0) {
            Arrays.fill(out, 0, a.size(), -1);
            return;
        }
        if (a.size() > 0) {
            IMPL.lastEqual(a, b, target, out);
        }
    }
}
