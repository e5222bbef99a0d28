package dev.anchorvec.reference;

/**
 * The reference for a generic anchor level, written from the definitions in float64: anchor {@code a} of cell
 * {@code (y, x)} has its centre at {@code ((x + offset) * strideX, (y + offset) * strideY)}, width
 * {@code size / sqrt(r)} and height {@code size * sqrt(r)} (area {@code size^2}, {@code r} = height / width), the
 * half-extents rounded half to even when {@code rounding}; in the legacy "+1" convention the anchor of the
 * first cell is centred at {@code offset * (stride - 1)} with half-extents {@code (w - 1) / 2}, rounding applies
 * to its corners, and cell {@code (y, x)} adds {@code (x * strideX, y * strideY)}. Ratio-major order puts the ratio in the outer loop.
 *
 * @param sizes      anchor sides in pixels
 * @param hOverW     aspect ratios, height / width
 * @param ratioMajor whether the ratio is the outer loop
 * @param offset     the centre offset, a fraction of the stride
 * @param rounding   round half-extents (legacy: corners) half to even
 * @param legacy     mmdet v1's "+1" convention
 * @param strideY    stride along y in pixels
 * @param strideX    stride along x in pixels
 */
public record ReferenceAnchors(double[] sizes, double[] hOverW, boolean ratioMajor, double offset, boolean rounding,
                               boolean legacy, double strideY, double strideX) {

    /** Anchors per location. */
    public int perLocation() {
        return sizes.length * hOverW.length;
    }

    /** The size and ratio of anchor {@code a} of a location: {@code {size, hOverW}}. */
    public double[] shape(int a) {
        int inner = ratioMajor ? sizes.length : hOverW.length;
        int i = a / inner, j = a % inner;
        return ratioMajor ? new double[] {sizes[j], hOverW[i]} : new double[] {sizes[i], hOverW[j]};
    }

    /** Anchor {@code a} of cell {@code (y, x)}: {@code x1, y1, x2, y2} in float64. */
    public double[] anchor(int y, int x, int a) {
        double[] shape = shape(a);
        double w = shape[0] / Math.sqrt(shape[1]), h = shape[0] * Math.sqrt(shape[1]);
        if (legacy) {
            // mmdet v1 rounds the anchor placed in its cell, then shifts it by whole strides.
            double cx = offset * (strideX - 1), cy = offset * (strideY - 1);
            double hw = (w - 1) / 2, hh = (h - 1) / 2;
            double sx = x * strideX, sy = y * strideY;
            return new double[] {sx + round(cx - hw), sy + round(cy - hh), sx + round(cx + hw), sy + round(cy + hh)};
        }
        double cx = (x + offset) * strideX, cy = (y + offset) * strideY;
        double hw = round(w / 2), hh = round(h / 2);
        return new double[] {cx - hw, cy - hh, cx + hw, cy + hh};
    }

    private double round(double v) {
        return rounding ? Math.rint(v) : v;
    }
}
