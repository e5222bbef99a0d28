package dev.anchorvec.select.pipeline;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.encode.DeltaCoder;
import dev.anchorvec.internal.Args;
import dev.anchorvec.select.ScoreThreshold;
import dev.anchorvec.simd.FloatMath;
import java.util.Objects;

/**
 * SSD's post-processing from raw head outputs, as torchvision's {@code SSD.postprocess_detections}: a softmax over
 * the classes of each anchor (class 0 is the background), then for every foreground class the probabilities
 * strictly above the threshold, their best {@code topK}, NMS per class over all of them and the best
 * {@code maxDetections} kept; boxes are decoded (weights 10, 10, 5, 5) and clipped to the image, for the survivors
 * only.
 *
 * <p>The softmax is written class-major, so each class's filter is a contiguous vector scan. It is computed in
 * float like torch's (max subtracted, {@code exp} per element rounded to float, a float sum, one division), but
 * torch sums in another order, so probabilities may differ from torch's by an ulp. Layouts (one image):
 * {@code logits[anchor * numClasses + class]}, {@code deltas[4 * anchor + k]}. Labels are class indices
 * ({@code 1 .. numClasses - 1}); sources are anchor indices. NaN logits give NaN probabilities, never selected.
 *
 * <pre>{@code
 * SsdPostprocess post = SsdPostprocess.torchvision();
 * post.run(logits, 0, deltas, 0, anchors, 91, 300, 300, dets, ws);
 * }</pre>
 */
public final class SsdPostprocess {

    private final float scoreThreshold;
    private final float bound;
    private final int topK;
    private final double iouThreshold;
    private final int maxDetections;
    private final DeltaCoder coder;

    /**
     * @param scoreThreshold a class probability must be strictly above it
     * @param topK           candidates kept per class before NMS
     * @param iouThreshold   NMS suppresses at IoU strictly above it
     * @param maxDetections  detections kept per image
     * @param coder          decodes the offsets
     * @throws IllegalArgumentException if a threshold is NaN or a count negative
     */
    public SsdPostprocess(float scoreThreshold, int topK, double iouThreshold, int maxDetections, DeltaCoder coder) {
        this.bound = ScoreThreshold.above(scoreThreshold);
        this.scoreThreshold = scoreThreshold;
        this.topK = Args.count(topK, "topK");
        this.iouThreshold = Args.notNaN(iouThreshold, "iouThreshold");
        this.maxDetections = Args.count(maxDetections, "maxDetections");
        this.coder = Objects.requireNonNull(coder, "coder");
    }

    /** torchvision's SSD300: probability > 0.01, top 400 per class, NMS 0.45, 200 detections, weights 10,10,5,5. */
    public static SsdPostprocess torchvision() {
        return new SsdPostprocess(0.01f, 400, 0.45, 200, DeltaCoder.ssd());
    }

    /**
     * Post-processes one image into {@code out}; returns the detection count.
     *
     * @param numClasses classes including the background class 0 (at least 2)
     * @throws IllegalArgumentException if {@code numClasses < 2}, an array is too short or an image side is
     *                                  negative or NaN; nothing is written then
     */
    public int run(float[] logits, int logitsOffset, float[] deltas, int deltasOffset, Boxes anchors, int numClasses,
                   float imageWidth, float imageHeight, Detections out, PostprocessWorkspace ws) {
        Objects.requireNonNull(logits, "logits");
        Objects.requireNonNull(deltas, "deltas");
        Objects.requireNonNull(anchors, "anchors");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(ws, "ws");
        Args.atLeast(numClasses, 2, "numClasses (background + classes)");
        int a = anchors.size();
        Args.room(logitsOffset, (long) a * numClasses, logits.length, "logits");
        Args.room(deltasOffset, 4L * a, deltas.length, "deltas");
        Args.atLeast(imageWidth, 0, "imageWidth");
        Args.atLeast(imageHeight, 0, "imageHeight");
        ws.guard.claim();
        try {
            float[] p = ws.probabilities(a * numClasses);
            softmax(logits, logitsOffset, a, numClasses, p);
            int n = 0;
            for (int c = 1; c < numClasses; c++) {
                int r = Candidates.filterTopK(p, c * a, (c + 1) * a, bound, false, topK, ws);
                n = Candidates.append(r, c * a, 1, n, ws); // one entry per anchor in this class's block
                for (int k = n - r; k < n; k++) {
                    ws.labels[k] = c;
                }
            }
            Candidates.decode(coder, n, deltas, deltasOffset, anchors, imageWidth, imageHeight, ws);
            return Candidates.finish(n, numClasses, false, iouThreshold, maxDetections, out, ws);
        } finally {
            ws.guard.release();
        }
    }

    /** Class-major softmax: {@code p[c * a + i]} is anchor i's probability of class c. */
    private static void softmax(float[] logits, int offset, int a, int classes, float[] p) {
        for (int i = 0; i < a; i++) {
            int row = offset + i * classes;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[row + c]);
            }
            float sum = 0f;
            for (int c = 0; c < classes; c++) {
                float e = FloatMath.exp(logits[row + c] - max);
                p[c * a + i] = e;
                sum += e;
            }
            for (int c = 0; c < classes; c++) {
                p[c * a + i] /= sum;
            }
        }
    }

    @Override
    public String toString() {
        return "SsdPostprocess[p > " + scoreThreshold + ", top " + topK + " per class, NMS " + iouThreshold
                + ", keep " + maxDetections + ", " + coder + "]";
    }
}
