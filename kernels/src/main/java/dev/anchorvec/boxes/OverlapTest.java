package dev.anchorvec.boxes;

import dev.anchorvec.internal.Args;
import dev.anchorvec.simd.Simd;
import java.lang.invoke.MethodHandles;
import java.util.Arrays;

/**
 * Division-free threshold tests of one box against many: which boxes of a set have {@code IoU > threshold}
 * with a given box, as a count, a {@code boolean[]} mask or a bitset. This is NMS's inner loop.
 *
 * <p>The decision is exactly {@code BoxIou.of(IouKind.IOU, box, other) > threshold}, with the float32 IoU
 * compared to the threshold as a double (as torchvision's NMS compares), but it is computed as
 * {@code inter > beta * union} with no division (see {@link IouThreshold}): an IoU equal to the threshold is
 * not above it, and a threshold of {@code 0.3} (a double) is exceeded by an IoU of {@code 0.3f}, exactly as in
 * torchvision. A negative threshold counts every box; a NaN threshold is rejected.
 *
 * <p><b>Answers.</b> A box with a NaN coordinate, an inverted box and an empty box exceed no threshold
 * {@code >= 0}; huge and infinite boxes are tested exactly as the float32 IoU would be (an IoU that is
 * undefined is 0). The count equals the number of {@code true} entries or set bits written; bits past
 * {@code to - from} are 0. The Vector API and scalar implementations give the same answers.
 *
 * <p><b>Validation.</b> Before anything is written: null arguments, {@code index} within {@code boxes}, the range
 * within {@code others}, a NaN threshold, and the room of {@code mask} (from {@code maskOffset}) or
 * {@code bits}, with an {@link IllegalArgumentException} naming the argument.
 *
 * <p><b>Threads.</b> Stateless and thread-safe.
 *
 * <pre>{@code
 * long[] overlapping = new long[(boxes.size() + 63) / 64];
 * int n = OverlapTest.bitsAbove(boxes, 0, boxes, 0, boxes.size(), 0.5, overlapping);
 * }</pre>
 */
public final class OverlapTest {

    private static final OverlapKernels SCALAR = new ScalarOverlapKernels();
    private static final OverlapKernels IMPL = Simd.select(MethodHandles.lookup(), OverlapKernels.class,
            "dev.anchorvec.boxes.VectorOverlapKernels", ScalarOverlapKernels::new);
    private static final int MIN_RUN = IMPL.minRun();

    private OverlapTest() {}

    /** Number of boxes in {@code others[from, to)} whose IoU with box {@code index} of {@code boxes} exceeds t. */
    public static int countAbove(Boxes boxes, int index, Boxes others, int from, int to, double threshold) {
        Args.notNull(boxes, "boxes");
        checkIndex(boxes, index);
        return countAbove(boxes.x1(index), boxes.y1(index), boxes.x2(index), boxes.y2(index), others, from, to,
                threshold);
    }

    /** Number of boxes in {@code others[from, to)} whose IoU with the xyxy box exceeds {@code threshold}. */
    public static int countAbove(float x1, float y1, float x2, float y2, Boxes others, int from, int to,
                                 double threshold) {
        check(others, from, to, threshold);
        return switch (IouThreshold.mode(threshold)) {
            case IouThreshold.ALL -> to - from;
            case IouThreshold.NONE -> 0;
            default -> kernel(from, to).test(x1, y1, x2, y2, others, from, to, IouThreshold.beta(threshold),
                    IouThreshold.inclusive(threshold), null, 0, null);
        };
    }

    /**
     * {@code mask[maskOffset + k] = IoU(box, others[from + k]) > threshold} for {@code k < to - from}.
     *
     * @return the number of {@code true} entries written
     */
    public static int maskAbove(Boxes boxes, int index, Boxes others, int from, int to, double threshold,
                                boolean[] mask, int maskOffset) {
        Args.notNull(boxes, "boxes");
        checkIndex(boxes, index);
        return maskAbove(boxes.x1(index), boxes.y1(index), boxes.x2(index), boxes.y2(index), others, from, to,
                threshold, mask, maskOffset);
    }

    /** Mask form for an xyxy box; see {@link #maskAbove(Boxes, int, Boxes, int, int, double, boolean[], int)}. */
    public static int maskAbove(float x1, float y1, float x2, float y2, Boxes others, int from, int to,
                                double threshold, boolean[] mask, int maskOffset) {
        check(others, from, to, threshold);
        Args.notNull(mask, "mask");
        Args.room(maskOffset, to - from, mask.length, "mask");
        int mode = IouThreshold.mode(threshold);
        if (mode != IouThreshold.TEST) {
            boolean all = mode == IouThreshold.ALL;
            Arrays.fill(mask, maskOffset, maskOffset + to - from, all);
            return all ? to - from : 0;
        }
        return kernel(from, to).test(x1, y1, x2, y2, others, from, to, IouThreshold.beta(threshold),
                IouThreshold.inclusive(threshold), mask, maskOffset, null);
    }

    /**
     * Sets bit {@code k} ({@code bits[k >>> 6] & (1L << k)}) iff {@code IoU(box, others[from + k]) > threshold}.
     * Words {@code [0, ceil((to - from) / 64))} are overwritten entirely (bits past {@code to - from} are 0).
     *
     * @return the number of bits set
     */
    public static int bitsAbove(Boxes boxes, int index, Boxes others, int from, int to, double threshold,
                                long[] bits) {
        Args.notNull(boxes, "boxes");
        checkIndex(boxes, index);
        return bitsAbove(boxes.x1(index), boxes.y1(index), boxes.x2(index), boxes.y2(index), others, from, to,
                threshold, bits);
    }

    /** Bitset form for an xyxy box; see {@link #bitsAbove(Boxes, int, Boxes, int, int, double, long[])}. */
    public static int bitsAbove(float x1, float y1, float x2, float y2, Boxes others, int from, int to,
                                double threshold, long[] bits) {
        check(others, from, to, threshold);
        Args.notNull(bits, "bits");
        int n = to - from;
        int words = (n + 63) >>> 6;
        Args.room(0, words, bits.length, "bits");
        int mode = IouThreshold.mode(threshold);
        if (mode != IouThreshold.TEST) {
            boolean all = mode == IouThreshold.ALL;
            for (int w = 0; w < words; w++) {
                int inWord = Math.min(64, n - (w << 6));
                bits[w] = all ? (inWord == 64 ? -1L : (1L << inWord) - 1) : 0L;
            }
            return all ? n : 0;
        }
        return kernel(from, to).test(x1, y1, x2, y2, others, from, to, IouThreshold.beta(threshold),
                IouThreshold.inclusive(threshold), null, 0, bits);
    }

    /**
     * The scalar kernel for runs shorter than the implementation's {@code minRun()}, chosen here before the vector
     * kernel is called: fed mostly such runs (a pipeline's per-class NMS on a few candidates), the vector kernel's
     * loop looked cold to C2, which then left its step helper out of line and boxed vectors (27 KB per RetinaNet
     * image).
     */
    private static OverlapKernels kernel(int from, int to) {
        return to - from < MIN_RUN ? SCALAR : IMPL;
    }

    private static void check(Boxes others, int from, int to, double threshold) {
        Args.notNull(others, "others");
        Args.range(from, to, others.size(), "others");
        Args.notNaN(threshold, "threshold");
    }

    private static void checkIndex(Boxes boxes, int index) {
        Args.index(index, boxes.size(), "index");
    }
}
