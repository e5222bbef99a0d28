package dev.anchorvec.encode;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.internal.Args;
import dev.anchorvec.simd.Simd;
import java.lang.invoke.MethodHandles;
import java.util.Arrays;
import java.util.Locale;

/**
 * The delta box coder of Faster R-CNN, RetinaNet and SSD: offsets {@code (dx, dy, dw, dh)} that move an anchor
 * onto a box, and back. Immutable and thread-safe; the presets are static factories.
 *
 * <p>Encode (torchvision {@code encode_boxes}, float32, in this order of operations): {@code w = x2 - x1},
 * {@code cx = x1 + 0.5 * w}, {@code dx = wx * (gcx - acx) / aw - bx}, {@code dw = ww * log(gw / aw) - bw}, same for
 * y and h. Decode: {@code dx = (code + bx) / wx}, {@code dw = clamp((code + bw) / ww)} ({@link ClampMode}),
 * {@code pcx = dx * aw + acx}, {@code pw = exp(dw) * aw}, corners {@code pcx -/+ 0.5 * pw}, optionally clipped to
 * the image {@code [0, width] x [0, height]} (mmdet {@code max_shape}, torchvision {@code clip_boxes_to_image}).
 * The biases {@code b} are 0 except for {@link #mmdet(float[], float[])} means.
 *
 * <p>Results: torchvision's formulas evaluated in float32, with anchorvec's own {@code log} and {@code exp}
 * (within 1 ulp of the exact value, see {@code dev.anchorvec.simd.FloatMath}); the scalar and the Vector API
 * implementations give the same bits at every vector width, JIT tier and CPU. torchvision's own vectorised
 * {@code log/exp} (Sleef) is also within 1 ulp, so codes with a logarithm and decoded corners can differ from
 * torchvision's by a few ulp of the box size ({@code BoxCoderDecodeChecker} in the tests states the bound).
 * mmdet and TF results equal their formulas up to rounding (mmdet's {@code (d - mean) / std} is evaluated as
 * {@code d / std - mean / std}; TF's {@code (diff / aw) * scale} as {@code scale * diff / aw}; TF centres are
 * {@code x1 + 0.5 * w} rather than {@code (x1 + x2) / 2}): a few ulp.
 *
 * <p>Layout: anchors and ground truth are planar {@link Boxes}; codes and decoded boxes are interleaved rows of 4
 * floats, as a training framework or a model output holds them. Class-specific decode takes {@code k} rows per
 * anchor ({@code [n, 4k]}). {@link #decode(Boxes, float[], int, Boxes)} writes planar {@link Boxes}, the layout
 * score filtering and NMS read, without an interleaved copy.
 *
 * <p>Bad input: every method checks lengths and offsets, and encode checks that every anchor and ground-truth
 * box it uses has width and height {@code > 0} (the logarithm and the division need it), throwing
 * {@link IllegalArgumentException} naming the argument and index before anything is written. Decode accepts any
 * anchor (a zero-size anchor decodes to a point); with the clamp, finite input never gives NaN.
 *
 * <pre>{@code
 * DeltaCoder coder = DeltaCoder.torchvision(10, 10, 5, 5);
 * float[] codes = coder.encode(Boxes.ofXyxy(0, 0, 10, 10), Boxes.ofXyxy(1, 2, 11, 14));
 * // [1.0, 3.0, 0.0, 0.91160774]
 * float[] boxes = coder.decode(Boxes.ofXyxy(0, 0, 10, 10), codes);   // [1, 2, 11, 14] (within an ulp)
 * }</pre>
 */
public final class DeltaCoder {

    /** torchvision's {@code bbox_xform_clip}, detectron2's {@code scale_clamp}: {@code ln(1000 / 16)} in float32. */
    public static final float DEFAULT_CLAMP = (float) StrictMath.log(1000.0 / 16);

    /** The largest {@code dw, dh} ever passed to {@code exp} ({@code exp(88)} is finite in float32). */
    public static final float EXP_LIMIT = 88f;

    /** TF {@code FasterRcnnBoxCoder}'s {@code EPSILON}, added to the four sizes in encode. */
    public static final float TF_EPSILON = 1e-8f;

