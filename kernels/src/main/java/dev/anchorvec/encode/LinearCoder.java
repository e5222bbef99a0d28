package dev.anchorvec.encode;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.internal.Args;
import dev.anchorvec.simd.Simd;
import java.lang.invoke.MethodHandles;

/**
 * The FCOS coder: distances {@code (l, t, r, b)} from the anchor's centre to the four sides of a box, optionally
 * divided by the anchor's width and height. torchvision {@code BoxLinearCoder(normalize_by_size)} and detectron2
 * {@code Box2BoxTransformLinear}, in torchvision's float32 order: {@code cx = 0.5 * (x1 + x2)},
 * {@code l = cx - gx1}, {@code t = cy - gy1}, {@code r = gx2 - cx}, {@code b = gy2 - cy}, then {@code / w} or
 * {@code / h}; decode {@code x1 = cx - l * w} (or {@code cx - l}), {@code x2 = cx + r * w}, ...
 *
 * <p>Immutable, thread-safe. Scalar and Vector API kernels (chosen like {@link DeltaCoder}'s) give bit-identical
 * results. Rows are interleaved
 * {@code [n, 4]}. With {@code normalizeBySize}, encode needs anchors of positive width and height
 * ({@link IllegalArgumentException} naming the index otherwise, before anything is written); decode accepts any.
 */
public final class LinearCoder {

    private static final LinearKernels IMPL = Simd.select(MethodHandles.lookup(), LinearKernels.class,
            "dev.anchorvec.encode.VectorLinearKernels", ScalarLinearKernels::new);

    private final boolean normalizeBySize;

    private LinearCoder(boolean normalizeBySize) {
        this.normalizeBySize = normalizeBySize;
    }

    /** torchvision {@code BoxLinearCoder(normalize_by_size)} (FCOS uses {@code true}). */
    public static LinearCoder torchvision(boolean normalizeBySize) {
        return new LinearCoder(normalizeBySize);
    }

    /** Whether distances are divided by the anchor's width and height. */
    public boolean normalizeBySize() {
        return normalizeBySize;
    }

    /** A new {@code [n, 4]} array of {@code (l, t, r, b)} of {@code gt[i]} from {@code anchors[i]}. */
    public float[] encode(Boxes anchors, Boxes gt) {
        Args.notNull(anchors, "anchors");
        float[] out = new float[Args.allocation(4L * anchors.size(), Args.MAX_ARRAY_LENGTH, "4 * anchors.size()")];
        encode(anchors, gt, out, 0);
        return out;
    }

    /**
     * Writes {@code (l, t, r, b)} of {@code gt[i]} from the centre of {@code anchors[i]} into row {@code i}.
     *
     * @throws IllegalArgumentException if the sizes differ, {@code out} is too small, or (normalised) an anchor
     *                                  has width or height {@code <= 0}
     */
    public void encode(Boxes anchors, Boxes gt, float[] out, int outOffset) {
        int n = DeltaCoder.alignedArgs(anchors, gt, out, outOffset);
        if (normalizeBySize) {
            DeltaCoder.requirePositive(anchors, DeltaCoder.firstNotPositive(anchors, 0, n), "anchors", "normalize_by_size divides by the anchor size");
        }
        if (n > 0) {
            IMPL.encode(normalizeBySize, anchors, gt, n, out, outOffset);
        }
    }

    /** A new {@code [n, 4]} array of the xyxy boxes the codes describe. */
    public float[] decode(Boxes anchors, float[] codes) {
        Args.notNull(anchors, "anchors");
        Args.notNull(codes, "codes");
        if (codes.length != 4L * anchors.size()) {
            throw new IllegalArgumentException("codes.length " + codes.length + " != 4 * anchors.size() = "
                    + 4L * anchors.size());
        }
        float[] out = new float[codes.length];
        decode(anchors, codes, 0, out, 0);
        return out;
    }

    /**
     * Decodes row {@code i} of {@code codes} (from {@code codesOffset}) against {@code anchors[i]} into xyxy row
     * {@code i} of {@code out}. {@code out} may be {@code codes} at the same offset.
     *
     * @throws IllegalArgumentException if an array is too small
     */
    public void decode(Boxes anchors, float[] codes, int codesOffset, float[] out, int outOffset) {
        Args.notNull(anchors, "anchors");
        Args.notNull(codes, "codes");
        Args.notNull(out, "out");
        int n = anchors.size();
        int floats = Args.allocation(4L * n, Args.MAX_ARRAY_LENGTH, "4 * anchors.size()");
        Args.room(codesOffset, floats, codes.length, "codes");
        Args.room(outOffset, floats, out.length, "out");
        if (n > 0) {
            IMPL.decode(normalizeBySize, anchors, n, codes, codesOffset, out, outOffset);
        }
    }

    @Override
    public String toString() {
        return "LinearCoder[normalizeBySize=" + normalizeBySize + "]";
    }
}
