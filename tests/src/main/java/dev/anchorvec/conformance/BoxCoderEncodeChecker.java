package dev.anchorvec.conformance;

import dev.anchorvec.boxes.Boxes;
import java.util.List;

/**
 * {@code box_coder_encode}: {@link dev.anchorvec.encode.DeltaCoder#encode(Boxes, Boxes)} of
 * {@code (proposals, reference_boxes)} against torchvision's {@code BoxCoder(weights).encode_single(reference_boxes,
 * proposals)} in float32 ({@code targets}).
 *
 * <p>Rule: dx and dy bit-exact (the same float32 operations in the same order); dw and dh within 2 ulp of
 * torchvision's value: {@code log} is the only difference (anchorvec's is correctly rounded or SVML, within 1
 * ulp; torchvision's is Sleef's vectorised {@code logf}, within 1 ulp), and the weight multiplies the log.
 */
public final class BoxCoderEncodeChecker implements OpChecker {

    /** Allowed distance of dw, dh from torchvision, in ulps of torchvision's value. */
    static final int LOG_ULPS = 2;

    @Override
    public String op() {
        return "box_coder_encode";
    }

    @Override
    public List<String> check(Bxt c) {
        Boxes gt = BoxCoders.boxes(c, "reference_boxes");
        Boxes anchors = BoxCoders.boxes(c, "proposals");
        int[] shape = {anchors.size(), 4};
        float[] tv = (float[]) c.array("targets", BxtType.F32, shape).data();
        float[] ours = BoxCoders.coder(c).encode(anchors, gt);
        ElementRule rule = BoxCoders.ulps("dx, dy bit-exact with torchvision float32; dw, dh within " + LOG_ULPS
                + " ulp of it (log)", tv, LOG_ULPS, i -> i % 4 < 2 ? 0 : Math.abs(tv[i]));
        return Mismatches.check("targets", ours, shape, rule).stream().toList();
    }
}
