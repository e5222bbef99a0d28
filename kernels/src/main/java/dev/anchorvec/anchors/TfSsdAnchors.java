package dev.anchorvec.anchors;

import dev.anchorvec.internal.Args;
import java.util.Arrays;
import java.util.Objects;

/**
 * The TF Object Detection API's SSD anchors ({@code create_ssd_anchors} with {@code MultipleGridAnchorGenerator}),
 * in normalised coordinates, in TF's float32 order of operations.
 *
 * <p>Scales: {@code min + (max - min) * i / (layers - 1)} for each layer, then 1.0 (defaults 0.2 to 0.95). Layer
 * {@code i} has one box per aspect ratio at scale {@code s_i} plus, if {@code interpolatedScaleAspectRatio > 0},
 * one at {@code sqrt(s_i * s_{i+1})} with that ratio; with {@code reduceBoxesInLowestLayer} (default) layer 0 has
 * the three boxes {@code (0.1, 1), (s_0, 2), (s_0, 0.5)} instead. Ratios are <b>width over height</b> (TF's
 * convention). Boxes are tiled with {@link CellAnchors#tfBoxSpecs}: stride {@code 1 / grid} and offset
 * {@code stride / 2} per axis, centres {@code y * stride + offset} in float32; the base size is {@code (1, 1)}
 * adjusted for non-square images by {@code min(H, W) / H} and {@code min(H, W) / W}. TF's corners are
 * {@code (ymin, xmin, ymax, xmax)}; anchorvec writes {@code (x1, y1, x2, y2)}. No clipping (TF's default).
 *
 * <pre>{@code
 * AnchorGrid anchors = TfSsdAnchors.defaults().grid(new int[][] {{19, 19}, {10, 10}, {5, 5}, {3, 3}, {2, 2},
 *         {1, 1}});   // SSD MobileNet v1 at 300 x 300: 1917 anchors
 * }</pre>
 *
 * @param minScale                    smallest scale (default 0.2), finite and > 0
 * @param maxScale                    largest scale (default 0.95), finite and >= {@code minScale}
 * @param aspectRatios                ratios (width / height) of the regular boxes (default 1, 2, 3, 1/2, 1/3)
 * @param interpolatedScaleAspectRatio ratio of the interpolated box, or 0 for none (default 1)
 * @param reduceBoxesInLowestLayer    the three-box lowest layer (default true)
 */
