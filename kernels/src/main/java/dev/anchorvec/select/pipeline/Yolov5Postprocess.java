package dev.anchorvec.select.pipeline;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.encode.YoloCoder;
import dev.anchorvec.internal.Args;
import dev.anchorvec.select.ScoreThreshold;
import java.nio.FloatBuffer;
import java.util.Objects;

/**
 * YOLOv5's {@code non_max_suppression} on its exported output {@code [n, 5 + numClasses]} (rows of cx, cy, w, h,
 * objectness, class scores; boxes already decoded, as in the usual ONNX export): rows with objectness above
 * the threshold, confidence = objectness x class score (float32), the best class per row (or every class above
 * the threshold with {@code multiLabel}), confidence strictly above the threshold, the best {@code maxNms}
 * by confidence, boxes converted to xyxy, NMS per class (exact, where YOLOv5 offsets the boxes by
 * {@code class * 7680}) or across classes when {@code agnostic}, and the best {@code maxDetections} kept.
 *
 * <p>The buffer is read in place with absolute gets relative to its position (ONNX Runtime's
 * {@code getFloatBuffer()}, heap or direct); only the candidates are copied. Ties: the lowest class index wins
 * a row's best class, and equal confidences rank the lower row first.
 *
 * <pre>{@code
 * Yolov5Postprocess post = Yolov5Postprocess.defaults();
 * post.run(output.getFloatBuffer(), 25200, 80, dets, ws);
 * }</pre>
 */
public final class Yolov5Postprocess {

    private final float confThreshold;
    private final double iouThreshold;
    private final int maxNms;
    private final int maxDetections;
    private final boolean multiLabel;
    private final boolean agnostic;

    /**
     * @param confThreshold objectness and confidence must be strictly above it
     * @param iouThreshold  NMS suppresses at IoU strictly above it
     * @param maxNms        candidates kept before NMS
     * @param maxDetections detections kept
     * @param multiLabel    every class above the threshold is a candidate, not only the best
     * @param agnostic      one NMS across classes
     * @throws IllegalArgumentException if a threshold is NaN or a count negative
     */
    public Yolov5Postprocess(float confThreshold, double iouThreshold, int maxNms, int maxDetections,
                             boolean multiLabel, boolean agnostic) {
        if (Float.isNaN(confThreshold) || Double.isNaN(iouThreshold)) {
            throw new IllegalArgumentException("thresholds must not be NaN: conf " + confThreshold + ", iou "
                    + iouThreshold);
        }
        if (maxNms < 0 || maxDetections < 0) {
            throw new IllegalArgumentException("maxNms and maxDetections must be >= 0, got " + maxNms + ", "
                    + maxDetections);
        }
        this.confThreshold = confThreshold;
        this.iouThreshold = iouThreshold;
        this.maxNms = maxNms;
        this.maxDetections = maxDetections;
        this.multiLabel = multiLabel;
        this.agnostic = agnostic;
    }

    /** YOLOv5's defaults: conf 0.25, IoU 0.45, max_nms 30000, max_det 300, best class only, per class. */
    public static Yolov5Postprocess defaults() {
        return new Yolov5Postprocess(0.25f, 0.45, 30000, 300, false, false);
    }

    /**
     * Post-processes {@code n} rows of {@code output} into {@code out}; returns the detection count. Labels are
     * class indices, sources row indices.
     *
     * @throws IllegalArgumentException if {@code n < 0}, {@code numClasses < 1} or fewer than
     *                                  {@code n * (5 + numClasses)} floats remain
     */
    public int run(FloatBuffer output, int n, int numClasses, Detections out, PostprocessWorkspace ws) {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(ws, "ws");
        Args.count(n, "n");
        Args.atLeast(numClasses, 1, "numClasses");
        int row = 5 + numClasses;
        Args.remaining((long) n * row, output.remaining(), "output");
        ws.guard.claim();
        try {
            int m = candidates(output, n, numClasses, ws);
            int r = dev.anchorvec.select.TopK.select(ws.hitScores, 0, m, maxNms, ws.top, ws.nms);
            int count = Candidates.append(r, 0, numClasses, 0, ws);
            Boxes b = ws.boxes.resize(count);
            int p = output.position();
            for (int c = 0; c < count; c++) {
                int at = p + row * ws.sources[c];
                float cx = output.get(at), cy = output.get(at + 1), w = output.get(at + 2), h = output.get(at + 3);
                b.set(c, cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2);
            }
            return Candidates.finish(count, numClasses, agnostic, iouThreshold, maxDetections, out, ws);
        } finally {
            ws.guard.release();
        }
    }

