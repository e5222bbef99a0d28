package dev.anchorvec.boxes;

import dev.anchorvec.internal.Args;
import dev.anchorvec.simd.Simd;
import java.lang.invoke.MethodHandles;

/**
 * The IoU family ({@link IouKind}: IoU, IoA over either box, GIoU, DIoU, CIoU) as pairwise {@code N x M}
 * matrices and in aligned form ({@code a[i]} against {@code b[i]}).
 *
 * <p>Matrices are row-major: row {@code i} holds box {@code a[i]} against every box of {@code b}. The tiled form
 * {@link #pairwise(IouKind, Boxes, int, int, Boxes, int, int, float[], int, int)} writes any sub-range into any
 * place of a caller's array, so a matrix too large for one array (or for the cache) can be produced a tile at
 * a time. Nothing allocates except the convenience forms that return a new array.
 *
 * <p><b>Answers.</b> See {@link IouKind}. Results are never NaN and never infinite, whatever the coordinates
 * (NaN, infinite, inverted, huge or subnormal boxes included): an undefined value is 0, and a DIoU or CIoU
 * penalty that overflows float32 saturates at {@code -Float.MAX_VALUE}. Values equal torchvision's float32
 * results bit for bit where those are defined and finite, and the Vector API and scalar implementations agree
 * bit for bit except for CIoU in aligned form (its vector arctangent is within 4 ulp of 1).
 *
 * <p><b>Validation.</b> Every argument is checked before anything is allocated or written, with an
 * {@link IllegalArgumentException} naming it ({@link NullPointerException} for null): ranges within their
 * boxes, the output's room (tile bounds computed in {@code long}), and that the output does not overlap the
 * planes of boxes the call reads. The allocating {@link #pairwise(IouKind, Boxes, Boxes)} refuses matrices of
 * more than {@link #MAX_ALLOCATED_MATRIX} values; larger ones go through the tiled form. Boxes themselves are not
 * checked (see {@link BoxValidation}).
 *
 * <p><b>Threads.</b> Stateless and thread-safe; concurrent calls share nothing but their arguments (the scratch
 * of the multi-pass kinds is per thread).
 *
 * <pre>{@code
 * Boxes anchors = Boxes.ofXyxy(0, 0, 10, 10,   5, 5, 15, 15);
 * Boxes gt = Boxes.ofXyxy(0, 0, 10, 10);
 * float[] iou = BoxIou.pairwise(IouKind.IOU, anchors, gt);   // [1.0, 0.14285715]
 * }</pre>
 */
public final class BoxIou {

    /**
     * The largest matrix {@link #pairwise(IouKind, Boxes, Boxes)} allocates: {@code 2^24} values (64 MiB), for
     * example 160,000 anchors x 100 boxes. Beyond it the call throws rather than allocate; write tiles into
     * arrays of your own, or use {@link BestIou}, which needs no matrix.
     */
    public static final int MAX_ALLOCATED_MATRIX = 1 << 24;

    private static final IouKernels IMPL = Simd.select(MethodHandles.lookup(), IouKernels.class,
            "dev.anchorvec.boxes.VectorIouKernels", ScalarIouKernels::new);

    private BoxIou() {}

    /**
     * A new {@code a.size() x b.size()} row-major matrix of {@code kind(a[i], b[j])}.
     *
     * @throws IllegalArgumentException if the matrix would hold more than {@link #MAX_ALLOCATED_MATRIX} values
     */
    public static float[] pairwise(IouKind kind, Boxes a, Boxes b) {
        Args.notNull(kind, "kind");
        Args.notNull(a, "a");
        Args.notNull(b, "b");
        int n = Args.allocation((long) a.size() * b.size(), MAX_ALLOCATED_MATRIX, "a.size() * b.size()");
        float[] out = new float[n];
        pairwise(kind, a, b, out);
        return out;
    }

    /**
     * Writes the {@code a.size() x b.size()} row-major matrix into {@code out[0 ...]}.
     *
     * @throws IllegalArgumentException if {@code out} is too small or overlaps the planes of {@code a} or
     *                                  {@code b}; nothing is written then
     */
    public static void pairwise(IouKind kind, Boxes a, Boxes b, float[] out) {
        Args.notNull(a, "a");
        Args.notNull(b, "b");
        pairwise(kind, a, 0, a.size(), b, 0, b.size(), out, 0, b.size());
    }

