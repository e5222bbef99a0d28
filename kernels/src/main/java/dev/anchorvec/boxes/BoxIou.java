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
 * <p>Semantics: see {@link IouKind}. Results never contain NaN; inverted boxes are empty. Values equal
 * torchvision's float32 results bit for bit where those are defined, and the Vector API and scalar
 * implementations agree bit for bit except for CIoU in aligned form (its vector arctangent is within a few ulp).
 *
 * <pre>{@code
 * Boxes anchors = Boxes.ofXyxy(0, 0, 10, 10,   5, 5, 15, 15);
 * Boxes gt = Boxes.ofXyxy(0, 0, 10, 10);
 * float[] iou = BoxIou.pairwise(IouKind.IOU, anchors, gt);   // [1.0, 0.14285715]
 * }</pre>
 */
public final class BoxIou {

    private static final IouKernels IMPL = Simd.select(MethodHandles.lookup(), IouKernels.class,
            "dev.anchorvec.boxes.VectorIouKernels", ScalarIouKernels::new);

    private BoxIou() {}

    /** A new {@code a.size() x b.size()} row-major matrix of {@code kind(a[i], b[j])}. */
    public static float[] pairwise(IouKind kind, Boxes a, Boxes b) {
        Args.notNull(a, "a");
        Args.notNull(b, "b");
        long n = (long) a.size() * b.size();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a.size() x b.size() = " + n + " does not fit one array; use the "
                    + "tiled form");
        }
        float[] out = new float[(int) n];
        pairwise(kind, a, b, out);
        return out;
    }

    /** Writes the {@code a.size() x b.size()} row-major matrix into {@code out[0 ...]}. */
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
     * @throws IllegalArgumentException if a range is outside its boxes, {@code rowStride < bTo - bFrom}, or the
     *                                  tile does not fit in {@code out}; nothing is written then
     */
    public static void pairwise(IouKind kind, Boxes a, int aFrom, int aTo, Boxes b, int bFrom, int bTo,
                                float[] out, int outOffset, int rowStride) {
        Args.notNull(kind, "kind");
        Args.notNull(a, "a");
        Args.notNull(b, "b");
        Args.notNull(out, "out");
        Args.range(aFrom, aTo, a.size(), "a");
        Args.range(bFrom, bTo, b.size(), "b");
        Args.tile(outOffset, aTo - aFrom, bTo - bFrom, rowStride, out.length, "out");
        if (aTo > aFrom && bTo > bFrom) {
            IMPL.pairwise(kind, a, aFrom, aTo, b, bFrom, bTo, out, outOffset, rowStride);
        }
    }

    /** A new array of {@code kind(a[i], b[i])}; {@code a} and {@code b} must have the same size. */
    public static float[] aligned(IouKind kind, Boxes a, Boxes b) {
        Args.notNull(a, "a");
        float[] out = new float[a.size()];
        aligned(kind, a, b, out);
        return out;
    }

    /** Writes {@code kind(a[i], b[i])} into {@code out[i]}; {@code a} and {@code b} must have the same size. */
    public static void aligned(IouKind kind, Boxes a, Boxes b, float[] out) {
        Args.notNull(a, "a");
        Args.notNull(b, "b");
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("a.size() (" + a.size() + ") != b.size() (" + b.size() + ")");
        }
        aligned(kind, a, b, 0, a.size(), out, 0);
    }

    /**
     * Writes {@code out[outOffset + (i - from)] = kind(a[i], b[i])} for {@code i} in {@code [from, to)}.
     *
     * @throws IllegalArgumentException if the range is outside either set or {@code out} is too small
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
