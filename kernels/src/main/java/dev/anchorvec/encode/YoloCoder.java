package dev.anchorvec.encode;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.internal.Args;
import dev.anchorvec.simd.Simd;
import java.lang.invoke.MethodHandles;

/**
 * YOLO box coders, relative to an anchor box (centre {@code (acx, acy) = ((x1 + x2) / 2, (y1 + y2) / 2)}, size
 * {@code (aw, ah)}) and the stride of its feature map. Decoded boxes are xyxy rows. Immutable, thread-safe;
 * scalar and Vector API kernels (chosen like {@link DeltaCoder}'s) agree bit for bit at every width, JIT tier and
 * CPU: {@code exp}, {@code log} and the YOLOv5 sigmoid {@code 2 / (1 + exp(-t))} use anchorvec's own functions
 * (within 1 ulp, see {@code dev.anchorvec.simd.FloatMath}).
 *
 * <ul>
 * <li>{@link #yolov5()}: YOLOv5 {@code Detect.forward} on raw (pre-sigmoid) outputs {@code t}: with
 *     {@code s = sigmoid(t)}, centre {@code acx + (2 s - 1) * stride} (YOLOv5's {@code (2 s - 0.5 + gx) * stride}
 *     for the cell's anchor centred at {@code (gx + 0.5) * stride}) and size {@code (2 s)^2 * aw}. Encode gives
 *     the sigmoid-space targets {@code s = ((gcx - acx) / stride + 1) / 2} and {@code s = sqrt(gw / aw) / 2},
 *     clamped to {@code [eps, 1 - eps]}: where no clamp applies, decoding {@code logit(s)} gives the box back.
 *     (YOLOv5 itself trains on the decoded boxes' IoU; the inverse exists only for centre shifts under one stride
 *     and size ratios under 4.)</li>
 * <li>{@link #mmdet()}: mmdet {@code YOLOBBoxCoder} (YOLOv3), whose predictions for x, y are already sigmoided:
 *     centre {@code acx + (p - 0.5) * stride}, half-size {@code 0.5 * aw * exp(pw)}; encode
 *     {@code clamp((gcx - acx) / stride + 0.5, eps, 1 - eps)} and {@code log(max(gw / aw, eps))}, eps = 1e-6.</li>
 * </ul>
 *
 * <p>Rows of predictions can be wider than 4 ({@code rawStride}, e.g. 85 for YOLOv5 on COCO: box, objectness,
 * 80 classes); the box is the first 4 values of a row. Strides are per anchor (levels differ) and must be
 * finite and {@code > 0}; encode needs anchors and gt boxes of positive size. Bad input throws
 * {@link IllegalArgumentException} naming the argument and index before anything is written.
 */
public final class YoloCoder {

    private static final float DEFAULT_EPS = 1e-6f;

    private static final YoloKernels IMPL = Simd.select(MethodHandles.lookup(), YoloKernels.class,
            "dev.anchorvec.encode.VectorYoloKernels", ScalarYoloKernels::new);

    private final boolean v5;
    private final float eps;

    private YoloCoder(boolean v5, float eps) {
        this.v5 = v5;
        this.eps = eps;
    }

    /** YOLOv5 {@code Detect} decode, with the sigmoid-space encode described above (eps 1e-6). */
    public static YoloCoder yolov5() {
        return new YoloCoder(true, DEFAULT_EPS);
    }

    /** mmdet {@code YOLOBBoxCoder(eps=1e-6)}. */
    public static YoloCoder mmdet() {
        return new YoloCoder(false, DEFAULT_EPS);
    }

    /**
     * Decodes row {@code i} ({@code raw[rawOffset + i * rawStride ...]}, 4 values) against {@code anchors[i]} and
     * {@code strides[i]} into xyxy row {@code i} of {@code out}.
     *
     * @throws IllegalArgumentException if {@code rawStride < 4}, an array is too small, or a stride is not
     *                                  finite and {@code > 0}
     */
    public void decode(Boxes anchors, float[] strides, float[] raw, int rawOffset, int rawStride, float[] out,
                       int outOffset) {
        Args.notNull(anchors, "anchors");
        Args.notNull(raw, "raw");
        Args.notNull(out, "out");
        int n = anchors.size();
        checkStrides(strides, n);
        if (rawStride < 4) {
            throw new IllegalArgumentException("rawStride must be >= 4, got " + rawStride);
        }
        Args.room(rawOffset, n == 0 ? 0 : (long) (n - 1) * rawStride + 4, raw.length, "raw");
        Args.room(outOffset, Args.allocation(4L * n, Args.MAX_ARRAY_LENGTH, "4 * anchors.size()"), out.length, "out");
        if (n > 0) {
            IMPL.decode(v5, anchors, strides, n, raw, rawOffset, rawStride, out, outOffset);
        }
    }

    /**
     * Writes the targets of {@code gt[i]} relative to {@code anchors[i]} and {@code strides[i]} into row
     * {@code i} of {@code out} (see the class description for each variant).
     *
     * @throws IllegalArgumentException if sizes differ, an array is too small, a stride is bad, or an anchor or gt
     *                                  box has width or height {@code <= 0}
     */
    public void encode(Boxes anchors, float[] strides, Boxes gt, float[] out, int outOffset) {
        int n = DeltaCoder.alignedArgs(anchors, gt, out, outOffset);
        checkStrides(strides, n);
        // The first bad box by index, the anchor before the gt at the same index.
        int badAnchor = DeltaCoder.firstNotPositive(anchors, 0, n), badGt = DeltaCoder.firstNotPositive(gt, 0, n);
        if (badAnchor >= 0 && (badGt < 0 || badAnchor <= badGt)) {
            DeltaCoder.requirePositive(anchors, badAnchor, "anchors", "encode divides by the anchor size");
        }
        DeltaCoder.requirePositive(gt, badGt, "gt", "encode needs a gt box of positive size");
        if (n > 0) {
            IMPL.encode(v5, eps, anchors, strides, gt, n, out, outOffset);
        }
    }

    private static void checkStrides(float[] strides, int n) {
        Args.notNull(strides, "strides");
        Args.room(0, n, strides.length, "strides");
        for (int i = 0; i < n; i++) {
            // The message (a new string) only on failure: building it per stride allocated 32 B a box.
            if (!(strides[i] > 0f && strides[i] < Float.POSITIVE_INFINITY)) {
                Args.positive(strides[i], "strides[" + i + "]");
            }
        }
    }

    @Override
    public String toString() {
        return "YoloCoder[" + (v5 ? "yolov5" : "mmdet") + ", eps=" + eps + "]";
    }
}
