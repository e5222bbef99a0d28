package dev.anchorvec.reference;

import dev.anchorvec.simd.FloatMath;

import dev.anchorvec.boxes.IouKind;

/**
 * The reference oracle for the IoU family: plain loops written from the definitions, one function per kind,
 * independent of the kernels' code. Boxes are interleaved xyxy {@code float[]}s ({@code [n,4]}).
 *
 * <p>Semantics (anchorvec's documented contract): width is {@code x2 - x1}; an inverted box ({@code x2 < x1}
 * or {@code y2 < y1}) is empty; a pair with a NaN coordinate gives 0; any result that is undefined (NaN:
 * a union of 0, infinities cancelling, CIoU's angle of a box with zero width and height) is 0; a DIoU or CIoU
 * below {@code -Float.MAX_VALUE} (a distance penalty that overflowed) is {@code -Float.MAX_VALUE}.
 *
 * <p>Every value is computed in float32 in the order of operations the library documents (torchvision's), so
 * kernels can be compared bit for bit: {@code min}/{@code max} as compare-and-select, the overlap of two
 * intervals clamped with {@code w > 0 ? w : 0}, extents with {@code w < 0 ? 0 : w} (keeping NaN),
 * {@code union = (areaA + areaB) - inter}, centres {@code (x1 + x2) * 0.5f}, {@code eps = 1e-7f}, the aspect
 * angle {@code atan(w / h)} with anchorvec's arctangent ({@code FloatMath.atan}, within 1 ulp of float64,
 * established by {@code FloatMathTest}) and {@code 4 / pi^2} rounded to float once.
 */
public final class ReferenceIou {

    /** torchvision's eps for DIoU and CIoU. */
    public static final float EPS = 1e-7f;
    /** {@code 4 / pi^2} rounded to float. */
    public static final float FOUR_OVER_PI_SQ = (float) (4 / (Math.PI * Math.PI));

    private ReferenceIou() {}

