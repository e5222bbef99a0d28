package dev.anchorvec.boxes;

import dev.anchorvec.internal.Args;
import dev.anchorvec.simd.Simd;
import java.lang.invoke.MethodHandles;

/**
 * Per-box operations: area, clipping to an image, removal of small boxes. Same conventions as torchvision's
 * {@code box_area}, {@code clip_boxes_to_image} and {@code remove_small_boxes}, except that an inverted box has
 * area 0. A NaN coordinate stays NaN (area NaN, clip leaves it): find such boxes with {@link BoxValidation}.
 */
public final class BoxOps {

    private static final BoxOpsKernels IMPL = Simd.select(MethodHandles.lookup(), BoxOpsKernels.class,
            "dev.anchorvec.boxes.VectorBoxOpsKernels", ScalarBoxOpsKernels::new);

    private BoxOps() {}

    /** A new array of the boxes' areas, {@code max(x2 - x1, 0) * max(y2 - y1, 0)}. */
    public static float[] area(Boxes boxes) {
        Args.notNull(boxes, "boxes");
        float[] out = new float[boxes.size()];
        area(boxes, 0, boxes.size(), out, 0);
        return out;
    }

    /** Writes the areas of {@code boxes[from, to)} into {@code out[outOffset ...]}. */
    public static void area(Boxes boxes, int from, int to, float[] out, int outOffset) {
        Args.notNull(boxes, "boxes");
        Args.notNull(out, "out");
        Args.range(from, to, boxes.size(), "boxes");
        Args.room(outOffset, to - from, out.length, "out");
        if (to > from) {
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
        if (!(width >= 0 && width < Float.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("width must be finite and >= 0, got " + width);
        }
        if (!(height >= 0 && height < Float.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("height must be finite and >= 0, got " + height);
        }
        IMPL.clip(boxes, width, height);
    }

    /**
     * Writes, in increasing order, the indices of the boxes whose width and height are both {@code >= minSize}
     * into {@code keep}, and returns how many there are. {@code keep} must hold {@code boxes.size()} ints (the
     * vector code writes whole vectors into it). Boxes with a NaN coordinate are removed.
     *
     * @throws IllegalArgumentException if {@code minSize} is NaN or {@code keep} is shorter than the boxes
     */
    public static int removeSmall(Boxes boxes, float minSize, int[] keep) {
        Args.notNull(boxes, "boxes");
        Args.notNull(keep, "keep");
        if (Float.isNaN(minSize)) {
            throw new IllegalArgumentException("minSize must not be NaN");
        }
        Args.room(0, boxes.size(), keep.length, "keep");
        return IMPL.removeSmall(boxes, minSize, keep);
    }
}
