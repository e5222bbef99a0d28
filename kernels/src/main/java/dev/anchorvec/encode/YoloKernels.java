package dev.anchorvec.encode;

import dev.anchorvec.boxes.Boxes;

/**
 * The kernels behind {@link YoloCoder}: one scalar and one Vector API implementation. Arguments are validated by
 * the facade; implementations trust them. {@code v5} selects YOLOv5, else mmdet {@code YOLOBBoxCoder}.
 */
interface YoloKernels {

    /**
     * Decodes row i ({@code raw[rawOffset + i * rawStride ...]}, 4 values) against {@code anchors[i]} and
     * {@code strides[i]} into xyxy row i of {@code out}, i in [0, n).
     */
    void decode(boolean v5, Boxes anchors, float[] strides, int n, float[] raw, int rawOffset, int rawStride,
                float[] out, int outOffset);

    /** The targets of {@code gt[i]} relative to {@code anchors[i]} and {@code strides[i]}, clamped with eps. */
    void encode(boolean v5, float eps, Boxes anchors, float[] strides, Boxes gt, int n, float[] out, int outOffset);
}
