package dev.anchorvec.anchors;

import dev.anchorvec.internal.Args;
import java.util.Objects;

/**
 * A generic rule for the anchors of one location, for configurations no peer preset covers; get one from
 * {@link CellAnchors#builder()}. It combines the options the peers hard-code in different subsets:
 *
 * <ul>
 * <li>sizes: absolute sides in pixels ({@link #sizes}), multiples of a base size ({@link #scales}), or octave
 *     scales {@code base * octaveBaseScale * 2^(i / scalesPerOctave)} ({@link #octaveScales});</li>
 * <li>aspect ratios ({@link #aspectRatios}, default {@code {1}}), read as height / width (default) or width /
 *     height ({@link #ratioConvention});</li>
 * <li>order: {@link AnchorOrder#RATIO_MAJOR} (default) or {@link AnchorOrder#SIZE_MAJOR};</li>
 * <li>centre offset: anchors of column {@code x} are centred at {@code (x + offset) * stride} (default 0, as
 *     torchvision; 0.5 is the cell centre);</li>
 * <li>rounding of the half-extents half to even (torchvision's convention; off by default);</li>
 * <li>legacy "+1" pixel sizes (mmdet v1 with its default base size, the stride): half-extents
 *     {@code (w - 1) / 2}, the anchor of the first cell centred at {@code offset * (stride - 1)}, with rounding its
 *     corners (not the half-extents) rounded, and then shifted by {@code x * stride}.</li>
 * </ul>
 *
 * <p>Every anchor keeps the area {@code size^2}: with {@code r} the ratio as height / width,
 * {@code w = sqrt(size^2 / r)} and {@code h = r * w}, computed in float64 and rounded to float32 once
 * (detectron2's formula, so that a size-major builder without rounding reproduces {@link CellAnchors#detectron2}
 * bit for bit). The peer methods in {@link CellAnchors} are the bit-exact ones for the other peers, which work in
 * float32; where the result is rounded to integers the two agree unless a value falls within float32 error of a
 * tie (the tests find none for torchvision's rule at every integer size 1 to 1024 with ratios 0.5, 1, 2, nor for
 * mmdet v1's Faster R-CNN anchors).
 *
 * <pre>{@code
 * GridLevel level = CellAnchors.builder()
 *         .sizes(40, 60, 80).aspectRatios(1, 2).ratioConvention(AspectRatio.W_OVER_H)
 *         .centreOffset(0.5)
 *         .level(8, 8, 32, 32);           // an 8 x 8 grid with stride 32: 384 anchors
 * }</pre>
 *
 * <p>Setters check their argument at once ({@link IllegalArgumentException} naming it). A builder is not
 * thread-safe; what it returns is independent of it.
 */
public final class CellAnchorBuilder {

    private double[] sizes;
    private double[] aspectRatios = {1};
    private AspectRatio convention = AspectRatio.H_OVER_W;
    private AnchorOrder order = AnchorOrder.RATIO_MAJOR;
    private double centreOffset;
    private boolean rounding;
    private boolean legacy;

    CellAnchorBuilder() {}

    /** Absolute anchor sides in pixels ({@code sqrt} of the area), each finite and > 0. */
    public CellAnchorBuilder sizes(double... sizes) {
        this.sizes = Args.positiveCopy(sizes, "sizes");
        return this;
    }

    /** Sides {@code baseSize * scales[i]} (mmdet's {@code base_sizes} and {@code scales}); all finite and > 0. */
    public CellAnchorBuilder scales(double baseSize, double... scales) {
        Args.positive(baseSize, "baseSize");
        double[] s = Args.positiveCopy(scales, "scales");
        for (int i = 0; i < s.length; i++) {
            s[i] = Args.positive(baseSize * s[i], "baseSize * scales[" + i + "]");
        }
        this.sizes = s;
        return this;
    }

    /**
     * Sides {@code baseSize * octaveBaseScale * 2^(i / scalesPerOctave)} for {@code i < scalesPerOctave}
     * (RetinaNet: base = stride, {@code octaveBaseScale} 4, 3 scales per octave).
     */
    public CellAnchorBuilder octaveScales(double baseSize, double octaveBaseScale, int scalesPerOctave) {
        return scales(baseSize, CellAnchors.octaveScales(octaveBaseScale, scalesPerOctave));
    }

    /** Aspect ratios, each finite and > 0, read with {@link #ratioConvention} (default height / width). */
    public CellAnchorBuilder aspectRatios(double... ratios) {
        this.aspectRatios = Args.positiveCopy(ratios, "aspectRatios");
        return this;
    }

