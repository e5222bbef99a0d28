package dev.anchorvec.anchors;

import dev.anchorvec.internal.Args;
import java.util.Objects;

/**
 * The anchors of one grid location ("cell anchors", "base anchors"), computed exactly as each peer library
 * computes them, in its float32 or float64 order of operations, so that the tiled grid reproduces the peer bit
 * for bit. Each method returns {@code 4 * A} floats {@code (x1, y1, x2, y2)} per anchor, in pixels, relative to
 * the grid point the peer adds them to (see {@link GridLevel}); for most peers the anchors are centred on 0, for
 * mmdet they already include mmdet's centre ({@code center_offset * base_size}, or {@code stride / 2} for its SSD
 * and YOLO generators), because mmdet adds them to the shift {@code i * stride} as they are.
 *
 * <p>Aspect ratios are height over width ({@link AspectRatio#H_OVER_W}) except in the TF methods, which read
 * them as TF does (width over height). Anchor areas are {@code size^2} for every peer. For a configuration of
 * your own use {@link #builder()}.
 */
public final class CellAnchors {

    private CellAnchors() {}

    /** A generic builder (sizes, scales or octave scales; either ratio convention and order; rounding; +1). */
    public static CellAnchorBuilder builder() {
        return new CellAnchorBuilder();
    }

    /**
     * torchvision {@code AnchorGenerator.generate_anchors}: ratio-major ({@link AnchorOrder#RATIO_MAJOR}), in
     * float32: {@code hr = sqrt(r)}, {@code wr = 1 / hr}, {@code ws = wr * size}, {@code hs = hr * size}, anchor
     * {@code rint((-ws, -hs, ws, hs) / 2)}: half-extents rounded half to even, as {@code torch.round} does
     * (size 32, ratio 0.5 gives {@code [-23, -11, 23, 11]}). Centred on the grid point {@code x * stride}.
     *
     * @param sizes        anchor sides in pixels ({@code sqrt} of the area), each finite and > 0
     * @param aspectRatios height / width, each finite and > 0
     */
    public static float[] torchvision(double[] sizes, double[] aspectRatios) {
        double[] s = Args.positiveCopy(sizes, "sizes");
        double[] r = Args.positiveCopy(aspectRatios, "aspectRatios");
        float[] out = new float[4 * s.length * r.length];
        int k = 0;
        for (double ratio : r) {
            float hr = sqrtF((float) ratio);
            float wr = 1f / hr;
            for (double size : s) {
                float ws = wr * (float) size, hs = hr * (float) size;
                out[k++] = rint(-ws / 2);
                out[k++] = rint(-hs / 2);
                out[k++] = rint(ws / 2);
                out[k++] = rint(hs / 2);
            }
        }
        return out;
    }

    /**
     * detectron2 {@code DefaultAnchorGenerator.generate_cell_anchors}: size-major ({@link AnchorOrder#SIZE_MAJOR}),
     * in float64 rounded once to float32, no rounding to integers: {@code w = sqrt(size^2 / r)}, {@code h = r * w},
     * anchor {@code (-w/2, -h/2, w/2, h/2)}. Centred on the grid point {@code (x + offset) * stride}.
     *
     * @param sizes        anchor sides in pixels, each finite and > 0
     * @param aspectRatios height / width, each finite and > 0
     */
    public static float[] detectron2(double[] sizes, double[] aspectRatios) {
        double[] s = Args.positiveCopy(sizes, "sizes");
        double[] r = Args.positiveCopy(aspectRatios, "aspectRatios");
        float[] out = new float[4 * s.length * r.length];
        int k = 0;
        for (double size : s) {
            for (double ratio : r) {
                double w = Math.sqrt(size * size / ratio), h = ratio * w;
                k = putCentred(out, k, w / 2, h / 2);
            }
        }
        return out;
    }