    private static final DeltaKernels IMPL = Simd.select(MethodHandles.lookup(), DeltaKernels.class,
            "dev.anchorvec.encode.VectorDeltaKernels", ScalarDeltaKernels::new);

    private final float[] weights;
    private final float[] biases;
    private final ClampMode clampMode;
    private final float clampBound;
    private final float centreClamp;
    private final float epsilon;
    private final boolean yxOrder;
    private final DeltaParams params;

    private DeltaCoder(float[] weights, float[] biases, ClampMode clampMode, float clampBound, float centreClamp,
                       float epsilon, boolean yxOrder) {
        this.weights = weights;
        this.biases = biases;
        this.clampMode = clampMode;
        this.clampBound = clampBound;
        this.centreClamp = centreClamp;
        this.epsilon = epsilon;
        this.yxOrder = yxOrder;
        float lo = clampMode == ClampMode.SYMMETRIC ? -clampBound : Float.NEGATIVE_INFINITY;
        float hi = clampMode == ClampMode.NONE ? EXP_LIMIT : clampBound;
        this.params = new DeltaParams(weights, biases, lo, hi, centreClamp, epsilon, yxOrder);
    }

    /**
     * torchvision {@code BoxCoder(weights)}: deltas scaled by the weights, {@code dw, dh} clamped from above at
     * {@link #DEFAULT_CLAMP}. Faster R-CNN RPN and RetinaNet use (1, 1, 1, 1), the ROI heads and SSD (10, 10, 5, 5).
     *
     * @throws IllegalArgumentException if a weight is not finite or not {@code > 0}
     */
    public static DeltaCoder torchvision(float wx, float wy, float ww, float wh) {
        return new DeltaCoder(four(new float[] {wx, wy, ww, wh}, "weights", true), new float[4],
                ClampMode.UPPER, DEFAULT_CLAMP, Float.POSITIVE_INFINITY, 0f, false);
    }

    /** torchvision {@code BoxCoder((1, 1, 1, 1))} (RPN, RetinaNet). */
    public static DeltaCoder torchvision() {
        return torchvision(1, 1, 1, 1);
    }

    /** detectron2 {@code Box2BoxTransform(weights)}: the same maths as {@link #torchvision(float, float, float, float)}. */
    public static DeltaCoder detectron2(float wx, float wy, float ww, float wh) {
        return torchvision(wx, wy, ww, wh);
    }

    /**
     * mmdet {@code DeltaXYWHBBoxCoder(target_means, target_stds)}: encode {@code (d - mean) / std}, decode
     * {@code d * std + mean}, {@code dw, dh} clamped to {@code +-|ln(16 / 1000)|} ({@link ClampMode#SYMMETRIC}).
     * Add {@link #withCentreClamp(float)} and {@code withClamp(ClampMode.UPPER)} for {@code add_ctr_clamp}.
     *
     * @throws IllegalArgumentException unless both have 4 finite values and every std is {@code > 0}
     */
    public static DeltaCoder mmdet(float[] means, float[] stds) {
        float[] m = four(means, "means", false);
        float[] s = four(stds, "stds", true);
        float[] w = new float[4], b = new float[4];
        for (int c = 0; c < 4; c++) {
            w[c] = (float) (1.0 / s[c]);
            b[c] = (float) ((double) m[c] / s[c]);
            Args.positive(w[c], "1 / stds[" + c + "]");
        }
        return new DeltaCoder(w, b, ClampMode.SYMMETRIC, DEFAULT_CLAMP, Float.POSITIVE_INFINITY, 0f, false);
    }

    /** mmdet's defaults: means (0, 0, 0, 0), stds (1, 1, 1, 1). */
    public static DeltaCoder mmdet() {
        return mmdet(new float[4], new float[] {1, 1, 1, 1});
    }

    /**
     * TF Object Detection API {@code FasterRcnnBoxCoder(scale_factors)}: codes in the order
     * {@code (ty, tx, th, tw)}, {@link #TF_EPSILON} added to the sizes in encode, no clamp in decode
     * ({@link ClampMode#NONE}). The scale factors are given in TF's order (the recommended ones are
     * (10, 10, 5, 5)). Boxes stay xyxy: only the code order differs.
     */
    public static DeltaCoder tensorflow(float sy, float sx, float sh, float sw) {
        return new DeltaCoder(four(new float[] {sx, sy, sw, sh}, "scaleFactors", true), new float[4],
                ClampMode.NONE, DEFAULT_CLAMP, Float.POSITIVE_INFINITY, TF_EPSILON, true);
    }

