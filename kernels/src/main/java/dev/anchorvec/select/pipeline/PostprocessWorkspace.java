package dev.anchorvec.select.pipeline;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.internal.WorkspaceGuard;
import dev.anchorvec.select.NmsWorkspace;

/**
 * Scratch memory of the post-processing pipelines: the filter's hits, the candidates that survive top-k (their
 * source rows, labels, scores and boxes), the gathered anchors and offsets of the survivors, and NMS's workspace.
 * It grows to the largest image seen and is then reused, so steady state allocates nothing. Not thread-safe: one
 * per thread.
 */
public final class PostprocessWorkspace {

    /** Claimed by every public entry point for the duration of a call: overlapping use throws. */
    final WorkspaceGuard guard = new WorkspaceGuard("PostprocessWorkspace");

    final NmsWorkspace nms = new NmsWorkspace();
    int[] hits = new int[0];
    float[] hitScores = new float[0];
    int[] top = new int[0];
    int[] sources = new int[0];
    int[] labels = new int[0];
    float[] scores = new float[0];
    int[] keep = new int[0];
    Boxes boxes = Boxes.allocate(0);
    Boxes anchors = Boxes.allocate(0);
    float[] deltas = new float[0];
    float[] probabilities = new float[0];
    float[] strides = new float[0];
    float[] rows = new float[0];

    /** An empty workspace; it grows on first use. */
    public PostprocessWorkspace() {}

    /** Room for {@code n} filter hits (plus the filter's slack) and their scores; keeps those held. */
    void ensureHits(int n) {
        if (hits.length < n) {
            int size = Math.max(n, hits.length + (hits.length >> 1));
            hits = java.util.Arrays.copyOf(hits, size);
            hitScores = java.util.Arrays.copyOf(hitScores, size);
            top = new int[size];
        }
    }

    /** Room for {@code n} class probabilities (SSD's softmax, class-major). */
    float[] probabilities(int n) {
        if (probabilities.length < n) {
            probabilities = new float[n];
        }
        return probabilities;
    }

    /** Room for {@code n} candidates; keeps the sources, labels and scores held. */
    void ensureCandidates(int n) {
        if (sources.length < n) {
            int size = Math.max(n, sources.length + (sources.length >> 1));
            sources = java.util.Arrays.copyOf(sources, size);
            labels = java.util.Arrays.copyOf(labels, size);
            scores = java.util.Arrays.copyOf(scores, size);
            keep = new int[size];
            boxes = Boxes.allocate(size);
            anchors = Boxes.allocate(size);
            deltas = new float[4 * size];
            strides = new float[size];
            rows = new float[4 * size];
        }
    }
}
