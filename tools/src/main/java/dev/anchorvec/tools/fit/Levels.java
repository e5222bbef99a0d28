package dev.anchorvec.tools.fit;

import dev.anchorvec.anchors.fit.AnchorSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Names and strides of feature levels, YOLO's convention: level {@code i} is {@code P(3+i)} with stride
 * {@code 8 * 2^i} (P3/8, P4/16, P5/32 for three levels), smallest anchors on the finest level.
 */
final class Levels {

    private Levels() {}

    /** The stride of level {@code i}. */
    static int stride(int i) {
        return 8 << i;
    }

    /** {@code P3/8}, {@code P4/16}, ... */
    static String name(int i) {
        return "P" + (3 + i) + "/" + stride(i);
    }

    /** The anchors split into {@code levels} groups by area. */
    static List<AnchorSet> split(AnchorSet anchors, int levels) {
        List<AnchorSet> out = new ArrayList<>(levels);
        for (int i = 0; i < levels; i++) {
            out.add(anchors.level(i, levels));
        }
        return out;
    }
}
