package dev.anchorvec.boxes;

import dev.anchorvec.internal.Args;
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
 *
 * <p><b>Answers.</b> Every {@code out[i]} is -1 or an index of {@code b}, for any coordinates and targets (NaN,
 * infinite and inverted boxes have the IoU {@link IouKind#IOU} gives them, never NaN). With block maxima the
 * answer is the same as without. The Vector API and scalar implementations give the same answers.
 *
 * <p><b>Validation.</b> Before anything is written: null arguments and the lengths of {@code target},
 * {@code out} and {@code blockMax} (computed in {@code long}), with an {@link IllegalArgumentException} naming
 * the argument. {@code target} and {@code blockMax} are only read, so they may share arrays with the boxes.
 *
 * <p><b>Threads.</b> Stateless and thread-safe.
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
        lastEqual(a, b, target, out, null);
    }

    /**
     * {@link #lastEqual(Boxes, Boxes, float[], int[])} with the block maxima of
     * {@link BestIou#compute(Boxes, Boxes, float[], int[], float[], int[], float[])} for the same sets: block
     * {@code k} is skipped for {@code b[j]} when {@code target[j] > blockMax[k * M + j]}, so with targets that are
     * each gt's maximum only the blocks holding that maximum are swept. The result is the same as without.
     *
     * @param blockMax null, or the block maxima of {@code a} against {@code b}
     * @throws IllegalArgumentException as the other form, or if {@code blockMax} is too short
     */
    public static void lastEqual(Boxes a, Boxes b, float[] target, int[] out, float[] blockMax) {
        Args.notNull(a, "a");
        Args.notNull(b, "b");
        Args.notNull(target, "target");
        Args.notNull(out, "out");
        Args.room(0, b.size(), target.length, "target");
        Args.room(0, a.size(), out.length, "out");
        if (blockMax != null) {
            Args.room(0, (long) BestIou.blocks(a.size()) * b.size(), blockMax.length, "blockMax");
        }
        if (b.size() == 0) {
            Arrays.fill(out, 0, a.size(), -1);
            return;
        }
        if (a.size() > 0) {
            IMPL.lastEqual(a, b, target, out, blockMax);
        }
    }
}
