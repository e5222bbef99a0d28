package dev.anchorvec.reference;

import dev.anchorvec.anchors.GridLevel;
import dev.anchorvec.boxes.BoxFormat;
import java.util.List;

/**
 * The reference for anchor tiling: every anchor computed on its own from {@link GridLevel}'s documented
 * formula, in float32 in that order, with plain nested loops (level, row y, column x, anchor a).
 *
 * <p>XYXY: {@code ((cx[x] + c0) * sx, (cy[y] + c1) * sy, (cx[x] + c2) * sx, (cy[y] + c3) * sy)}; CXCYWH:
 * {@code ((cx[x] + c0) * sx, (cy[y] + c1) * sy, c2 * sx, c3 * sy)}; clipping (XYXY only) maps each x to
 * {@code [0, clipWidth]} and each y to {@code [0, clipHeight]} by compare-and-select ({@code v < 0 ? 0 : v}, then
 * {@code v > hi ? hi : v}), which keeps {@code -0.0}.
 *
 * @param format     {@link BoxFormat#XYXY} or {@link BoxFormat#CXCYWH}
 * @param scaleX     multiplies x values
 * @param scaleY     multiplies y values
 * @param clip       whether to clip (XYXY only)
 * @param clipWidth  upper bound of x when clipping
 * @param clipHeight upper bound of y when clipping
 */
public record ReferenceTiler(BoxFormat format, float scaleX, float scaleY, boolean clip, float clipWidth,
                             float clipHeight) {

    /** XYXY, unscaled, unclipped. */
    public static ReferenceTiler plain() {
        return new ReferenceTiler(BoxFormat.XYXY, 1, 1, false, 0, 0);
    }

    /** Anchor {@code a} of cell {@code (y, x)} of {@code level}: 4 values in this tiler's format. */
    public float[] anchor(GridLevel level, int y, int x, int a) {
        float cx = level.centreX()[x], cy = level.centreY()[y];
        float[] c = level.cell();
        float v0 = (cx + c[4 * a]) * scaleX;
        float v1 = (cy + c[4 * a + 1]) * scaleY;
        if (format == BoxFormat.CXCYWH) {
            return new float[] {v0, v1, c[4 * a + 2] * scaleX, c[4 * a + 3] * scaleY};
        }
        float v2 = (cx + c[4 * a + 2]) * scaleX;
        float v3 = (cy + c[4 * a + 3]) * scaleY;
        if (clip) {
            return new float[] {clamp(v0, clipWidth), clamp(v1, clipHeight), clamp(v2, clipWidth),
                    clamp(v3, clipHeight)};
        }
        return new float[] {v0, v1, v2, v3};
    }

    /** All anchors of {@code levels}, interleaved, in tiling order. */
    public float[] tile(List<GridLevel> levels) {
        int total = 0;
        for (GridLevel level : levels) {
            total += level.height() * level.width() * level.anchorsPerLocation();
        }
        float[] out = new float[4 * total];
        int k = 0;
        for (GridLevel level : levels) {
            for (int y = 0; y < level.height(); y++) {
                for (int x = 0; x < level.width(); x++) {
                    for (int a = 0; a < level.anchorsPerLocation(); a++) {
                        System.arraycopy(anchor(level, y, x, a), 0, out, k, 4);
                        k += 4;
                    }
                }
            }
        }
        return out;
    }

    private static float clamp(float v, float hi) {
        float lo = v < 0 ? 0f : v;
        return lo > hi ? hi : lo;
    }
}
