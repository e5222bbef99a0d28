package dev.anchorvec.encode;

/**
 * How {@link DeltaCoder} limits the size deltas {@code dw, dh} before {@code exp} when decoding.
 *
 * <p>The bound is {@link DeltaCoder#DEFAULT_CLAMP} = {@code ln(1000/16)} = 4.1351666 unless a coder sets another
 * one; the comparison is made in float32, as torchvision's {@code torch.clamp(dw, max=bbox_xform_clip)}.
 */
public enum ClampMode {
    /** {@code dw = min(dw, bound)}: torchvision {@code BoxCoder}, detectron2 {@code Box2BoxTransform} (default). */
    UPPER,
    /** {@code dw = clamp(dw, -bound, bound)}: mmdet {@code DeltaXYWHBBoxCoder} ({@code wh_ratio_clip}). */
    SYMMETRIC,
    /**
     * No clamp at the bound (TF {@code FasterRcnnBoxCoder}, DJL). {@code dw} is still limited to
     * {@link DeltaCoder#EXP_LIMIT} = 88 so that {@code exp(dw)} stays finite: without that, a zero-size anchor
     * would decode to {@code inf * 0 = NaN}. Every {@code dw <= 88} decodes as upstream.
     */
    NONE
}