    /**
     * Writes a tile: {@code out[outOffset + (i - aFrom) * rowStride + (j - bFrom)] = kind(a[i], b[j])} for
     * {@code i} in {@code [aFrom, aTo)} and {@code j} in {@code [bFrom, bTo)}. Nothing else in {@code out} is
     * touched.
     *
     * @throws IllegalArgumentException if a range is outside its boxes, {@code rowStride < bTo - bFrom}, the tile
     *                                  does not fit in {@code out}, or the span of the tile in {@code out}
     *                                  overlaps the planes of {@code a[aFrom, aTo)} or {@code b[bFrom, bTo)};
     *                                  nothing is written then
     */
    public static void pairwise(IouKind kind, Boxes a, int aFrom, int aTo, Boxes b, int bFrom, int bTo,
                                float[] out, int outOffset, int rowStride) {
        Args.notNull(kind, "kind");
        Args.notNull(a, "a");
        Args.notNull(b, "b");
        Args.notNull(out, "out");
        Args.range(aFrom, aTo, a.size(), "a");
        Args.range(bFrom, bTo, b.size(), "b");
        int rows = aTo - aFrom, cols = bTo - bFrom;
        Args.tile(outOffset, rows, cols, rowStride, out.length, "out");
        if (rows > 0 && cols > 0) {
            long span = (long) (rows - 1) * rowStride + cols;
            PlaneOverlap.check(out, outOffset, span, "out", a, aFrom, aTo, "a");
            PlaneOverlap.check(out, outOffset, span, "out", b, bFrom, bTo, "b");
            IMPL.pairwise(kind, a, aFrom, aTo, b, bFrom, bTo, out, outOffset, rowStride);
        }
    }

    /** A new array of {@code kind(a[i], b[i])}; {@code a} and {@code b} must have the same size. */
    public static float[] aligned(IouKind kind, Boxes a, Boxes b) {
        Args.notNull(kind, "kind");
        Args.notNull(a, "a");
        Args.notNull(b, "b");
        Args.sameSize(a.size(), "a.size()", b.size(), "b.size()");
        float[] out = new float[a.size()];
        aligned(kind, a, b, out);
        return out;
    }

    /**
     * Writes {@code kind(a[i], b[i])} into {@code out[i]}; {@code a} and {@code b} must have the same size.
     *
     * @throws IllegalArgumentException if the sizes differ, {@code out} is too small or overlaps the planes of
     *                                  {@code a} or {@code b}; nothing is written then
     */
    public static void aligned(IouKind kind, Boxes a, Boxes b, float[] out) {
        Args.notNull(a, "a");
        Args.notNull(b, "b");
        Args.sameSize(a.size(), "a.size()", b.size(), "b.size()");
        aligned(kind, a, b, 0, a.size(), out, 0);
    }

    /**
     * Writes {@code out[outOffset + (i - from)] = kind(a[i], b[i])} for {@code i} in {@code [from, to)}.
     *
     * @throws IllegalArgumentException if the range is outside either set, {@code out} is too small, or the
     *                                  written range overlaps the planes of {@code a} or {@code b} it reads;
     *                                  nothing is written then
     */
    public static void aligned(IouKind kind, Boxes a, Boxes b, int from, int to, float[] out, int outOffset) {
        Args.notNull(kind, "kind");
        Args.notNull(a, "a");
        Args.notNull(b, "b");
        Args.notNull(out, "out");
        Args.range(from, to, a.size(), "a");
        Args.range(from, to, b.size(), "b");
        Args.room(outOffset, to - from, out.length, "out");
        if (to > from) {
            PlaneOverlap.check(out, outOffset, to - from, "out", a, from, to, "a");
            PlaneOverlap.check(out, outOffset, to - from, "out", b, from, to, "b");
            IMPL.aligned(kind, a, b, from, to, out, outOffset);
        }
    }

    /** {@code kind} of one pair of xyxy boxes, with the same semantics and bits as the array forms. */
    public static float of(IouKind kind, float ax1, float ay1, float ax2, float ay2, float bx1, float by1,
                           float bx2, float by2) {
        Args.notNull(kind, "kind");
        boolean ciou = kind == IouKind.CIOU;
        return PairMath.pair(kind, ax1, ay1, ax2, ay2, PairMath.area(ax1, ay1, ax2, ay2),
                ciou ? PairMath.aspectAngle(ax1, ay1, ax2, ay2) : 0f, bx1, by1, bx2, by2,
                PairMath.area(bx1, by1, bx2, by2), ciou ? PairMath.aspectAngle(bx1, by1, bx2, by2) : 0f);
    }
}