public record TfSsdAnchors(double minScale, double maxScale, double[] aspectRatios,
                           double interpolatedScaleAspectRatio, boolean reduceBoxesInLowestLayer) {

    /** Checks the parameters and copies the ratios. */
    public TfSsdAnchors {
        Args.positive(minScale, "minScale");
        Args.positive(maxScale, "maxScale");
        if (maxScale < minScale) {
            throw new IllegalArgumentException("maxScale must be >= minScale, got " + maxScale + " < " + minScale);
        }
        aspectRatios = Args.positiveCopy(aspectRatios, "aspectRatios");
        if (!(interpolatedScaleAspectRatio >= 0 && interpolatedScaleAspectRatio < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("interpolatedScaleAspectRatio must be finite and >= 0, got "
                    + interpolatedScaleAspectRatio);
        }
    }

    /** TF's defaults: scales 0.2 to 0.95, ratios (1, 2, 3, 1/2, 1/3), interpolated ratio 1, reduced layer 0. */
    public static TfSsdAnchors defaults() {
        return new TfSsdAnchors(0.2, 0.95, new double[] {1.0, 2.0, 3.0, 1.0 / 2, 1.0 / 3}, 1.0, true);
    }

    @Override
    public double[] aspectRatios() {
        return aspectRatios.clone();
    }

    /**
     * The layer scales followed by 1.0, in float64 as TF's Python computes them ({@code [0.2, 0.35, 0.5, 0.65, 0.8,
     * 0.95, 1.0]} for 6 layers with the defaults).
     */
    public double[] scales(int layers) {
        Args.positive(layers, "layers");
        double[] s = new double[layers + 1];
        for (int i = 0; i < layers; i++) {
            s[i] = layers == 1 ? minScale : minScale + (maxScale - minScale) * i / (layers - 1);
        }
        s[layers] = 1.0;
        return s;
    }

    /** Boxes per location of layer {@code layer} in a model of {@code layers} layers. */
    public int anchorsPerLocation(int layer, int layers) {
        return specScales(layer, layers).length;
    }

    /**
     * The anchors of one location of layer {@code layer} (normalised, centred on 0) for a base size of
     * {@code (baseHeight, baseWidth)} ({@code (1, 1)} for square images).
     */
    public float[] cell(int layer, int layers, double baseHeight, double baseWidth) {
        return CellAnchors.tfBoxSpecs(specScales(layer, layers), specRatios(layer, layers), baseHeight, baseWidth);
    }

    /** The anchors of a square image on feature maps {@code {height, width}} per layer. */
    public AnchorGrid grid(int[][] featureMaps) {
        return grid(featureMaps, 1, 1);
    }

    /**
     * The anchors of an {@code imageHeight x imageWidth} image (only the aspect matters: the base size becomes
     * {@code (min / H, min / W)}) on feature maps {@code {height, width}} per layer, normalised.
     */
    public AnchorGrid grid(int[][] featureMaps, int imageHeight, int imageWidth) {
        int[][] g = FpnGrids.checkedGrids(featureMaps, "featureMaps");
        Args.positive(imageHeight, "imageHeight");
        Args.positive(imageWidth, "imageWidth");
        float min = Math.min(imageHeight, imageWidth);
        float baseH = min / imageHeight, baseW = min / imageWidth;
        AnchorGrid.Builder b = AnchorGrid.builder();
        for (int l = 0; l < g.length; l++) {
            float strideY = 1f / g[l][0], strideX = 1f / g[l][1];
            b.level(new GridLevel(g[l][0], g[l][1], Centres.tf(g[l][1], strideX, 0.5f * strideX),
                    Centres.tf(g[l][0], strideY, 0.5f * strideY),
                    cell(l, g.length, baseH, baseW)));
        }
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TfSsdAnchors t && Double.compare(t.minScale, minScale) == 0
                && Double.compare(t.maxScale, maxScale) == 0 && Arrays.equals(t.aspectRatios, aspectRatios)
                && Double.compare(t.interpolatedScaleAspectRatio, interpolatedScaleAspectRatio) == 0
                && t.reduceBoxesInLowestLayer == reduceBoxesInLowestLayer;
    }

    @Override
    public int hashCode() {
        return Objects.hash(minScale, maxScale, Arrays.hashCode(aspectRatios), interpolatedScaleAspectRatio,
                reduceBoxesInLowestLayer);
    }

    @Override
    public String toString() {
        return "TfSsdAnchors[scales " + minScale + ".." + maxScale + ", aspectRatios " + Arrays.toString(aspectRatios)
                + ", interpolated " + interpolatedScaleAspectRatio + ", reduced lowest layer "
                + reduceBoxesInLowestLayer + "]";
    }

    private double[] specScales(int layer, int layers) {
        double[] s = scales(layers);
        Objects.checkIndex(layer, layers);
        if (layer == 0 && reduceBoxesInLowestLayer) {
            return new double[] {0.1, s[0], s[0]};
        }
        int n = aspectRatios.length + (interpolatedScaleAspectRatio > 0 ? 1 : 0);
        double[] out = new double[n];
        Arrays.fill(out, 0, aspectRatios.length, s[layer]);
        if (n > aspectRatios.length) {
            out[n - 1] = Math.sqrt(s[layer] * s[layer + 1]);
        }
        return out;
    }

    private double[] specRatios(int layer, int layers) {
        if (layer == 0 && reduceBoxesInLowestLayer) {
            return new double[] {1.0, 2.0, 0.5};
        }
        if (interpolatedScaleAspectRatio == 0) {
            return aspectRatios.clone();
        }
        double[] out = Arrays.copyOf(aspectRatios, aspectRatios.length + 1);
        out[aspectRatios.length] = interpolatedScaleAspectRatio;
        return out;
    }
}