    /** TF {@code FasterRcnnBoxCoder()} without scale factors. */
    public static DeltaCoder tensorflow() {
        return tensorflow(1, 1, 1, 1);
    }

    /**
     * SSD: variances (0.1, 0.1, 0.2, 0.2), i.e. weights (10, 10, 5, 5), with torchvision's upper clamp (its SSD
     * uses {@code BoxCoder((10, 10, 5, 5))}).
     */
    public static DeltaCoder ssd() {
        return torchvision(10, 10, 5, 5);
    }

    /** DJL / MXNet {@code MultiBoxDetection}: variances (0.1, 0.1, 0.2, 0.2), no clamp. */
    public static DeltaCoder djl() {
        return ssd().withClamp(ClampMode.NONE);
    }

    /** This coder with another clamp mode, same bound. */
    public DeltaCoder withClamp(ClampMode mode) {
        return withClamp(mode, clampBound);
    }

    /**
     * This coder with another clamp of {@code dw, dh} in decode.
     *
     * @param bound in {@code (0, EXP_LIMIT]}; ignored by {@link ClampMode#NONE}
     * @throws IllegalArgumentException if the bound is out of range or NaN
     */
    public DeltaCoder withClamp(ClampMode mode, float bound) {
        Args.notNull(mode, "mode");
        if (!(bound > 0f && bound <= EXP_LIMIT)) {
            throw new IllegalArgumentException("bound must be in (0, " + EXP_LIMIT + "], got " + bound);
        }
        return new DeltaCoder(weights, biases, mode, bound, centreClamp, epsilon, yxOrder);
    }

    /**
     * This coder with mmdet's {@code add_ctr_clamp}: in decode the centre moves at most {@code pixels} along
     * each axis ({@code ctr_clamp}, default 32 in mmdet). {@code +inf} switches it off.
     *
     * @throws IllegalArgumentException unless {@code pixels > 0} (NaN included)
     */
    public DeltaCoder withCentreClamp(float pixels) {
        if (!(pixels > 0f)) {
            throw new IllegalArgumentException("pixels must be > 0, got " + pixels);
        }
        return new DeltaCoder(weights, biases, clampMode, clampBound, pixels, epsilon, yxOrder);
    }

    /** The weights {@code (wx, wy, ww, wh)} (for mmdet {@code 1 / stds}), a copy. */
    public float[] weights() {
        return weights.clone();
    }

    /** The biases {@code (bx, by, bw, bh)} subtracted in encode (mmdet {@code means / stds}; else 0), a copy. */
    public float[] biases() {
        return biases.clone();
    }

    /** The clamp of {@code dw, dh} in decode. */
    public ClampMode clampMode() {
        return clampMode;
    }

    /** The clamp bound ({@link #DEFAULT_CLAMP} unless set). */
    public float clampBound() {
        return clampBound;
    }

    /** The centre clamp in pixels, {@code +inf} when off. */
    public float centreClamp() {
        return centreClamp;
    }

    /** Whether codes are in TF's order {@code (ty, tx, th, tw)}. */
    public boolean yxOrder() {
        return yxOrder;
    }

    /**
     * The first index in [from, to) whose box has not {@code w > 0 && h > 0} (NaN included), else -1: the vector
     * scan the other coders' checks share.
     */
    static int firstNotPositive(Boxes b, int from, int to) {
        return IMPL.firstNotPositive(b, from, to);
    }

    /**
     * Throws if box {@code i} (found by {@link #firstNotPositive}, -1 for none) has no positive width and height;
     * the coders share it so that every one names the box, its coordinates and why the size matters.
     */
    static void requirePositive(Boxes b, int i, String name, String why) {
        if (i >= 0) {
            throw new IllegalArgumentException(name + "[" + i + "] = [" + b.x1(i) + ", " + b.y1(i) + ", " + b.x2(i)
                    + ", " + b.y2(i) + "] has width " + (b.x2(i) - b.x1(i)) + " and height " + (b.y2(i) - b.y1(i))
                    + ": " + why);
        }
    }