    /**
     * mmdet {@code AnchorGenerator.gen_single_level_base_anchors} (v2 and later), in float32:
     * {@code hr = sqrt(r)}, {@code wr = 1 / hr}; with {@code scaleMajor} (mmdet's default) {@code ws = base * wr *
     * scale} with the ratio outer, else {@code ws = base * scale * wr} with the scale outer; anchor
     * {@code (c - 0.5 ws, c - 0.5 hs, c + 0.5 ws, c + 0.5 hs)} with {@code c = centreOffset * base} (mmdet's
     * {@code center_offset}, default 0). The grid point is {@code x * stride} (offset 0).
     *
     * @param baseSize     mmdet's {@code base_size} in pixels (its default is the level's stride), finite and > 0
     * @param scales       multiples of the base size, each finite and > 0 (see {@link #octaveScales})
     * @param aspectRatios height / width, each finite and > 0
     * @param scaleMajor   mmdet's {@code scale_major}: true puts the ratio in the outer loop
     * @param centreOffset mmdet's {@code center_offset}, within [0, 1]
     */
    public static float[] mmdet(double baseSize, double[] scales, double[] aspectRatios, boolean scaleMajor,
                                double centreOffset) {
        return mmdetFamily(baseSize, scales, aspectRatios, scaleMajor, centreOffset, false);
    }

    /**
     * mmdet {@code LegacyAnchorGenerator} (the v1.x convention with "+1" pixel sizes): widths as in
     * {@link #mmdet}, the centre at {@code centreOffset * (base - 1)}, half-extents {@code 0.5 * (ws - 1)}, and the
     * corners rounded half to even. With {@code centreOffset = 0.5} it reproduces the v1.x anchors.
     *
     * @see #mmdet(double, double[], double[], boolean, double)
     */
    public static float[] mmdetLegacy(double baseSize, double[] scales, double[] aspectRatios, boolean scaleMajor,
                                      double centreOffset) {
        return mmdetFamily(baseSize, scales, aspectRatios, scaleMajor, centreOffset, true);
    }

    private static float[] mmdetFamily(double baseSize, double[] scales, double[] aspectRatios, boolean scaleMajor,
                                       double centreOffset, boolean legacy) {
        float base = (float) Args.positive(baseSize, "baseSize");
        double[] s = Args.positiveCopy(scales, "scales");
        double[] r = Args.positiveCopy(aspectRatios, "aspectRatios");
        Args.inRange(centreOffset, 0, 1, "centreOffset");
        // mmdet computes the centre in Python floats; torch then rounds it to float32 inside the subtraction.
        float c = (float) (legacy ? centreOffset * (baseSize - 1) : centreOffset * baseSize);
        int outer = scaleMajor ? r.length : s.length, inner = scaleMajor ? s.length : r.length;
        float[] out = new float[4 * s.length * r.length];
        int k = 0;
        for (int i = 0; i < outer; i++) {
            for (int j = 0; j < inner; j++) {
                float hr = sqrtF((float) r[scaleMajor ? i : j]);
                float wr = 1f / hr;
                float scale = (float) s[scaleMajor ? j : i];
                float ws = scaleMajor ? base * wr * scale : base * scale * wr;
                float hs = scaleMajor ? base * hr * scale : base * scale * hr;
                k = legacy ? putLegacy(out, k, c, ws, hs) : putAround(out, k, c, c, 0.5f * ws, 0.5f * hs);
            }
        }
        return out;
    }

    /**
     * mmdet's octave scales: {@code octaveBaseScale * 2^(i / scalesPerOctave)} for {@code i < scalesPerOctave},
     * in float64 (mmdet rounds them to float32 when it uses them). RetinaNet: {@code octaveScales(4, 3)}.
     *
     * @throws IllegalArgumentException unless {@code octaveBaseScale} is finite and > 0 and
     *                                  {@code scalesPerOctave >= 1}
     */
    public static double[] octaveScales(double octaveBaseScale, int scalesPerOctave) {
        Args.positive(octaveBaseScale, "octaveBaseScale");
        Args.positive(scalesPerOctave, "scalesPerOctave");
        double[] s = new double[scalesPerOctave];
        for (int i = 0; i < scalesPerOctave; i++) {
            s[i] = StrictMath.pow(2, (double) i / scalesPerOctave) * octaveBaseScale;
        }
        return s;
    }