    /** How ratios are read: {@link AspectRatio#H_OVER_W} (default) or {@link AspectRatio#W_OVER_H}. */
    public CellAnchorBuilder ratioConvention(AspectRatio convention) {
        this.convention = Objects.requireNonNull(convention, "convention");
        return this;
    }

    /** {@link AnchorOrder#RATIO_MAJOR} (default) or {@link AnchorOrder#SIZE_MAJOR}. */
    public CellAnchorBuilder order(AnchorOrder order) {
        this.order = Objects.requireNonNull(order, "order");
        return this;
    }

    /** Where in its cell an anchor is centred, as a fraction of the stride, within [0, 1] (default 0). */
    public CellAnchorBuilder centreOffset(double offset) {
        this.centreOffset = Args.inRange(offset, 0, 1, "centreOffset");
        return this;
    }

    /** Rounds half-extents (or, in legacy mode, corners) to integers, half to even (default off). */
    public CellAnchorBuilder rounding(boolean on) {
        this.rounding = on;
        return this;
    }

    /** mmdet v1's "+1" pixel convention (default off): extents {@code w - 1}, centre offset of {@code stride - 1}. */
    public CellAnchorBuilder legacyPlusOne(boolean on) {
        this.legacy = on;
        return this;
    }

    /** Number of anchors per location: sizes times ratios. */
    public int anchorsPerLocation() {
        return requireSizes().length * aspectRatios.length;
    }

    /**
     * The anchors of one location centred on 0: {@code (-w/2, -h/2, w/2, h/2)} each (legacy: {@code (w - 1) / 2}),
     * rounded if asked. {@link #level} adds the centre (in legacy mode the in-cell centre
     * {@code offset * (stride - 1)} is added before the corners are rounded).
     *
     * @throws IllegalStateException if no sizes were set
     */
    public float[] cell() {
        return cell(0, 0);
    }

    /**
     * One level: a {@code gridHeight x gridWidth} grid of these anchors with the given strides in pixels and this
     * builder's centre offset.
     *
     * @throws IllegalArgumentException unless the grid sides are {@code >= 1} and the strides finite and > 0
     * @throws IllegalStateException    if no sizes were set
     */
    public GridLevel level(int gridHeight, int gridWidth, double strideY, double strideX) {
        Args.positive(gridHeight, "gridHeight");
        Args.positive(gridWidth, "gridWidth");
        Args.positive(strideY, "strideY");
        Args.positive(strideX, "strideX");
        requireSizes();
        if (!legacy) {
            return GridLevel.strided(gridHeight, gridWidth, strideY, strideX, centreOffset, cell(0, 0));
        }
        // mmdet v1 rounds the corners of the anchor placed in its cell, so the in-cell centre belongs to the cell
        // anchors and the grid points are the integer shifts x * stride.
        return GridLevel.strided(gridHeight, gridWidth, strideY, strideX, 0,
                cell(centreOffset * (strideX - 1), centreOffset * (strideY - 1)));
    }

    private float[] cell(double cx, double cy) {
        double[] s = requireSizes();
        double[] r = aspectRatios;
        boolean ratioMajor = order == AnchorOrder.RATIO_MAJOR;
        int outer = ratioMajor ? r.length : s.length, inner = ratioMajor ? s.length : r.length;
        float[] out = new float[4 * s.length * r.length];
        int k = 0;
        for (int i = 0; i < outer; i++) {
            for (int j = 0; j < inner; j++) {
                double size = s[ratioMajor ? j : i];
                double hOverW = convention.heightOverWidth(r[ratioMajor ? i : j]);
                double w = Math.sqrt(size * size / hOverW), h = hOverW * w;
                k = legacy ? putLegacy(out, k, cx, cy, (w - 1) / 2, (h - 1) / 2) : putRounded(out, k, w / 2, h / 2);
            }
        }
        return out;
    }

    private int putRounded(float[] out, int k, double hw, double hh) {
        return rounding ? CellAnchors.putCentred(out, k, Math.rint(hw), Math.rint(hh))
                : CellAnchors.putCentred(out, k, hw, hh);
    }

    private int putLegacy(float[] out, int k, double cx, double cy, double hw, double hh) {
        double[] corners = {cx - hw, cy - hh, cx + hw, cy + hh};
        for (double c : corners) {
            out[k++] = (float) (rounding ? Math.rint(c) : c);
        }
        return k;
    }

    private double[] requireSizes() {
        if (sizes == null) {
            throw new IllegalStateException("no sizes: call sizes(...), scales(...) or octaveScales(...) first");
        }
        return sizes;
    }
}
