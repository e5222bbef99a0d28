package dev.anchorvec.anchors;

import dev.anchorvec.boxes.BoxFormat;
import dev.anchorvec.internal.Args;
import java.util.Objects;

/**
 * torchvision's SSD default boxes ({@code DefaultBoxGenerator}), reproduced bit for bit.
 *
 * <p>Per level {@code k} with scale {@code s_k}: the boxes {@code (s_k, s_k)} and {@code (s', s')} with
 * {@code s' = sqrt(s_k * s_{k+1})}, then for every aspect ratio {@code ar} the pair
 * {@code (s_k * sqrt(ar), s_k / sqrt(ar))} and its swap: {@code 2 + 2 * ratios} boxes, widths and heights
 * normalised to the image, computed in float64 and rounded to float32. With {@code clip} (torchvision's default)
 * the widths and heights, <i>not</i> the corners, are clamped to [0, 1]. Centres are {@code (x + 0.5) / f} in
 * float32, with {@code f = W / step} when steps are given, else the grid width (likewise for y with H): the
 * cell centre, offset 0.5. The module's output is xyxy in pixels, {@code (cx - 0.5 * w) * W} and so on in
 * float32 ({@link #pixelGrid}); its internal form is normalised cxcywh ({@link #normalizedGrid}). Images are
 * {@code (height, width)}.
 *
 * <pre>{@code
 * SsdDefaultBoxes ssd = SsdDefaultBoxes.ssd300Vgg16();
 * AnchorGrid boxes = ssd.pixelGrid(300, 300, SsdDefaultBoxes.SSD300_GRIDS);   // 8732 boxes, xyxy pixels
 * }</pre>
 *
 * <p>Instances are immutable.
 */
public final class SsdDefaultBoxes {

    /** Feature map sizes of torchvision's SSD300 (VGG16) at 300 x 300. */
    public static final int[][] SSD300_GRIDS = {{38, 38}, {19, 19}, {10, 10}, {5, 5}, {3, 3}, {1, 1}};
    /** Feature map sizes of torchvision's SSDlite320 (MobileNetV3) at 320 x 320. */
    public static final int[][] SSDLITE320_GRIDS = {{20, 20}, {10, 10}, {5, 5}, {3, 3}, {2, 2}, {1, 1}};

    private final double[][] aspectRatios;
    private final double[] scales;
    private final double[] steps;
    private final boolean clip;

    private SsdDefaultBoxes(double[][] aspectRatios, double[] scales, double[] steps, boolean clip) {
        this.aspectRatios = aspectRatios;
        this.scales = scales;
        this.steps = steps;
        this.clip = clip;
    }

    /**
     * Default boxes with torchvision's scale rule ({@link #scales(int, double, double)}).
     *
     * @param aspectRatios per level, the extra ratios (each finite and > 0; a level may have none)
     * @param minRatio     the smallest scale (torchvision's default 0.15), finite and > 0
     * @param maxRatio     the largest scale (default 0.9), finite and >= {@code minRatio}
     * @param steps        per level the step in pixels (each finite and > 0), or {@code null} for the grid size
     * @param clip         clamp widths and heights to [0, 1] (torchvision's default true)
     */
    public static SsdDefaultBoxes of(double[][] aspectRatios, double minRatio, double maxRatio, double[] steps,
                                     boolean clip) {
        double[][] ars = ratios(aspectRatios);
        return withScales(ars, scales(ars.length, minRatio, maxRatio), steps, clip);
    }

    /**
     * Default boxes with explicit scales.
     *
     * @param scales at least {@code levels + 1} values, each finite and > 0 (level {@code k} uses {@code k} and
     *               {@code k + 1})
     * @see #of(double[][], double, double, double[], boolean)
     */
    public static SsdDefaultBoxes withScales(double[][] aspectRatios, double[] scales, double[] steps,
                                             boolean clip) {
        double[][] ars = ratios(aspectRatios);
        double[] s = Args.positiveCopy(scales, "scales");
        if (s.length < ars.length + 1) {
            throw new IllegalArgumentException("scales needs levels + 1 = " + (ars.length + 1) + " values, has "
                    + s.length);
        }
        double[] st = null;
        if (steps != null) {
            st = Args.positiveCopy(steps, "steps");
            Args.sameCount(st.length, ars.length, "steps", "levels");
        }
        return new SsdDefaultBoxes(ars, s, st, clip);
    }

    /** torchvision's SSD300 VGG16: ratios {@code [[2],[2,3],[2,3],[2,3],[2],[2]]}, its scales and steps. */
    public static SsdDefaultBoxes ssd300Vgg16() {
        return withScales(new double[][] {{2}, {2, 3}, {2, 3}, {2, 3}, {2}, {2}},
                new double[] {0.07, 0.15, 0.33, 0.51, 0.69, 0.87, 1.05}, new double[] {8, 16, 32, 64, 100, 300},
                true);
    }

    /** torchvision's SSDlite320: ratios {@code [2, 3]} on 6 levels, scales from 0.2 to 0.95, no steps. */
    public static SsdDefaultBoxes ssdlite320() {
        double[][] ars = new double[6][];
        for (int l = 0; l < ars.length; l++) {
            ars[l] = new double[] {2, 3};
        }
        return of(ars, 0.2, 0.95, null, true);
    }