    /**
     * YOLOv5 from its raw head outputs ({@code Detect} in training mode, before the sigmoid and the grid decode):
     * rows {@code raw[rawOffset + i * (5 + numClasses) ...]} of {@code tx, ty, tw, th, obj, classes}, levels
     * concatenated, row {@code i} belonging to {@code anchors[i]} (the cell's anchor box, centred on the cell) and
     * {@code strides[i]}. Objectness is filtered on the logit ({@link ScoreThreshold#minLogit}, exact), so sigmoids
     * run on the surviving rows only; confidence = sigmoid(obj) x sigmoid(cls); the best {@code maxNms} candidates'
     * boxes are decoded with {@link YoloCoder#yolov5()} ({@code (2 s - 0.5 + grid) * stride}, {@code (2 s)^2 *
     * anchor}); then NMS and {@code maxDetections} as in {@link #run}. Sources are row indices.
     *
     * @throws IllegalArgumentException if {@code numClasses < 1}, {@code raw} is too short for
     *                                  {@code anchors.size()} rows, or {@code strides} is too short or holds a
     *                                  stride that is not finite and positive
     */
    public int runRaw(float[] raw, int rawOffset, Boxes anchors, float[] strides, int numClasses, Detections out,
                      PostprocessWorkspace ws) {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(anchors, "anchors");
        Objects.requireNonNull(strides, "strides");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(ws, "ws");
        Args.atLeast(numClasses, 1, "numClasses");
        int n = anchors.size(), row = 5 + numClasses;
        Args.room(rawOffset, (long) n * row, raw.length, "raw");
        Args.room(0, n, strides.length, "strides");
        for (int i = 0; i < n; i++) {
            if (!(strides[i] > 0f && strides[i] < Float.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("strides[" + i + "] = " + strides[i] + " is not finite and > 0");
            }
        }
        ws.guard.claim();
        try {
            float minObj = ScoreThreshold.minLogit(confThreshold);
            int m = 0;
            for (int i = 0; i < n; i++) {
                int at = rawOffset + row * i;
                if (!(raw[at + 4] >= minObj)) {
                    continue;
                }
                float obj = ScoreThreshold.sigmoid(raw[at + 4]);
                ws.ensureHits(m + numClasses);
                m = rowCandidates(i, obj, raw, at + 5, numClasses, m, ws);
            }
            int r = dev.anchorvec.select.TopK.select(ws.hitScores, 0, m, maxNms, ws.top, ws.nms);
            int count = Candidates.append(r, 0, numClasses, 0, ws);
            Boxes g = ws.anchors.resize(count);
            for (int c = 0; c < count; c++) {
                int i = ws.sources[c];
                g.set(c, anchors.x1(i), anchors.y1(i), anchors.x2(i), anchors.y2(i));
                ws.strides[c] = strides[i];
                System.arraycopy(raw, rawOffset + row * i, ws.rows, 4 * c, 4);
            }
            YoloCoder.yolov5().decode(g, ws.strides, ws.rows, 0, 4, ws.deltas, 0);
            Boxes b = ws.boxes.resize(count);
            for (int c = 0; c < count; c++) {
                b.set(c, ws.deltas[4 * c], ws.deltas[4 * c + 1], ws.deltas[4 * c + 2], ws.deltas[4 * c + 3]);
            }
            return Candidates.finish(count, numClasses, agnostic, iouThreshold, maxDetections, out, ws);
        } finally {
            ws.guard.release();
        }
    }

    /** Appends row {@code i}'s candidates (confidence = obj x sigmoid(class logit)) from {@code m} on. */
    private int rowCandidates(int i, float obj, float[] raw, int cls, int numClasses, int m, PostprocessWorkspace ws) {
        float t = confThreshold;
        if (multiLabel) {
            for (int c = 0; c < numClasses; c++) {
                float conf = ScoreThreshold.sigmoid(raw[cls + c]) * obj;
                ws.hits[m] = i * numClasses + c;
                ws.hitScores[m] = conf;
                m += conf > t ? 1 : 0;
            }
            return m;
        }
        int best = 0;
        float bestConf = ScoreThreshold.sigmoid(raw[cls]) * obj;
        for (int c = 1; c < numClasses; c++) {
            float conf = ScoreThreshold.sigmoid(raw[cls + c]) * obj;
            if (conf > bestConf) {
                bestConf = conf;
                best = c;
            }
        }
        if (bestConf > t) {
            ws.hits[m] = i * numClasses + best;
            ws.hitScores[m++] = bestConf;
        }
        return m;
    }

    /** The (row, class) candidates as flat hits {@code row * numClasses + class} with their confidences. */
    private int candidates(FloatBuffer output, int n, int numClasses, PostprocessWorkspace ws) {
        int row = 5 + numClasses, p = output.position(), m = 0;
        float t = confThreshold;
        for (int i = 0; i < n; i++) {
            int at = p + row * i;
            float obj = output.get(at + 4);
            if (!(obj > t)) {
                continue;
            }
            ws.ensureHits(m + numClasses);
            if (multiLabel) {
                for (int c = 0; c < numClasses; c++) {
                    float conf = output.get(at + 5 + c) * obj;
                    ws.hits[m] = i * numClasses + c;
                    ws.hitScores[m] = conf;
                    m += conf > t ? 1 : 0;
                }
            } else {
                int best = 0;
                float bestConf = output.get(at + 5) * obj;
                for (int c = 1; c < numClasses; c++) {
                    float conf = output.get(at + 5 + c) * obj;
                    if (conf > bestConf) {
                        bestConf = conf;
                        best = c;
                    }
                }
                if (bestConf > t) {
                    ws.hits[m] = i * numClasses + best;
                    ws.hitScores[m++] = bestConf;
                }
            }
        }
        return m;
    }

    @Override
    public String toString() {
        return "Yolov5Postprocess[conf > " + confThreshold + ", NMS " + iouThreshold + ", max_nms " + maxNms
                + ", max_det " + maxDetections + (multiLabel ? ", multi-label" : "") + (agnostic ? ", agnostic" : "")
                + "]";
    }
}