    /** The {@code a.length/4 x b.length/4} row-major matrix of {@code kind(a[i], b[j])}. */
    public static float[] matrix(IouKind kind, float[] a, float[] b) {
        int n = count(a), m = count(b);
        float[] out = new float[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                out[i * m + j] = value(kind, a, i, b, j);
            }
        }
        return out;
    }

    /** {@code kind(a[i], b[i])} for every {@code i}; both sets must have the same size. */
    public static float[] aligned(IouKind kind, float[] a, float[] b) {
        int n = count(a);
        if (count(b) != n) {
            throw new IllegalArgumentException("sizes differ: " + n + " and " + count(b));
        }
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = value(kind, a, i, b, i);
        }
        return out;
    }

    /** {@code kind} of box {@code i} of {@code a} and box {@code j} of {@code b}. */
    public static float value(IouKind kind, float[] a, int i, float[] b, int j) {
        return value(kind, a[4 * i], a[4 * i + 1], a[4 * i + 2], a[4 * i + 3],
                b[4 * j], b[4 * j + 1], b[4 * j + 2], b[4 * j + 3]);
    }

    /** {@code kind} of one pair of boxes. */
    public static float value(IouKind kind, float ax1, float ay1, float ax2, float ay2, float bx1, float by1,
                              float bx2, float by2) {
        return switch (kind) {
            case IOU -> iou(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
            case IOA_A -> ioaA(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
            case IOA_B -> ioaB(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
            case GIOU -> giou(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
            case DIOU -> diou(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
            case CIOU -> ciou(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
        };
    }

    /** Intersection over union. */
    public static float iou(float ax1, float ay1, float ax2, float ay2, float bx1, float by1, float bx2,
                            float by2) {
        if (anyNaN(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2)) {
            return 0f;
        }
        float inter = intersection(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
        float union = (area(ax1, ay1, ax2, ay2) + area(bx1, by1, bx2, by2)) - inter;
        return zeroIfNaN(inter / union);
    }

    /** Intersection over the area of box a (mmdet's IoF). */
    public static float ioaA(float ax1, float ay1, float ax2, float ay2, float bx1, float by1, float bx2,
                             float by2) {
        if (anyNaN(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2)) {
            return 0f;
        }
        return zeroIfNaN(intersection(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2) / area(ax1, ay1, ax2, ay2));
    }

    /** Intersection over the area of box b (detectron2's pairwise_ioa). */
    public static float ioaB(float ax1, float ay1, float ax2, float ay2, float bx1, float by1, float bx2,
                             float by2) {
        if (anyNaN(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2)) {
            return 0f;
        }
        return zeroIfNaN(intersection(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2) / area(bx1, by1, bx2, by2));
    }

    /** Generalized IoU: {@code iou - (C - union) / C}, C the area of the smallest enclosing box. */
    public static float giou(float ax1, float ay1, float ax2, float ay2, float bx1, float by1, float bx2,
                             float by2) {
        if (anyNaN(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2)) {
            return 0f;
        }
        float inter = intersection(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
        float union = (area(ax1, ay1, ax2, ay2) + area(bx1, by1, bx2, by2)) - inter;
        float iou = inter / union;
        float c = extent(min(ax1, bx1), max(ax2, bx2)) * extent(min(ay1, by1), max(ay2, by2));
        return zeroIfNaN(iou - (c - union) / c);
    }

    /** Distance IoU: {@code iou - d^2 / (c^2 + eps)}, d the distance of the centres, c the enclosing diagonal. */
    public static float diou(float ax1, float ay1, float ax2, float ay2, float bx1, float by1, float bx2,
                             float by2) {
        if (anyNaN(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2)) {
            return 0f;
        }
        return saturated(zeroIfNaN(rawDiou(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2)));
    }

    /**
     * Complete IoU: {@code diou - alpha * v}, {@code v = 4/pi^2 (atan(wA/hA) - atan(wB/hB))^2},
     * {@code alpha = v / ((1 - iou) + v + eps)}.
     */
    public static float ciou(float ax1, float ay1, float ax2, float ay2, float bx1, float by1, float bx2,
                             float by2) {
        if (anyNaN(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2)) {
            return 0f;
        }
        float inter = intersection(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
        float union = (area(ax1, ay1, ax2, ay2) + area(bx1, by1, bx2, by2)) - inter;
        float iou = inter / union;
        float diou = rawDiou(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
        float da = aspectAngle(ax1, ay1, ax2, ay2) - aspectAngle(bx1, by1, bx2, by2);
        float v = FOUR_OVER_PI_SQ * (da * da);
        float alpha = v / (((1 - iou) + v) + EPS);
        return saturated(zeroIfNaN(diou - alpha * v));
    }

    /** {@code atan(w / h)} of a box, as float; NaN when both extents are 0. */
    public static float aspectAngle(float x1, float y1, float x2, float y2) {
        return FloatMath.atan(extent(x1, x2) / extent(y1, y2));
    }

    /** Area of a box; 0 for an inverted box. */
    public static float area(float x1, float y1, float x2, float y2) {
        return extent(x1, x2) * extent(y1, y2);
    }

    private static float rawDiou(float ax1, float ay1, float ax2, float ay2, float bx1, float by1, float bx2,
                                 float by2) {
        float inter = intersection(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
        float union = (area(ax1, ay1, ax2, ay2) + area(bx1, by1, bx2, by2)) - inter;
        float iou = inter / union;
        float cw = extent(min(ax1, bx1), max(ax2, bx2));
        float ch = extent(min(ay1, by1), max(ay2, by2));
        float diagonalSq = (cw * cw + ch * ch) + EPS;
        float dx = (ax1 + ax2) * 0.5f - (bx1 + bx2) * 0.5f;
        float dy = (ay1 + ay2) * 0.5f - (by1 + by2) * 0.5f;
        return iou - (dx * dx + dy * dy) / diagonalSq;
    }

    private static float intersection(float ax1, float ay1, float ax2, float ay2, float bx1, float by1, float bx2,
                                      float by2) {
        return overlap(ax1, ax2, bx1, bx2) * overlap(ay1, ay2, by1, by2);
    }

    /** Length of the common part of two intervals, never negative. */
    private static float overlap(float alo, float ahi, float blo, float bhi) {
        float w = min(ahi, bhi) - max(alo, blo);
        return w > 0 ? w : 0f;
    }

    /** {@code hi - lo}, 0 when negative (an inverted box), NaN kept. */
    private static float extent(float lo, float hi) {
        float w = hi - lo;
        return w < 0 ? 0 : w;
    }

    private static float min(float a, float b) {
        return a < b ? a : b;
    }

    private static float max(float a, float b) {
        return a > b ? a : b;
    }

    /** At least {@code -Float.MAX_VALUE}: DIoU's and CIoU's penalty saturates instead of reaching -Infinity. */
    private static float saturated(float v) {
        return Math.max(v, -Float.MAX_VALUE);
    }

    private static float zeroIfNaN(float v) {
        return Float.isNaN(v) ? 0f : v;
    }

    private static boolean anyNaN(float... values) {
        for (float v : values) {
            if (Float.isNaN(v)) {
                return true;
            }
        }
        return false;
    }

    private static int count(float[] xyxy) {
        if (xyxy.length % 4 != 0) {
            throw new IllegalArgumentException("length must be a multiple of 4, got " + xyxy.length);
        }
        return xyxy.length / 4;
    }
}
