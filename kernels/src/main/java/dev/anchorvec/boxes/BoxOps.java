package dev.anchorvec.boxes;

import dev.anchorvec.internal.Args;
import dev.anchorvec.simd.Simd;
import java.lang.invoke.MethodHandles;

/**
 * Per-box operations: area, clipping to an image, removal of small boxes. Same conventions as torchvision's
 * {@code box_area}, {@code clip_boxes_to_image} and {@code remove_small_boxes}, except that an inverted box has
 * area 0 and that areas saturate instead of overflowing.
 *
 * <p><b>Answers.</b> The area is {@code max(x2 - x1, 0) * max(y2 - y1, 0)} in float32, with each extent and the
 * product clamped to {@code Float.MAX_VALUE}: a box whose width, height or area exceeds the float range
 * (finite coordinates more than {@code 3.4e38} apart, an area above it, or an infinite coordinate) reports
 * {@code Float.MAX_VALUE} for it, never infinity, and a zero extent makes the area 0. A NaN coordinate stays
 * NaN (area NaN, clip leaves it): find such boxes with {@link BoxValidation}. Clipping clamps each coordinate to
 * {@code [0, width]} or {@code [0, height]}. The Vector API and scalar implementations give the same bits.
 *
 * <p><b>Validation.</b> Before anything is written: null arguments, ranges within the boxes, the room of the
 * outputs, an output that overlaps the planes read, a NaN {@code minSize}, and image sides that are not finite
 * and {@code >= 0}, with an {@link IllegalArgumentException} naming the argument.
 *
 * <p><b>Threads.</b> Stateless and thread-safe; {@link #clip} writes the boxes it is given, so two threads must
 * not clip the same boxes at once.
 */
public final class BoxOps {

    private static final BoxOpsKernels IMPL = Simd.select(MethodHandles.lookup(), BoxOpsKernels.class,
            "dev.anchorvec.boxes.VectorBoxOpsKernels", ScalarBoxOpsKernels::new);

    private BoxOps() {}

    /** A new array of the boxes' areas (see the class description for the saturation). */
    public static float[] area(Boxes boxes) {
        Args.notNull(boxes, "boxes");
        float[] out = new float[boxes.size()];
        area(boxes, 0, boxes.size(), out, 0);
        return out;
    }

    /**
     * Writes the areas of {@code boxes[from, to)} into {@code out[outOffset ...]}.
     *
     * @throws IllegalArgumentException if the range is outside the boxes, {@code out} is too small or the
     *                                  written range overlaps the planes of the boxes; nothing is written then
     */
    public static void area(Boxes boxes, int from, int to, float[] out, int outOffset) {
        Args.notNull(boxes, "boxes");
        Args.notNull(out, "out");
        Args.range(from, to, boxes.size(), "boxes");
        Args.room(outOffset, to - from, out.length, "out");
        if (to > from) {
            PlaneOverlap.check(out, outOffset, to - from, "out", boxes, from, to, "boxes");
            IMPL.area(boxes, from, to, out, outOffset);
        }
    }

    /**
     * Clamps every box in place to the image {@code [0, width] x [0, height]}.
     *
     * @throws IllegalArgumentException if {@code width} or {@code height} is negative, NaN or infinite
     */
    public static void clip(Boxes boxes, float width, float height) {
        Args.notNull(boxes, "boxes");
        Args.nonNegative(width, "width");
        Args.nonNegative(height, "height");
        IMPL.clip(boxes, width, height);
    }

    /**
     * Writes, in increasing order, the indices of the boxes whose width and height are both {@code >= minSize}
     * into {@code keep[0, count)}, and returns {@code count}; the rest of {@code keep} is not touched.
     * {@code keep} must hold {@code boxes.size()} ints. Boxes with a NaN coordinate are removed; a box whose
     * width overflows to infinity is kept (it is larger than any {@code minSize}).
     *
     * @throws IllegalArgumentException if {@code minSize} is NaN or {@code keep} is shorter than the boxes
     */
    public static int removeSmall(Boxes boxes, float minSize, int[] keep) {
        Args.notNull(boxes, "boxes");
        Args.notNull(keep, "keep");
        Args.notNaN(minSize, "minSize");
        Args.room(0, boxes.size(), keep.length, "keep");
        return IMPL.removeSmall(boxes, minSize, keep);
    }
}