    /**
     * mmdet {@code SSDAnchorGenerator} (v2, with {@code scale_major=False} as in every mmdet SSD config): the box
     * at {@code minSize} with ratio 1, then {@code sqrt(minSize * maxSize)} with ratio 1, then {@code minSize} with
     * ratios {@code 1/r, r} for each given {@code r}; {@code 2 + 2 * ratios.length} anchors. Computed in float32
     * like {@link #mmdet} with base {@code minSize}, scales {@code (1, sqrt(maxSize / minSize))} and ratios
     * {@code (1, 1/r1, r1, ...)}, centred at {@code (strideX / 2, strideY / 2)}; the grid point is
     * {@code x * stride}.
     *
     * @param minSize      the level's min size in pixels, finite and > 0
     * @param maxSize      the level's max size, finite and > {@code minSize}
     * @param aspectRatios the extra ratios (height / width, each finite and > 0), usually {@code {2}} or
     *                     {@code {2, 3}}; may be empty
     * @param strideX      the level's stride along x in pixels, finite and > 0
     * @param strideY      the level's stride along y, finite and > 0
     * @see #mmdetSsdSizes(int, double, double, int)
     */
    public static float[] mmdetSsd(double minSize, double maxSize, double[] aspectRatios, double strideX,
                                   double strideY) {
        Args.positive(minSize, "minSize");
        Args.positive(maxSize, "maxSize");
        if (!(maxSize > minSize)) {
            throw new IllegalArgumentException("maxSize must be > minSize, got " + maxSize + " <= " + minSize);
        }
        Objects.requireNonNull(aspectRatios, "aspectRatios");
        double[] r = aspectRatios.length == 0 ? aspectRatios : Args.positiveCopy(aspectRatios, "aspectRatios");
        Args.positive(strideX, "strideX");
        Args.positive(strideY, "strideY");
        float cx = (float) (strideX / 2), cy = (float) (strideY / 2);
        float base = (float) minSize;
        float extra = (float) Math.sqrt(maxSize / minSize);
        // mmdet's ratio list (1, 1/r1, r1, ...) as float32 tensors, then the reorder [0, R, 1, 2, ..., R-1]
        // that puts the second scale's square box second and drops the other second-scale boxes.
        float[] ratios = new float[1 + 2 * r.length];
        ratios[0] = 1f;
        for (int i = 0; i < r.length; i++) {
            ratios[1 + 2 * i] = (float) (1 / r[i]);
            ratios[2 + 2 * i] = (float) r[i];
        }
        float[] out = new float[4 * (ratios.length + 1)];
        int k = 0;
        for (int a = 0; a <= ratios.length; a++) {
            float scale = a == 1 ? extra : 1f;
            float hr = sqrtF(a == 1 ? 1f : ratios[a == 0 ? 0 : a - 1]);
            float wr = 1f / hr;
            k = putAround(out, k, cx, cy, 0.5f * (base * scale * wr), 0.5f * (base * scale * hr));
        }
        return out;
    }

