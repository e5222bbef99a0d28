package dev.anchorvec.conformance;

import dev.anchorvec.boxes.Boxes;
import java.util.List;

/**
 * {@code box_coder_decode}: {@link dev.anchorvec.encode.DeltaCoder#decode(Boxes, float[])} of
 * {@code (boxes, rel_codes)} ({@code k = 1} or class-specific {@code k = 3}) against torchvision's
 * {@code BoxCoder(weights, bbox_xform_clip).decode_single(rel_codes, boxes)} in float32 ({@code pred_boxes}).
 *
 * <p>Rule: within 3 ulp of {@code max(|corner|, box width)} of torchvision's value (the width along the
 * corner's axis). Everything but {@code exp} is the same float32 arithmetic; one ulp of {@code exp} (Sleef's
 * {@code expf} in torchvision, {@code Math.exp} or SVML here) changes the half-size by up to ~2 of its own ulps
 * and the corner rounds once more.
 */
public final class BoxCoderDecodeChecker implements OpChecker {

    /** Allowed distance, in ulps of {@code max(|corner|, width)}. */
    static final int EXP_ULPS = 3;

    @Override
    public String op() {
        return "box_coder_decode";
    }

    @Override
    public List<String> check(Bxt c) {
        Boxes anchors = BoxCoders.boxes(c, "boxes");
        BxtArray codes = c.array("rel_codes", BxtType.F32);
        int[] shape = codes.shape();
        if (shape.length != 2 || shape[0] != anchors.size() || shape[1] % 4 != 0 || shape[1] == 0) {
            throw new IllegalArgumentException(c.source() + ": rel_codes must be [n, 4k] with n = "
                    + anchors.size());
        }
        float[] tv = (float[]) c.array("pred_boxes", BxtType.F32, shape).data();
        float[] ours = BoxCoders.coder(c).decode(anchors, (float[]) codes.data());
        ElementRule rule = BoxCoders.ulps("within " + EXP_ULPS + " ulp of max(|corner|, width) of torchvision float32"
                + " (exp)", tv, EXP_ULPS, i -> {
                    int row = i & ~3, axis = i & 1;
                    return Math.max(Math.abs(tv[i]), Math.abs(tv[row + 2 + axis] - tv[row + axis]));
                });
        return Mismatches.check("pred_boxes", ours, shape, rule).stream().toList();
    }
}