    /**
     * The common checks of an aligned encode of the coders ({@code gt[i]} against {@code anchors[i]}, rows of 4
     * into {@code out}).
     *
     * @return the number of boxes
     */
    static int alignedArgs(Boxes anchors, Boxes gt, float[] out, int outOffset) {
        Args.notNull(anchors, "anchors");
        Args.notNull(gt, "gt");
        Args.notNull(out, "out");
        int n = anchors.size();
        Args.sameSize(gt.size(), "gt.size()", n, "anchors.size()");
        Args.room(outOffset, 4L * n, out.length, "out");
        return n;
    }

    /** Four finite values ({@code > 0} when {@code positive}), copied. */
    private static float[] four(float[] v, String name, boolean positive) {
        Args.notNull(v, name);
        Args.length(v.length, 4, name);
        if (positive) {
            Args.positive(v, name);
        } else {
            Args.finite(v, 0, 4, name);
        }
        return v.clone();
    }

    /** The numbers the kernels read (package-private: tests call the kernels directly). */
    DeltaParams params() {
        return params;
    }

    // ---------------------------------------------------------------- encode

    /** A new {@code [n, 4]} array of the codes moving {@code anchors[i]} onto {@code gt[i]}. */
    public float[] encode(Boxes anchors, Boxes gt) {
        Args.notNull(anchors, "anchors");
        float[] out = new float[Args.allocation(4L * anchors.size(), Args.MAX_ARRAY_LENGTH, "4 * anchors.size()")];
        encode(anchors, gt, out, 0);
        return out;
    }

    /**
     * Writes the codes moving {@code anchors[i]} onto {@code gt[i]} into row {@code i} of {@code out}
     * ({@code out[outOffset + 4 * i ...]}). This is the aligned form a training framework wraps.
     *
     * @throws IllegalArgumentException if the sizes differ, {@code out} is too small, or an anchor or gt box has
     *                                  width or height {@code <= 0} (or NaN); nothing is written then
     */
    public void encode(Boxes anchors, Boxes gt, float[] out, int outOffset) {
        int n = DeltaCoder.alignedArgs(anchors, gt, out, outOffset);
        DeltaCoder.requirePositive(anchors, IMPL.firstNotPositive(anchors, 0, n), "anchors", "encode divides by the anchor size");
        DeltaCoder.requirePositive(gt, IMPL.firstNotPositive(gt, 0, n), "gt", "encode takes the log of the gt size");
        if (n > 0) {
            IMPL.encode(params, anchors, gt, n, out, outOffset);
        }
    }

    /**
     * Training targets for matched anchors: row {@code i} of {@code out} is the code moving {@code anchors[i]} onto
     * {@code gt[matches[i]]} when {@code matches[i] >= 0}, else 4 zeros (background {@code -1}, ignore {@code -2}
     * or any negative code). Made for many anchors and few positives (76725 anchors, a few hundred matched):
     * the rows are zero-filled, the positives found with a vector scan and encoded one by one, so the cost is
     * about that of writing the zeros. Positive rows are bit-identical with the scalar {@code encode}.
     *
     * @param matches at least {@code anchors.size()} entries (the first {@code anchors.size()} are read)
     * @throws IllegalArgumentException if {@code matches} is too short, {@code matches[i] >= gt.size()}, a
     *                                  matched anchor or gt box has width or height {@code <= 0}, or {@code out}
     *                                  is too small; nothing is written then
     */
    public void encodeMatched(Boxes anchors, Boxes gt, int[] matches, float[] out, int outOffset) {
        encodeMatched(anchors, gt, matches, 0, out, outOffset);
    }