    /**
     * mmdet's SSD min and max sizes from {@code basesize_ratio_range} (when none are given):
     * ratios {@code range(int(min*100), int(max*100) + 1, step)} percent with
     * {@code step = int(floor(max - min) / (levels - 2))} on the percentages, sizes
     * {@code int(inputSize * ratio / 100)}, and the first level hard-coded as mmdet does (SSD300: 7 %/15 % for
     * {@code min = 0.15} (COCO), 10 %/20 % for {@code 0.2} (VOC); SSD512: 4 %/10 % for {@code 0.1}, 7 %/15 % for
     * {@code 0.15}). SSD300 COCO: min {@code [21, 45, 99, 153, 207, 261]}, max {@code [45, 99, 153, 207, 261, 315]}.
     *
     * @return {@code {minSizes, maxSizes}}, {@code levels} values each
     * @throws IllegalArgumentException for an input size other than 300 or 512, a first ratio mmdet does not
     *                                  know, {@code levels < 3}, or a range that is not {@code 0 < min < max}
     */
    public static int[][] mmdetSsdSizes(int inputSize, double minRatio, double maxRatio, int levels) {
        if (levels < 3) {
            throw new IllegalArgumentException("levels must be >= 3, got " + levels);
        }
        Args.positive(minRatio, "minRatio");
        Args.positive(maxRatio, "maxRatio");
        if (!(maxRatio > minRatio)) {
            throw new IllegalArgumentException("maxRatio must be > minRatio, got " + maxRatio + " <= " + minRatio);
        }
        int first;
        int firstMax;
        if (inputSize == 300 && minRatio == 0.15) {
            first = 7;
            firstMax = 15;
        } else if (inputSize == 300 && minRatio == 0.2) {
            first = 10;
            firstMax = 20;
        } else if (inputSize == 512 && minRatio == 0.1) {
            first = 4;
            firstMax = 10;
        } else if (inputSize == 512 && minRatio == 0.15) {
            first = 7;
            firstMax = 15;
        } else {
            throw new IllegalArgumentException("inputSize " + inputSize + " with minRatio " + minRatio
                    + ": mmdet only knows 300 with 0.15 or 0.2, and 512 with 0.1 or 0.15");
        }
        int lo = (int) (minRatio * 100), hi = (int) (maxRatio * 100);
        int step = (int) (Math.floor(hi - lo) / (levels - 2));
        if (step < 1) {
            throw new IllegalArgumentException("the range " + minRatio + ".." + maxRatio + " is too narrow for "
                    + levels + " levels");
        }
        int ranged = (hi - lo) / step + 1;
        if (ranged != levels - 1) {
            throw new IllegalArgumentException("the range " + minRatio + ".." + maxRatio + " in steps of " + step
                    + " % gives " + (ranged + 1) + " levels, not " + levels);
        }
        int[] min = new int[levels], max = new int[levels];
        min[0] = inputSize * first / 100;
        max[0] = inputSize * firstMax / 100;
        for (int l = 1; l < levels; l++) {
            int ratio = lo + (l - 1) * step;
            min[l] = inputSize * ratio / 100;
            max[l] = inputSize * (ratio + step) / 100;
        }
        return new int[][] {min, max};
    }

    /**
     * mmdet {@code YOLOAnchorGenerator}: one anchor per {@code (w, h)} pair, centred at
     * {@code (strideX / 2, strideY / 2)}, {@code (c - w/2, c - h/2, c + w/2, c + h/2)} in float64 rounded to
     * float32; the grid point is {@code x * stride}.
     *
     * @param widthHeight {@code w0, h0, w1, h1, ...} in pixels, each finite and > 0
     */
    public static float[] mmdetYolo(double[] widthHeight, double strideX, double strideY) {
        double[] wh = pairs(widthHeight, "widthHeight");
        Args.positive(strideX, "strideX");
        Args.positive(strideY, "strideY");
        double cx = strideX / 2, cy = strideY / 2;
        float[] out = new float[2 * wh.length];
        for (int a = 0; a < wh.length / 2; a++) {
            double w = wh[2 * a], h = wh[2 * a + 1];
            out[4 * a] = (float) (cx - 0.5 * w);
            out[4 * a + 1] = (float) (cy - 0.5 * h);
            out[4 * a + 2] = (float) (cx + 0.5 * w);
            out[4 * a + 3] = (float) (cy + 0.5 * h);
        }
        return out;
    }

    /**
     * Zero-centred anchors of explicit {@code (w, h)} pairs: {@code (-w/2, -h/2, w/2, h/2)} in float64 rounded to
     * float32 (YOLOv5's anchors, fitted anchors).
     *
     * @param widthHeight {@code w0, h0, w1, h1, ...}, each finite and > 0
     */
    public static float[] fromSizes(double[] widthHeight) {
        double[] wh = pairs(widthHeight, "widthHeight");
        float[] out = new float[2 * wh.length];
        for (int a = 0; a < wh.length / 2; a++) {
            putCentred(out, 4 * a, wh[2 * a] / 2, wh[2 * a + 1] / 2);
        }
        return out;
    }

    /**
     * TF Object Detection API {@code GridAnchorGenerator}: every (aspect ratio, scale) pair, ratio outer and scale
     * inner ({@code ops.meshgrid}), then {@link #tfBoxSpecs}. TF's ratio is <b>width over height</b>.
     *
     * @param scales       multiples of the base anchor size, each finite and > 0
     * @param aspectRatios width / height, each finite and > 0
     * @param baseHeight   TF's {@code base_anchor_size[0]} (default 256)
     * @param baseWidth    TF's {@code base_anchor_size[1]} (default 256)
     */
    public static float[] tfGrid(double[] scales, double[] aspectRatios, double baseHeight, double baseWidth) {
        double[] s = Args.positiveCopy(scales, "scales");
        double[] r = Args.positiveCopy(aspectRatios, "aspectRatios");
        double[] pairScales = new double[s.length * r.length], pairRatios = new double[s.length * r.length];
        for (int i = 0; i < r.length; i++) {
            for (int j = 0; j < s.length; j++) {
                pairScales[i * s.length + j] = s[j];
                pairRatios[i * s.length + j] = r[i];
            }
        }
        return tfBoxSpecs(pairScales, pairRatios, baseHeight, baseWidth);
    }

