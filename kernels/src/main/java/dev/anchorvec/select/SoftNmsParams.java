package dev.anchorvec.select;

import java.util.Objects;

/**
 * The settings of {@link SoftNms}, with presets that reproduce each peer's semantics. All thresholds are float32
 * and compared with float32 scores and IoUs, as in every peer's Soft-NMS.
 *
 * @param method             linear or Gaussian decay
 * @param sigma              Gaussian width ({@code > 0}, finite); unused by {@link SoftNmsMethod#LINEAR}
 * @param convention         what sigma means ({@link SigmaConvention}); unused by LINEAR
 * @param iouThreshold       LINEAR decays a box only when its IoU passes this; unused by GAUSSIAN
 * @param iouInclusive       LINEAR's IoU test is {@code IoU >= iouThreshold} (mmcv) rather than {@code >} (OpenCV)
 * @param scoreThreshold     a box whose (decayed) score fails the score test is dropped for good: it is never
 *                           selected afterwards
 * @param scoreInclusive     the score test is {@code score >= scoreThreshold} (OpenCV, mmcv) rather than
 *                           {@code score > scoreThreshold} (TensorFlow); NaN never passes
 * @param maxOutput          at most this many boxes are selected ({@code >= 0}; {@code Integer.MAX_VALUE}: no cap)
 */
public record SoftNmsParams(SoftNmsMethod method, float sigma, SigmaConvention convention, float iouThreshold,
                            boolean iouInclusive, float scoreThreshold, boolean scoreInclusive, int maxOutput) {

    /** mmcv's defaults: {@code iou_threshold=0.3, sigma=0.5, min_score=1e-3}. */
    public static final float MMCV_IOU = 0.3f;
    /** The paper's, mmcv's and OpenCV's default sigma. */
    public static final float DEFAULT_SIGMA = 0.5f;
    /** mmcv's default {@code min_score}. */
    public static final float MMCV_MIN_SCORE = 1e-3f;

    /**
     * Validates.
     *
     * @throws IllegalArgumentException naming the argument: NaN sigma or thresholds, sigma not {@code > 0} or
     *                                  infinite, negative maxOutput
     */
    public SoftNmsParams {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(convention, "convention");
        if (!(sigma > 0) || Float.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be > 0 and finite, got " + sigma);
        }
        if (Float.isNaN(iouThreshold)) {
            throw new IllegalArgumentException("iouThreshold must not be NaN");
        }
        if (Float.isNaN(scoreThreshold)) {
            throw new IllegalArgumentException("scoreThreshold must not be NaN");
        }
        if (maxOutput < 0) {
            throw new IllegalArgumentException("maxOutput must be >= 0, got " + maxOutput);
        }
    }

    /**
     * OpenCV's {@code cv::dnn::softNMSBoxes(bboxes, scores, updated_scores, score_threshold, nms_threshold,
     * indices, top_k, sigma, method)}: each round selects the best remaining box and stops when its score is
     * {@code < score_threshold} (boxes below it are never decayed nor selected: dropped) or when {@code top_k}
     * boxes are selected ({@code top_k = 0}: no cap). LINEAR decays when {@code IoU > nms_threshold}; GAUSSIAN
     * uses {@code exp(-IoU^2 / sigma)} for every box.
     *
     * @throws IllegalArgumentException if {@code topK < 0} or an argument is NaN, or sigma is not positive
     */
    public static SoftNmsParams opencv(SoftNmsMethod method, float scoreThreshold, float nmsThreshold, int topK,
                                       float sigma) {
        if (topK < 0) {
            throw new IllegalArgumentException("topK must be >= 0, got " + topK);
        }
        return new SoftNmsParams(method, sigma, SigmaConvention.PAPER, nmsThreshold, false, scoreThreshold, true,
                topK == 0 ? Integer.MAX_VALUE : topK);
    }

    /**
     * mmcv's {@code mmcv.ops.soft_nms(boxes, scores, iou_threshold, sigma, min_score, method)} ({@code offset=0}):
     * LINEAR decays when {@code IoU >= iou_threshold}; GAUSSIAN uses {@code exp(-IoU^2 / sigma)} for every box;
     * a box whose score falls {@code < min_score} is dropped. No cap on the output.
     */
    public static SoftNmsParams mmcv(SoftNmsMethod method, float iouThreshold, float sigma, float minScore) {
        return new SoftNmsParams(method, sigma, SigmaConvention.PAPER, iouThreshold, true, minScore, true,
                Integer.MAX_VALUE);
    }

    /** {@link #mmcv(SoftNmsMethod, float, float, float)} with mmcv's defaults: IoU 0.3, sigma 0.5, min_score 1e-3. */
    public static SoftNmsParams mmcv(SoftNmsMethod method) {
        return mmcv(method, MMCV_IOU, DEFAULT_SIGMA, MMCV_MIN_SCORE);
    }

    /**
     * TensorFlow's {@code tf.image.non_max_suppression_with_scores(boxes, scores, max_output_size,
     * iou_threshold, score_threshold, soft_nms_sigma)} with {@code soft_nms_sigma > 0}: Gaussian
     * {@code exp(-IoU^2 / (2 sigma))} for every box (current TF ignores {@code iou_threshold} in soft mode),
     * candidates and survivors need {@code score > score_threshold} (TF's default is {@code -inf}), at most
     * {@code max_output_size} selected.
     *
     * @throws IllegalArgumentException if {@code maxOutputSize < 0}, or sigma is not positive (TF's sigma 0 means
     *                                  hard NMS: use {@link Nms})
     */
    public static SoftNmsParams tensorflow(float sigma, float scoreThreshold, int maxOutputSize) {
        return new SoftNmsParams(SoftNmsMethod.GAUSSIAN, sigma, SigmaConvention.TENSORFLOW, 0f, false,
                scoreThreshold, false, maxOutputSize);
    }

    /** The smallest float that passes the score test ({@code s >= keepMin} iff the test passes; NaN: none). */
    float keepMin() {
        return smallestPassing(scoreThreshold, scoreInclusive);
    }

    /** The smallest IoU that LINEAR decays ({@code iou >= iouMin} iff the test passes). */
    float iouMin() {
        return smallestPassing(iouThreshold, iouInclusive);
    }

    /**
     * Gaussian exponent numerator factor {@code c} and divisor {@code dv}: weight {@code exp(((c x) x) / dv)}.
     * TF's {@code -0.5 / sigma} is held at {@code -Float.MAX_VALUE}: for a sigma below about 1.5e-39 it would be
     * {@code -Infinity}, and {@code -Infinity * 0} would make the weight of a box that overlaps nothing NaN (and
     * drop it); clamped, that weight stays 1 and every overlapping box still decays to 0.
     */
    float gaussC() {
        return convention == SigmaConvention.PAPER ? -1f : Math.max(-0.5f / sigma, -Float.MAX_VALUE);
    }

    float gaussDiv() {
        return convention == SigmaConvention.PAPER ? sigma : 1f;
    }

    private static float smallestPassing(float t, boolean inclusive) {
        if (inclusive) {
            return t;
        }
        // `x > +inf` never holds; NaN makes `x >= keepMin` fail for every x.
        return t == Float.POSITIVE_INFINITY ? Float.NaN : Math.nextUp(t);
    }
}