    /**
     * torchvision's scales: {@code min + (max - min) * k / (levels - 1)} for {@code k < levels} then 1.0, in
     * float64 in that order; for one level {@code {min, max}}.
     *
     * @throws IllegalArgumentException unless {@code levels >= 1} and {@code 0 < minRatio <= maxRatio} are finite
     */
    public static double[] scales(int levels, double minRatio, double maxRatio) {
        Args.positive(levels, "levels");
        Args.positive(minRatio, "minRatio");
        Args.positive(maxRatio, "maxRatio");
        if (maxRatio < minRatio) {
            throw new IllegalArgumentException("maxRatio must be >= minRatio, got " + maxRatio + " < " + minRatio);
        }
        if (levels == 1) {
            return new double[] {minRatio, maxRatio};
        }
        double range = maxRatio - minRatio;
        double[] s = new double[levels + 1];
        for (int k = 0; k < levels; k++) {
            s[k] = minRatio + range * k / (levels - 1.0);
        }
        s[levels] = 1.0;
        return s;
    }

    /** Number of levels. */
    public int levels() {
        return aspectRatios.length;
    }

    /** The scales (a copy). */
    public double[] scales() {
        return scales.clone();
    }

    /** Boxes per location of level {@code level}: {@code 2 + 2 * ratios}. */
    public int anchorsPerLocation(int level) {
        Objects.checkIndex(level, aspectRatios.length);
        return 2 + 2 * aspectRatios[level].length;
    }

    /**
     * torchvision's {@code _wh_pairs[level]}: {@code (w, h)} per box, normalised, float32, before clipping.
     */
    public float[] widthHeightPairs(int level) {
        Objects.checkIndex(level, aspectRatios.length);
        double s = scales[level];
        double[] ars = aspectRatios[level];
        float[] wh = new float[2 * (2 + 2 * ars.length)];
        double prime = Math.sqrt(scales[level] * scales[level + 1]);
        wh[0] = (float) s;
        wh[1] = (float) s;
        wh[2] = (float) prime;
        wh[3] = (float) prime;
        for (int i = 0; i < ars.length; i++) {
            double root = Math.sqrt(ars[i]);
            double w = s * root, h = s / root;
            wh[4 + 4 * i] = (float) w;
            wh[5 + 4 * i] = (float) h;
            wh[6 + 4 * i] = (float) h;
            wh[7 + 4 * i] = (float) w;
        }
        return wh;
    }

    /**
     * The module's output: xyxy in pixels, {@code ((cx - 0.5 w) * W, (cy - 0.5 h) * H, (cx + 0.5 w) * W,
     * (cy + 0.5 h) * H)} in float32.
     *
     * @param imageHeight the (transformed) image height in pixels, >= 1
     * @param imageWidth  the image width, >= 1
     * @param grids       per level {@code {height, width}} of the feature map, each >= 1
     */
    public AnchorGrid pixelGrid(int imageHeight, int imageWidth, int[][] grids) {
        return grid(imageHeight, imageWidth, grids, BoxFormat.XYXY);
    }

    /** The internal form: normalised {@code (cx, cy, w, h)} (torchvision's {@code _grid_default_boxes}). */
    public AnchorGrid normalizedGrid(int imageHeight, int imageWidth, int[][] grids) {
        return grid(imageHeight, imageWidth, grids, BoxFormat.CXCYWH);
    }

    private AnchorGrid grid(int imageHeight, int imageWidth, int[][] grids, BoxFormat format) {
        Args.positive(imageHeight, "imageHeight");
        Args.positive(imageWidth, "imageWidth");
        int[][] g = FpnGrids.checkedGrids(grids, "grids");
        Args.sameCount(g.length, aspectRatios.length, "grids", "levels");
        boolean xyxy = format == BoxFormat.XYXY;
        AnchorGrid.Builder b = AnchorGrid.builder().format(format);
        if (xyxy) {
            b.scale(imageWidth, imageHeight);
        }
        for (int k = 0; k < g.length; k++) {
            // torchvision divides by W / step computed in Python floats and rounded to float32 by the tensor op.
            float fx = (float) (steps != null ? imageWidth / steps[k] : g[k][1]);
            float fy = (float) (steps != null ? imageHeight / steps[k] : g[k][0]);
            float[] wh = widthHeightPairs(k);
            float[] cell = new float[2 * wh.length];
            for (int a = 0; a < wh.length / 2; a++) {
                float w = clip ? clamp01(wh[2 * a]) : wh[2 * a];
                float h = clip ? clamp01(wh[2 * a + 1]) : wh[2 * a + 1];
                if (xyxy) {
                    CellAnchors.putAround(cell, 4 * a, 0f, 0f, 0.5f * w, 0.5f * h);
                } else {
                    cell[4 * a + 2] = w;
                    cell[4 * a + 3] = h;
                }
            }
            b.level(new GridLevel(g[k][0], g[k][1], Centres.ssd(g[k][1], fx), Centres.ssd(g[k][0], fy), cell));
        }
        return b.build();
    }

    private static float clamp01(float v) {
        return v < 0 ? 0f : v > 1 ? 1f : v;
    }

    private static double[][] ratios(double[][] aspectRatios) {
        Objects.requireNonNull(aspectRatios, "aspectRatios");
        if (aspectRatios.length == 0) {
            throw new IllegalArgumentException("aspectRatios must hold at least one level");
        }
        double[][] copy = new double[aspectRatios.length][];
        for (int l = 0; l < copy.length; l++) {
            Objects.requireNonNull(aspectRatios[l], "aspectRatios[" + l + "]");
            copy[l] = aspectRatios[l].length == 0 ? new double[0]
                    : Args.positiveCopy(aspectRatios[l], "aspectRatios[" + l + "]");
        }
        return copy;
    }
}