    /**
     * TF {@code tile_anchors} on a list of box specs {@code (scales[i], aspectRatios[i])} (how
     * {@code MultipleGridAnchorGenerator} and {@code create_ssd_anchors} describe a layer), in float32:
     * {@code height = scale / sqrt(ar) * baseHeight}, {@code width = scale * sqrt(ar) * baseWidth}, anchor
     * {@code (-0.5 width, -0.5 height, 0.5 width, 0.5 height)} around the grid point
     * {@code y * stride + offset}. TF's ratio is <b>width over height</b>; TF lists corners as
     * {@code (ymin, xmin, ymax, xmax)}, anchorvec as {@code (x1, y1, x2, y2)}.
     *
     * @param scales       one scale per box, each finite and > 0
     * @param aspectRatios one ratio (width / height) per box, each finite and > 0
     */
    public static float[] tfBoxSpecs(double[] scales, double[] aspectRatios, double baseHeight, double baseWidth) {
        double[] s = Args.positiveCopy(scales, "scales");
        double[] r = Args.positiveCopy(aspectRatios, "aspectRatios");
        if (s.length != r.length) {
            throw new IllegalArgumentException("scales and aspectRatios must have the same length, got "
                    + s.length + " and " + r.length);
        }
        float bh = (float) Args.positive(baseHeight, "baseHeight");
        float bw = (float) Args.positive(baseWidth, "baseWidth");
        float[] out = new float[4 * s.length];
        for (int a = 0; a < s.length; a++) {
            float scale = (float) s[a];
            float root = sqrtF((float) r[a]);
            float h = scale / root * bh, w = scale * root * bw;
            putAround(out, 4 * a, 0f, 0f, 0.5f * w, 0.5f * h);
        }
        return out;
    }

    /** Checks a non-empty {@code w, h} list of positive values. */
    private static double[] pairs(double[] widthHeight, String name) {
        double[] wh = Args.positiveCopy(widthHeight, name);
        if (wh.length % 2 != 0) {
            throw new IllegalArgumentException(name + " must hold (w, h) pairs, has " + wh.length + " values");
        }
        return wh;
    }

    /** Writes {@code (cx - hw, cy - hh, cx + hw, cy + hh)} in float32 at {@code out[k]}; returns {@code k + 4}. */
    static int putAround(float[] out, int k, float cx, float cy, float hw, float hh) {
        out[k] = cx - hw;
        out[k + 1] = cy - hh;
        out[k + 2] = cx + hw;
        out[k + 3] = cy + hh;
        return k + 4;
    }

    /** Writes {@code (-hw, -hh, hw, hh)}, each rounded once from float64; returns {@code k + 4}. */
    static int putCentred(float[] out, int k, double hw, double hh) {
        out[k] = (float) -hw;
        out[k + 1] = (float) -hh;
        out[k + 2] = (float) hw;
        out[k + 3] = (float) hh;
        return k + 4;
    }

    /** mmdet v1: {@code round(c -+ 0.5 * (ws - 1))} in float32; returns {@code k + 4}. */
    private static int putLegacy(float[] out, int k, float c, float ws, float hs) {
        float hw = 0.5f * (ws - 1), hh = 0.5f * (hs - 1);
        out[k] = rint(c - hw);
        out[k + 1] = rint(c - hh);
        out[k + 2] = rint(c + hw);
        out[k + 3] = rint(c + hh);
        return k + 4;
    }

    /** Correctly rounded float32 square root (the double root of a float rounds to the float root). */
    static float sqrtF(float v) {
        return (float) Math.sqrt(v);
    }

    /** Round half to even, as {@code torch.round}. */
    static float rint(float v) {
        return (float) Math.rint(v);
    }
}
