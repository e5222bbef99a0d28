package dev.anchorvec.select.pipeline;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.encode.DeltaCoder;
import dev.anchorvec.select.BatchedNms;
import dev.anchorvec.select.Nms;
import dev.anchorvec.select.ScoreFilter;
import dev.anchorvec.select.ScoreThreshold;
import dev.anchorvec.select.TopK;

/**
 * The steps every pipeline shares: filter a flat score block, keep its top k, and, once the candidates' boxes are
 * in the workspace, run NMS and write the detections.
 */
final class Candidates {

    /** Filter chunk: the hit buffer grows by at most this much before the next check. */
    private static final int CHUNK = 1 << 14;

    private Candidates() {}

    /**
     * Filters {@code x[from, to)} at {@code x >= min}, scores the hits (the sigmoid of the logit when
     * {@code sigmoid}, else the value) and orders the best {@code k} of them: returns r, with
     * {@code ws.top[0, r)} the positions in {@code ws.hits} / {@code ws.hitScores}, best first.
     */
    static int filterTopK(float[] x, int from, int to, float min, boolean sigmoid, int k, PostprocessWorkspace ws) {
        int m = 0;
        for (int c = from; c < to; c += CHUNK) {
            int end = Math.min(to, c + CHUNK);
            ws.ensureHits(m + (end - c) + ScoreFilter.SLACK);
            m = ScoreFilter.atLeast(x, c, end, min, ws.hits, m);
        }
        int[] hits = ws.hits;
        float[] s = ws.hitScores;
        for (int j = 0; j < m; j++) {
            s[j] = sigmoid ? ScoreThreshold.sigmoid(x[hits[j]]) : x[hits[j]];
        }
        return TopK.select(s, 0, m, k, ws.top, ws.nms);
    }

    /**
     * Scalar form of {@link #filterTopK(float[], int, int, float, boolean, int, PostprocessWorkspace)} for a
     * buffer (read with absolute gets, position-relative: nothing is copied but the hits): the hits are
     * positions relative to the buffer's position, scores are the values, the test is {@code x >= min}.
     */
    static int filterTopK(java.nio.FloatBuffer x, int from, int to, float min, int k, PostprocessWorkspace ws) {
        int base = x.position(), m = 0;
        for (int c = from; c < to; c += CHUNK) {
            int end = Math.min(to, c + CHUNK);
            ws.ensureHits(m + (end - c) + ScoreFilter.SLACK);
            int[] hits = ws.hits;
            float[] s = ws.hitScores;
            for (int j = c; j < end; j++) {
                float v = x.get(base + j);
                hits[m] = j;
                s[m] = v;
                m += v >= min ? 1 : 0;
            }
        }
        return TopK.select(ws.hitScores, 0, m, k, ws.top, ws.nms);
    }

    /**
     * Appends the top {@code r} hits ({@code ws.top[0, r)}), each a flat index {@code row * numClasses + class}
     * relative to {@code hitBase}, as candidates from {@code n} on; returns the new candidate count.
     */
    static int append(int r, int hitBase, int numClasses, int n, PostprocessWorkspace ws) {
        ws.ensureCandidates(n + r);
        for (int t = 0; t < r; t++) {
            int hit = ws.top[t];
            int flat = ws.hits[hit] - hitBase;
            int row = flat / numClasses;
            ws.sources[n] = row;
            ws.labels[n] = flat - row * numClasses;
            ws.scores[n++] = ws.hitScores[hit];
        }
        return n;
    }

    /**
     * Gathers the anchors and offset rows of the {@code n} candidates (their sources are anchor indices) and decodes
     * them, clipped to the image, into {@code ws.boxes}: only the survivors are decoded.
     */
    static void decode(DeltaCoder coder, int n, float[] deltas, int deltasOffset, Boxes anchors, float width,
                       float height, PostprocessWorkspace ws) {
        ws.ensureCandidates(n);
        Boxes g = ws.anchors.resize(n);
        for (int c = 0; c < n; c++) {
            int a = ws.sources[c];
            g.set(c, anchors.x1(a), anchors.y1(a), anchors.x2(a), anchors.y2(a));
            System.arraycopy(deltas, deltasOffset + 4 * a, ws.deltas, 4 * c, 4);
        }
        coder.decode(g, ws.deltas, 0, width, height, ws.boxes);
    }

    /**
     * NMS over the {@code n} candidates in the workspace ({@code ws.boxes}, {@code ws.scores},
     * {@code ws.labels}, {@code ws.sources}), per class unless {@code agnostic}, and the best {@code maxDet} kept
     * into {@code out}. Returns the detection count.
     */
    static int finish(int n, int numClasses, boolean agnostic, double iouThreshold, int maxDet, Detections out,
                      PostprocessWorkspace ws) {
        ws.boxes.resize(n);
        int kept = agnostic ? Nms.greedy(ws.boxes, ws.scores, 0, iouThreshold, ws.keep, ws.nms)
                : BatchedNms.run(ws.boxes, ws.scores, 0, ws.labels, 0, numClasses, iouThreshold, ws.keep, ws.nms);
        int count = Math.min(kept, maxDet);
        out.ensure(count);
        Boxes b = out.boxes.resize(count);
        for (int d = 0; d < count; d++) {
            int c = ws.keep[d];
            b.set(d, ws.boxes.x1(c), ws.boxes.y1(c), ws.boxes.x2(c), ws.boxes.y2(c));
            out.scores[d] = ws.scores[c];
            out.labels[d] = ws.labels[c];
            out.sources[d] = ws.sources[c];
        }
        out.count = count;
        return count;
    }
}