    /**
     * {@link #encodeMatched(Boxes, Boxes, int[], float[], int)} with anchor {@code i}'s code at
     * {@code matches[matchesOffset + i]}: one image's codes inside a batch's flat array.
     *
     * @throws IllegalArgumentException as that method, or if {@code matchesOffset} is negative
     */
    public void encodeMatched(Boxes anchors, Boxes gt, int[] matches, int matchesOffset, float[] out, int outOffset) {
        Args.notNull(anchors, "anchors");
        Args.notNull(gt, "gt");
        Args.notNull(matches, "matches");
        Args.notNull(out, "out");
        int n = anchors.size(), m = gt.size();
        Args.room(matchesOffset, n, matches.length, "matches");
        int mo = matchesOffset, end = mo + n;
        Args.room(outOffset, Args.allocation(4L * n, Args.MAX_ARRAY_LENGTH, "4 * anchors.size()"), out.length, "out");
        for (int i = IMPL.nextPositive(matches, mo, end) - mo; i < n; i = IMPL.nextPositive(matches, mo + i + 1, end) - mo) {
            int g = matches[mo + i];
            if (g >= m) {
                throw new IllegalArgumentException("matches[" + (mo + i) + "] = " + g + " is not a gt index (gt.size() = "
                        + m + ")");
            }
            // Messages are built only on failure: this loop runs for every positive anchor.
            if (IMPL.firstNotPositive(anchors, i, i + 1) >= 0) {
                DeltaCoder.requirePositive(anchors, i, "anchors", "matched to gt[" + g + "]; encode divides by the anchor size");
            }
            if (IMPL.firstNotPositive(gt, g, g + 1) >= 0) {
                DeltaCoder.requirePositive(gt, g, "gt", "matched by anchors[" + i + "]; encode takes the log of the gt size");
            }
        }
        Arrays.fill(out, outOffset, outOffset + 4 * n, 0f);
        float[] a = anchors.data(), b = gt.data();
        int a0 = anchors.plane(0), a1 = anchors.plane(1), a2 = anchors.plane(2), a3 = anchors.plane(3);
        int b0 = gt.plane(0), b1 = gt.plane(1), b2 = gt.plane(2), b3 = gt.plane(3);
        for (int i = IMPL.nextPositive(matches, mo, end) - mo; i < n; i = IMPL.nextPositive(matches, mo + i + 1, end) - mo) {
            int g = matches[mo + i];
            ScalarDeltaKernels.encodeOne(params, a[a0 + i], a[a1 + i], a[a2 + i], a[a3 + i], b[b0 + g], b[b1 + g],
                    b[b2 + g], b[b3 + g], out, outOffset + 4 * i);
        }
    }

    // ---------------------------------------------------------------- decode

    /**
     * A new array of decoded xyxy rows: {@code deltas} holds {@code k = deltas.length / (4 * n)} rows of codes
     * per anchor.
     *
     * @throws IllegalArgumentException if {@code deltas.length} is not a positive multiple of {@code 4 * n}
     *                                  (or not 0 when there are no anchors)
     */
    public float[] decode(Boxes anchors, float[] deltas) {
        Args.notNull(anchors, "anchors");
        Args.notNull(deltas, "deltas");
        int n = anchors.size();
        if (n == 0) {
            if (deltas.length != 0) {
                throw new IllegalArgumentException("no anchors but deltas.length = " + deltas.length);
            }
            return new float[0];
        }
        if (deltas.length == 0 || deltas.length % (4 * n) != 0) {
            throw new IllegalArgumentException("deltas.length " + deltas.length + " is not a positive multiple of "
                    + "4 * anchors.size() = " + 4 * n);
        }
        float[] out = new float[deltas.length];
        decode(anchors, deltas, 0, deltas.length / (4 * n), out, 0);
        return out;
    }

    /**
     * Decodes {@code [n, 4k]} codes (row {@code i * k + j} = class {@code j} of anchor {@code i}, at
     * {@code deltas[deltasOffset + 4 * (i * k + j)]}) into xyxy rows of {@code out} at the same positions
     * relative to {@code outOffset}. {@code out} may be {@code deltas} with the same offset (in place), but must
     * not overlap it otherwise.
     *
     * @throws IllegalArgumentException if {@code k < 1} or an array is too small; nothing is written then
     */
    public void decode(Boxes anchors, float[] deltas, int deltasOffset, int k, float[] out, int outOffset) {
        decode(anchors, deltas, deltasOffset, k, false, 0f, 0f, out, outOffset);
    }

