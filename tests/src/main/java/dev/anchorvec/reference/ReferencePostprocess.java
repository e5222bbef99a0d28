package dev.anchorvec.reference;

import dev.anchorvec.simd.FloatMath;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Detector post-processing from the peers' code, the plain way: sigmoid of every logit, a full sort instead of a
 * radix select, per-class NMS through {@link ReferenceNms#batched}. Ties rank the lower flattened index first.
 * Quadratic and allocating on purpose.
 */
public final class ReferencePostprocess {

    private ReferencePostprocess() {}

    /** Detections: interleaved xyxy boxes, scores, labels and source rows, best first. */
    public record Result(float[] boxes, float[] scores, int[] labels, int[] sources) {
        /** Number of detections. */
        public int count() {
            return scores.length;
        }
    }

    /** {@code 1 / (1 + e^-x)} in float32 with anchorvec's exp ({@code FloatMath}, see {@code FloatMathTest}). */
    public static float sigmoid(float x) {
        return 1f / (1f + FloatMath.exp(-x));
    }

    /**
     * torchvision's {@code RetinaNet.postprocess_detections} for one image: {@code logits [A, C]},
     * {@code deltas [A, 4]}, interleaved {@code anchors [A, 4]}, {@code perLevel} anchors per level.
     */
    public static Result retinaNet(float[] logits, float[] deltas, float[] anchors, int[] perLevel, int classes,
                                   float width, float height, float scoreThreshold, int topK, double iou,
                                   int maxDet) {
        List<float[]> boxes = new ArrayList<>();
        List<Float> scores = new ArrayList<>();
        List<Integer> labels = new ArrayList<>(), sources = new ArrayList<>();
        ReferenceDeltaCoder coder = ReferenceDeltaCoder.torchvision(1, 1, 1, 1);
        int start = 0;
        for (int count : perLevel) {
            List<Integer> flat = new ArrayList<>();
            for (int f = start * classes; f < (start + count) * classes; f++) {
                if (sigmoid(logits[f]) > scoreThreshold) {
                    flat.add(f);
                }
            }
            flat.sort(Comparator.<Integer>comparingDouble(f -> -sigmoid(logits[f])).thenComparingInt(f -> f));
            for (int f : flat.subList(0, Math.min(topK, flat.size()))) {
                int a = f / classes;
                float[] anchor = {anchors[4 * a], anchors[4 * a + 1], anchors[4 * a + 2], anchors[4 * a + 3]};
                float[] code = {deltas[4 * a], deltas[4 * a + 1], deltas[4 * a + 2], deltas[4 * a + 3]};
                boxes.add(coder.decode(anchor, code, width, height));
                scores.add(sigmoid(logits[f]));
                labels.add(f % classes);
                sources.add(a);
            }
            start += count;
        }
        return nms(boxes, scores, labels, sources, iou, maxDet, false);
    }

    /**
     * torchvision's {@code SSD.postprocess_detections} for one image: softmax over {@code classes} (0 =
     * background; max subtracted, float exp, float sum in class order), per foreground class the probabilities
     * above the threshold, top k, weights (10, 10, 5, 5) decode and clip, per-class NMS, {@code maxDet} kept.
     */
    public static Result ssd(float[] logits, float[] deltas, float[] anchors, int classes, float width, float height,
                             float scoreThreshold, int topK, double iou, int maxDet) {
        int a = anchors.length / 4;
        float[][] prob = new float[a][classes];
        for (int i = 0; i < a; i++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[i * classes + c]);
            }
            float sum = 0f;
            for (int c = 0; c < classes; c++) {
                prob[i][c] = FloatMath.exp(logits[i * classes + c] - max);
                sum += prob[i][c];
            }
            for (int c = 0; c < classes; c++) {
                prob[i][c] /= sum;
            }
        }
        ReferenceDeltaCoder coder = ReferenceDeltaCoder.torchvision(10, 10, 5, 5);
        List<float[]> boxes = new ArrayList<>();
        List<Float> scores = new ArrayList<>();
        List<Integer> labels = new ArrayList<>(), sources = new ArrayList<>();
        for (int c = 1; c < classes; c++) {
            int label = c;
            List<Integer> keep = new ArrayList<>();
            for (int i = 0; i < a; i++) {
                if (prob[i][c] > scoreThreshold) {
                    keep.add(i);
                }
            }
            keep.sort(Comparator.<Integer>comparingDouble(i -> -prob[i][label]).thenComparingInt(i -> i));
            for (int i : keep.subList(0, Math.min(topK, keep.size()))) {
                float[] anchor = {anchors[4 * i], anchors[4 * i + 1], anchors[4 * i + 2], anchors[4 * i + 3]};
                float[] code = {deltas[4 * i], deltas[4 * i + 1], deltas[4 * i + 2], deltas[4 * i + 3]};
                boxes.add(coder.decode(anchor, code, width, height));
                scores.add(prob[i][c]);
                labels.add(c);
                sources.add(i);
            }
        }
        return nms(boxes, scores, labels, sources, iou, maxDet, false);
    }

    /**
     * YOLOv5's {@code non_max_suppression} on {@code [n, 5 + C]} rows (cx, cy, w, h, obj, classes), per class,
     * best class per row unless {@code multiLabel}.
     */
    public static Result yolov5(float[] out, int n, int classes, float conf, double iou, int maxNms, int maxDet,
                                boolean multiLabel, boolean agnostic) {
        int row = 5 + classes;
        List<float[]> cand = new ArrayList<>(); // {row, class, conf}
        for (int i = 0; i < n; i++) {
            float obj = out[row * i + 4];
            if (!(obj > conf)) {
                continue;
            }
            float best = Float.NEGATIVE_INFINITY;
            int bestC = -1;
            for (int c = 0; c < classes; c++) {
                float v = out[row * i + 5 + c] * obj;
                if (multiLabel && v > conf) {
                    cand.add(new float[] {i, c, v});
                }
                if (bestC < 0 || v > best) {
                    best = v;
                    bestC = c;
                }
            }
            if (!multiLabel && best > conf) {
                cand.add(new float[] {i, bestC, best});
            }
        }
        cand.sort(Comparator.<float[]>comparingDouble(c -> -c[2]).thenComparingInt(c -> (int) c[0] * classes
                + (int) c[1]));
        List<float[]> boxes = new ArrayList<>();
        List<Float> scores = new ArrayList<>();
        List<Integer> labels = new ArrayList<>(), sources = new ArrayList<>();
        for (float[] c : cand.subList(0, Math.min(maxNms, cand.size()))) {
            int i = (int) c[0];
            float cx = out[row * i], cy = out[row * i + 1], w = out[row * i + 2], h = out[row * i + 3];
            boxes.add(new float[] {cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2});
            scores.add(c[2]);
            labels.add((int) c[1]);
            sources.add(i);
        }
        return nms(boxes, scores, labels, sources, iou, maxDet, agnostic);
    }

    /**
     * YOLOv5 from raw head rows ({@code tx, ty, tw, th, obj, classes}, pre-sigmoid) with each row's anchor box
     * (interleaved xyxy) and stride: {@code Detect}'s decode ({@code s = sigmoid(t)}, centre
     * {@code acx + (2 s - 1) stride}, size {@code (2 s)^2 aw}), sigmoid scores, then {@link #yolov5}.
     */
    public static Result yolov5Raw(float[] raw, float[] anchors, float[] strides, int classes, float conf, double iou,
                                   int maxNms, int maxDet, boolean multiLabel, boolean agnostic) {
        int row = 5 + classes, n = strides.length;
        float[] decoded = new float[n * row];
        for (int i = 0; i < n; i++) {
            float aw = anchors[4 * i + 2] - anchors[4 * i], ah = anchors[4 * i + 3] - anchors[4 * i + 1];
            float acx = (anchors[4 * i] + anchors[4 * i + 2]) / 2, acy = (anchors[4 * i + 1] + anchors[4 * i + 3]) / 2;
            float sx = sigmoid(raw[row * i]), sy = sigmoid(raw[row * i + 1]);
            float sw = sigmoid(raw[row * i + 2]), sh = sigmoid(raw[row * i + 3]);
            decoded[row * i] = acx + (2 * sx - 1) * strides[i];
            decoded[row * i + 1] = acy + (2 * sy - 1) * strides[i];
            decoded[row * i + 2] = (2 * sw) * (2 * sw) * aw;
            decoded[row * i + 3] = (2 * sh) * (2 * sh) * ah;
            for (int k = 4; k < row; k++) {
                decoded[row * i + k] = sigmoid(raw[row * i + k]);
            }
        }
        return yolov5(decoded, n, classes, conf, iou, maxNms, maxDet, multiLabel, agnostic);
    }

    /** Boxes {@code [n, 4]} xyxy and scores {@code [n, C]}: every (row, class) with score > threshold. */
    public static Result generic(float[] boxesIn, float[] scoresIn, int n, int classes, float threshold, int topK,
                                 double iou, int maxDet, boolean agnostic) {
        List<Integer> flat = new ArrayList<>();
        for (int f = 0; f < n * classes; f++) {
            if (scoresIn[f] > threshold) {
                flat.add(f);
            }
        }
        flat.sort(Comparator.<Integer>comparingDouble(f -> -(scoresIn[f] + 0.0)).thenComparingInt(f -> f));
        List<float[]> boxes = new ArrayList<>();
        List<Float> scores = new ArrayList<>();
        List<Integer> labels = new ArrayList<>(), sources = new ArrayList<>();
        for (int f : flat.subList(0, Math.min(topK, flat.size()))) {
            int i = f / classes;
            boxes.add(new float[] {boxesIn[4 * i], boxesIn[4 * i + 1], boxesIn[4 * i + 2], boxesIn[4 * i + 3]});
            scores.add(scoresIn[f]);
            labels.add(f % classes);
            sources.add(i);
        }
        return nms(boxes, scores, labels, sources, iou, maxDet, agnostic);
    }

    private static Result nms(List<float[]> boxes, List<Float> scores, List<Integer> labels, List<Integer> sources,
                              double iou, int maxDet, boolean agnostic) {
        int n = scores.size();
        float[] xyxy = new float[4 * n], s = new float[n];
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(boxes.get(i), 0, xyxy, 4 * i, 4);
            s[i] = scores.get(i);
            l[i] = agnostic ? 0 : labels.get(i);
        }
        int[] keep = ReferenceNms.batched(xyxy, s, l, iou);
        int k = Math.min(maxDet, keep.length);
        float[] ob = new float[4 * k], os = new float[k];
        int[] ol = new int[k], src = new int[k];
        for (int d = 0; d < k; d++) {
            int c = keep[d];
            System.arraycopy(xyxy, 4 * c, ob, 4 * d, 4);
            os[d] = s[c];
            ol[d] = labels.get(c);
            src[d] = sources.get(c);
        }
        return new Result(ob, os, ol, src);
    }
}
