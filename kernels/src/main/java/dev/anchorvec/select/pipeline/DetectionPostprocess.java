package dev.anchorvec.select.pipeline;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.internal.Args;
import dev.anchorvec.select.ScoreThreshold;
import java.nio.FloatBuffer;
import java.util.Objects;

/**
 * Post-processing for any model that already outputs boxes and class scores (an ONNX export with decoding
 * inside, a DJL model): every (row, class) with a score strictly above the threshold is a candidate, the best
 * {@code preNmsTopK} of them are kept, NMS runs per class (or across classes) and the best {@code maxDetections}
 * survive. Inputs are read where they lie: a {@code FloatBuffer} (ONNX Runtime's {@code OnnxTensor.getFloatBuffer()},
 * heap or direct, or a DJL {@code NDArray.toByteBuffer().asFloatBuffer()}) is accessed with absolute gets relative
 * to its position, and only the survivors' boxes are copied.
 *
 * <p>Layouts: {@code boxes} rows of xyxy, {@code [n, 4]}; {@code scores} rows of class scores,
 * {@code [n, numClasses]} (pass {@code numClasses = 1} for one score per row). NaN scores are never selected.
 *
 * <pre>{@code
 * DetectionPostprocess post = new DetectionPostprocess(0.3f, 1000, 0.5, 100, false);
 * post.run(boxesBuffer, scoresBuffer, n, 80, dets, ws);
 * }</pre>
 */
public final class DetectionPostprocess {

    private final float scoreThreshold;
    private final float bound;
    private final int preNmsTopK;
    private final double iouThreshold;
    private final int maxDetections;
    private final boolean classAgnostic;

    /**
     * @param scoreThreshold a score must be strictly above it
     * @param preNmsTopK     candidates kept before NMS (over all classes)
     * @param iouThreshold   NMS suppresses at IoU strictly above it
     * @param maxDetections  detections kept
     * @param classAgnostic  one NMS across classes instead of one per class
     * @throws IllegalArgumentException if a threshold is NaN or a count negative
     */
    public DetectionPostprocess(float scoreThreshold, int preNmsTopK, double iouThreshold, int maxDetections,
                                boolean classAgnostic) {
        this.bound = ScoreThreshold.above(scoreThreshold);
        this.scoreThreshold = scoreThreshold;
        this.preNmsTopK = Args.count(preNmsTopK, "preNmsTopK");
        this.iouThreshold = Args.notNaN(iouThreshold, "iouThreshold");
        this.maxDetections = Args.count(maxDetections, "maxDetections");
        this.classAgnostic = classAgnostic;
    }

    /**
     * Post-processes {@code n} rows from buffers into {@code out}; returns the detection count. Labels are class
     * indices, sources row indices.
     *
     * @throws IllegalArgumentException if {@code n < 0}, {@code numClasses < 1} or a buffer has fewer than
     *                                  {@code 4n} / {@code n * numClasses} floats remaining
     */
    public int run(FloatBuffer boxes, FloatBuffer scores, int n, int numClasses, Detections out,
                   PostprocessWorkspace ws) {
        Objects.requireNonNull(boxes, "boxes");
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(ws, "ws");
        checkCounts(n, numClasses);
        Args.remaining(4L * n, boxes.remaining(), "boxes");
        Args.remaining((long) n * numClasses, scores.remaining(), "scores");
        ws.guard.claim();
        try {
            int r;
            if (scores.hasArray()) {
                int from = scores.arrayOffset() + scores.position();
                r = Candidates.filterTopK(scores.array(), from, from + n * numClasses, bound, false, preNmsTopK, ws);
                r = append(r, from, numClasses, ws);
            } else {
                r = Candidates.filterTopK(scores, 0, n * numClasses, bound, preNmsTopK, ws);
                r = append(r, 0, numClasses, ws);
            }
            Boxes b = ws.boxes.resize(r);
            int p = boxes.position();
            for (int c = 0; c < r; c++) {
                int at = p + 4 * ws.sources[c];
                b.set(c, boxes.get(at), boxes.get(at + 1), boxes.get(at + 2), boxes.get(at + 3));
            }
            return Candidates.finish(r, numClasses, classAgnostic, iouThreshold, maxDetections, out, ws);
        } finally {
            ws.guard.release();
        }
    }

    /** Array form of {@link #run(FloatBuffer, FloatBuffer, int, int, Detections, PostprocessWorkspace)}. */
    public int run(float[] boxes, int boxesOffset, float[] scores, int scoresOffset, int n, int numClasses,
                   Detections out, PostprocessWorkspace ws) {
        Objects.requireNonNull(boxes, "boxes");
        Objects.requireNonNull(scores, "scores");
        checkCounts(n, numClasses);
        Args.room(boxesOffset, 4L * n, boxes.length, "boxes");
        Args.room(scoresOffset, (long) n * numClasses, scores.length, "scores");
        return run(FloatBuffer.wrap(boxes, boxesOffset, 4 * n).slice(),
                FloatBuffer.wrap(scores, scoresOffset, n * numClasses).slice(), n, numClasses, out, ws);
    }

    private static int append(int r, int base, int numClasses, PostprocessWorkspace ws) {
        return Candidates.append(r, base, numClasses, 0, ws);
    }

    private static void checkCounts(int n, int numClasses) {
        Args.count(n, "n");
        Args.atLeast(numClasses, 1, "numClasses");
    }

    @Override
    public String toString() {
        return "DetectionPostprocess[score > " + scoreThreshold + ", top " + preNmsTopK + ", NMS " + iouThreshold
                + (classAgnostic ? " class-agnostic" : " per class") + ", keep " + maxDetections + "]";
    }
}