    /**
     * Like {@link #decode(Boxes, float[], int, int, float[], int)}, then clamps x to {@code [0, imageWidth]} and y
     * to {@code [0, imageHeight]} (mmdet {@code clip_border} with {@code max_shape = (height, width)}).
     *
     * @throws IllegalArgumentException also if a side is negative or NaN
     */
    public void decode(Boxes anchors, float[] deltas, int deltasOffset, int k, float imageWidth, float imageHeight,
                       float[] out, int outOffset) {
        Args.atLeast(imageWidth, 0, "imageWidth");
        Args.atLeast(imageHeight, 0, "imageHeight");
        decode(anchors, deltas, deltasOffset, k, true, imageWidth, imageHeight, out, outOffset);
    }

    private void decode(Boxes anchors, float[] deltas, int deltasOffset, int k, boolean clip, float width,
                        float height, float[] out, int outOffset) {
        Args.notNull(anchors, "anchors");
        Args.notNull(deltas, "deltas");
        Args.notNull(out, "out");
        int n = anchors.size();
        Args.positive(k, "k");
        int floats = Args.allocation(Args.product(4L * n, k, "4 * anchors.size()", "k"), Args.MAX_ARRAY_LENGTH,
                "4 * anchors.size() * k");
        Args.room(deltasOffset, floats, deltas.length, "deltas");
        Args.room(outOffset, floats, out.length, "out");
        if (out == deltas && outOffset != deltasOffset && Math.abs(outOffset - deltasOffset) < floats) {
            throw new IllegalArgumentException("out overlaps deltas at another offset (" + outOffset + " vs "
                    + deltasOffset + "); decode in place with the same offset, or into another range");
        }
        if (n > 0) {
            IMPL.decode(params, anchors, n, deltas, deltasOffset, k, clip, width, height, out, outOffset);
        }
    }

    /**
     * Decodes one row of codes per anchor ({@code deltas[deltasOffset + 4 * i ...]}) into planar {@code out}
     * (resized to {@code anchors.size()}): the layout score filtering and NMS read.
     *
     * @return {@code out}
     * @throws IllegalArgumentException if {@code deltas} is too small, {@code out}'s capacity is below
     *                                  {@code anchors.size()} or {@code out} shares its array with {@code anchors}
     */
    public Boxes decode(Boxes anchors, float[] deltas, int deltasOffset, Boxes out) {
        return decodePlanar(anchors, deltas, deltasOffset, false, 0f, 0f, out);
    }

    /** Like {@link #decode(Boxes, float[], int, Boxes)}, clipped to {@code [0, imageWidth] x [0, imageHeight]}. */
    public Boxes decode(Boxes anchors, float[] deltas, int deltasOffset, float imageWidth, float imageHeight,
                        Boxes out) {
        Args.atLeast(imageWidth, 0, "imageWidth");
        Args.atLeast(imageHeight, 0, "imageHeight");
        return decodePlanar(anchors, deltas, deltasOffset, true, imageWidth, imageHeight, out);
    }

    private Boxes decodePlanar(Boxes anchors, float[] deltas, int deltasOffset, boolean clip, float width,
                              float height, Boxes out) {
        Args.notNull(anchors, "anchors");
        Args.notNull(deltas, "deltas");
        Args.notNull(out, "out");
        int n = anchors.size();
        Args.room(deltasOffset, Args.allocation(4L * n, Args.MAX_ARRAY_LENGTH, "4 * anchors.size()"), deltas.length, "deltas");
        if (out.capacity() < n) {
            throw new IllegalArgumentException("out.capacity() " + out.capacity() + " < anchors.size() " + n);
        }
        if (out.data() == anchors.data()) {
            throw new IllegalArgumentException("out must not share its array with anchors");
        }
        if (out.data() == deltas) {
            throw new IllegalArgumentException("out must not share its array with deltas");
        }
        out.resize(n);
        if (n > 0) {
            IMPL.decodePlanar(params, anchors, n, deltas, deltasOffset, clip, width, height, out);
        }
        return out;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "DeltaCoder[weights=%s, biases=%s, clamp=%s %s, centreClamp=%s, eps=%s%s]",
                Arrays.toString(weights), Arrays.toString(biases), clampMode, clampBound, centreClamp, epsilon,
                yxOrder ? ", order=(ty, tx, th, tw)" : "");
    }
}
