package dev.anchorvec.reference;

import dev.anchorvec.simd.FloatMath;

import java.util.ArrayList;
import java.util.List;

/**
 * Soft-NMS and merge NMS from their definitions, quadratic and allocating on purpose.
 *
 * <p>Soft-NMS: the candidates are the boxes whose score passes the score test. Each round selects the candidate
 * with the highest current score (the first in index order among equal ones), records it with that score,
 * removes it, multiplies every other candidate's score by its weight against the selected box and removes those
 * whose new score fails the score test. Weights: Gaussian {@code exp(-(IoU * IoU) / sigma)}, or TF's
 * {@code exp((-0.5f / sigma) * IoU * IoU)} with {@code -0.5f / sigma} held at {@code -Float.MAX_VALUE} (the
 * library's documented rule for a sigma so small that it would overflow); linear {@code 1 - IoU} when the IoU
 * passes the IoU test, else 1. All arithmetic in float32, exp from anchorvec's {@link FloatMath} (within 1 ulp of
 * float64, established by {@code FloatMathTest}), IoU from {@link ReferenceIou#iou}.
 */
public final class ReferenceSoftNms {

    private ReferenceSoftNms() {}

    /** Selected indices in selection order and their scores when selected. */
    public record Result(int[] keep, float[] scores) {}

    /** Kept indices, best first, and their merged boxes (interleaved xyxy). */
    public record Merged(int[] keep, float[] xyxy) {}

    /**
     * Soft-NMS.
     *
     * @param xyxy           interleaved {@code [n, 4]} boxes
     * @param scores         {@code n} scores
     * @param gaussian       Gaussian (else linear) weights
     * @param sigma          Gaussian sigma
     * @param tfSigma        TF's sigma convention
     * @param iouThreshold   linear's IoU test threshold
     * @param iouInclusive   linear's IoU test is {@code >=} (else {@code >})
     * @param scoreThreshold score test threshold
     * @param scoreInclusive the score test is {@code >=} (else {@code >})
     * @param maxOutput      at most this many selected
     */
    public static Result softNms(float[] xyxy, float[] scores, boolean gaussian, float sigma, boolean tfSigma,
                                 float iouThreshold, boolean iouInclusive, float scoreThreshold,
                                 boolean scoreInclusive, int maxOutput) {
        int n = scores.length;
        float[] cur = scores.clone();
        List<Integer> remaining = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (passes(cur[i], scoreThreshold, scoreInclusive)) {
                remaining.add(i);
            }
        }
        List<Integer> keep = new ArrayList<>();
        List<Float> kept = new ArrayList<>();
        while (!remaining.isEmpty() && keep.size() < maxOutput) {
            int best = remaining.get(0);
            for (int i : remaining) {
                if (cur[i] > cur[best]) {
                    best = i;
                }
            }
            keep.add(best);
            kept.add(cur[best]);
            remaining.remove(Integer.valueOf(best));
            List<Integer> next = new ArrayList<>();
            for (int j : remaining) {
                float iou = ReferenceIou.iou(xyxy[4 * best], xyxy[4 * best + 1], xyxy[4 * best + 2],
                        xyxy[4 * best + 3], xyxy[4 * j], xyxy[4 * j + 1], xyxy[4 * j + 2], xyxy[4 * j + 3]);
                float w;
                if (gaussian) {
                    w = tfSigma ? FloatMath.exp(Math.max(-0.5f / sigma, -Float.MAX_VALUE) * iou * iou)
                            : FloatMath.exp(-(iou * iou) / sigma);
                } else {
                    boolean decays = iouInclusive ? iou >= iouThreshold : iou > iouThreshold;
                    w = decays ? 1 - iou : 1;
                }
                cur[j] = cur[j] * w;
                if (passes(cur[j], scoreThreshold, scoreInclusive)) {
                    next.add(j);
                }
            }
            remaining = next;
        }
        float[] s = new float[kept.size()];
        for (int k = 0; k < s.length; k++) {
            s[k] = kept.get(k);
        }
        return new Result(keep.stream().mapToInt(Integer::intValue).toArray(), s);
    }

    private static boolean passes(float s, float t, boolean inclusive) {
        return inclusive ? s >= t : s > t;
    }

    /**
     * Merge NMS (YOLOv5 {@code merge=True}): {@link ReferenceNms#greedy}, then each kept box becomes
     * {@code sum(s_j box_j) / sum(s_j)} over the boxes {@code j} with a non-NaN score and
     * {@code (double) IoU(kept, j) > threshold} (sums in double, index order), unless that sum of weights is not
     * positive or the mean not finite (then unchanged); with {@code redundant}, kept boxes with fewer than 2
     * such boxes are left out.
     */
    public static Merged merge(float[] xyxy, float[] scores, double threshold, boolean redundant) {
        int[] kept = ReferenceNms.greedy(xyxy, scores, threshold);
        List<Integer> keep = new ArrayList<>();
        List<float[]> boxes = new ArrayList<>();
        for (int i : kept) {
            double sw = 0;
            double[] sums = new double[4];
            int members = 0;
            for (int j = 0; j < scores.length; j++) {
                double iou = ReferenceIou.iou(xyxy[4 * i], xyxy[4 * i + 1], xyxy[4 * i + 2], xyxy[4 * i + 3],
                        xyxy[4 * j], xyxy[4 * j + 1], xyxy[4 * j + 2], xyxy[4 * j + 3]);
                if (iou > threshold && !Float.isNaN(scores[j])) {
                    members++;
                    sw += scores[j];
                    for (int c = 0; c < 4; c++) {
                        sums[c] += (double) scores[j] * xyxy[4 * j + c];
                    }
                }
            }
            if (redundant && members < 2) {
                continue;
            }
            float[] box = new float[4];
            boolean ok = sw > 0;
            for (int c = 0; c < 4; c++) {
                box[c] = (float) (sums[c] / sw);
                ok &= Float.isFinite(box[c]);
            }
            if (!ok) {
                System.arraycopy(xyxy, 4 * i, box, 0, 4);
            }
            keep.add(i);
            boxes.add(box);
        }
        float[] out = new float[4 * boxes.size()];
        for (int k = 0; k < boxes.size(); k++) {
            System.arraycopy(boxes.get(k), 0, out, 4 * k, 4);
        }
        return new Merged(keep.stream().mapToInt(Integer::intValue).toArray(), out);
    }
}
