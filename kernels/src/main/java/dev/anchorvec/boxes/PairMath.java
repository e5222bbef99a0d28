package dev.anchorvec.boxes;

import dev.anchorvec.simd.FloatMath;

/**
 * The scalar formulas of the IoU family, one place for the order of operations every implementation must
 * reproduce bit for bit.
 *
 * <p>min/max: the vector code writes them as compare + blend, because {@code FloatVector.min} carries Java's NaN
 * and signed-zero rules and runs at half the speed. Scalar code does the opposite: {@code Math.min} is a
 * branch-free intrinsic, while {@code a < b ? a : b} compiles to a branch that random boxes mispredict half the
 * time (4x slower, measured). The two forms differ only for NaN and signed zeros, and neither reaches an
 * output: an intersection is clamped to +0, a NaN coordinate makes the union NaN and the result 0. The
 * property tests hold both implementations to the same bits, NaN and infinite coordinates included.
 */
final class PairMath {

    /** torchvision's eps for DIoU and CIoU. */
    static final float EPS = 1e-7f;
    /** {@code 4 / pi^2} as float32. */
    static final float FOUR_OVER_PI_SQ = (float) (4 / (Math.PI * Math.PI));

    private PairMath() {}

    static float min(float a, float b) {
        return Math.min(a, b);
    }

    static float max(float a, float b) {
        return Math.max(a, b);
    }

    /** {@code hi - lo}, or 0 when negative (an inverted box is empty); NaN stays NaN so it can be detected. */
    static float extent(float lo, float hi) {
        float w = hi - lo;
        return w < 0 ? 0 : w;
    }

    static float area(float x1, float y1, float x2, float y2) {
        return extent(x1, x2) * extent(y1, y2);
    }

    /**
     * {@link BoxOps}' area: each extent and the product clamped to {@code Float.MAX_VALUE}, so a finite (or
     * infinite) box never has an infinite or NaN area; a NaN coordinate still gives NaN. Equal to {@link #area}
     * whenever that is finite. (The IoU family keeps {@link #area}: its bits follow torchvision.)
     */
    static float saturatedArea(float x1, float y1, float x2, float y2) {
        return belowMax(belowMax(extent(x1, x2)) * belowMax(extent(y1, y2)));
    }

    /** {@code min(v, Float.MAX_VALUE)}, NaN kept (compare + select, as the vector code does). */
    static float belowMax(float v) {
        return v > Float.MAX_VALUE ? Float.MAX_VALUE : v;
    }

    /**
     * Length of the overlap of [alo, ahi] and [blo, bhi], or +0 (never -0.0, so the intersection, and the IoU,
     * does not depend on which box comes first; NaN coordinates reach the result through the areas).
     */
    static float overlap(float alo, float ahi, float blo, float bhi) {
        return Math.max(min(ahi, bhi) - max(alo, blo), 0f);
    }

    static float inter(float ax1, float ay1, float ax2, float ay2, float bx1, float by1, float bx2, float by2) {
        return overlap(ax1, ax2, bx1, bx2) * overlap(ay1, ay2, by1, by2);
    }

    /** IoU from the intersection's corners and both areas: {@code nanToZero(inter / (areaA + areaB - inter))}. */
    static float iou(float ax1, float ay1, float ax2, float ay2, float areaA, float bx1, float by1, float bx2,
                     float by2, float areaB) {
        float inter = inter(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
        return nanToZero(inter / ((areaA + areaB) - inter));
    }

    /** Length of the smallest interval enclosing both, or 0. */
    static float enclosing(float alo, float ahi, float blo, float bhi) {
        return extent(min(alo, blo), max(ahi, bhi));
    }

    /** The family's "undefined means 0" rule. */
    static float nanToZero(float r) {
        return r == r ? r : 0f;
    }

    /**
     * DIoU's and CIoU's finish: undefined means 0, and a distance penalty that overflowed float32 (an inverted box
     * whose centre lies far outside the enclosing box, or an infinite coordinate) saturates at
     * {@code -Float.MAX_VALUE} instead of reaching {@code -Infinity}.
     */
    static float finish(float r) {
        float z = r == r ? r : 0f;
        return z < -Float.MAX_VALUE ? -Float.MAX_VALUE : z;
    }

    /**
     * {@code atan(w / h)} of one box: the aspect angle in CIoU, with anchorvec's arctangent (within 1 ulp, the
     * same bits in the vector kernels). NaN for a box with zero width and height.
     */
    static float aspectAngle(float x1, float y1, float x2, float y2) {
        return FloatMath.atan(extent(x1, x2) / extent(y1, y2));
    }

    /**
     * One member of the family for one pair. {@code areaA}, {@code areaB} are {@link #area}; {@code angleA},
     * {@code angleB} are {@link #aspectAngle} (only read for CIoU).
     */
    static float pair(IouKind kind, float ax1, float ay1, float ax2, float ay2, float areaA, float angleA,
                      float bx1, float by1, float bx2, float by2, float areaB, float angleB) {
        float inter = inter(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
        float union = (areaA + areaB) - inter;
        if (kind == IouKind.IOA_A || kind == IouKind.IOA_B) {
            // The NaN-free min/max can drop a NaN coordinate from inter; union carries it (areas keep NaN).
            float ioa = inter / (kind == IouKind.IOA_A ? areaA : areaB);
            return union == union ? nanToZero(ioa) : 0f;
        }
        float iou = inter / union;
        if (kind == IouKind.IOU) {
            return nanToZero(iou);
        }
        float cw = enclosing(ax1, ax2, bx1, bx2);
        float ch = enclosing(ay1, ay2, by1, by2);
        if (kind == IouKind.GIOU) {
            float c = cw * ch;
            return nanToZero(iou - (c - union) / c);
        }
        float diag = (cw * cw + ch * ch) + EPS;
        // x * 0.5f is bit-identical to torchvision's x / 2 (both round the exact half once).
        float dx = (ax1 + ax2) * 0.5f - (bx1 + bx2) * 0.5f;
        float dy = (ay1 + ay2) * 0.5f - (by1 + by2) * 0.5f;
        float diou = iou - (dx * dx + dy * dy) / diag;
        if (kind == IouKind.DIOU) {
            return finish(diou);
        }
        float da = angleA - angleB;
        float v = FOUR_OVER_PI_SQ * (da * da);
        float alpha = v / (((1 - iou) + v) + EPS);
        return finish(diou - alpha * v);
    }
}
