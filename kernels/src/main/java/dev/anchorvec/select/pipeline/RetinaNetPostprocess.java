package dev.anchorvec.select.pipeline;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.encode.DeltaCoder;
import dev.anchorvec.internal.Args;
import dev.anchorvec.select.ScoreThreshold;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * RetinaNet's post-processing from raw head outputs, as torchvision's {@code RetinaNet.postprocess_detections}
 * (and detectron2's): per feature level, the sigmoid class scores above a threshold (strict {@code >}), their
 * best {@code topK} (over the flattened {@code [anchors, classes]} block), those anchors' offsets decoded and
 * clipped to the image; then NMS per class over all levels and the best {@code maxDetections} kept.
 *
 * <p>What makes it fast: the score threshold is applied to the logits ({@link ScoreThreshold#minLogit}, exact), so
 * the sigmoid runs on the survivors only; top-k is a radix select, not a sort; only the survivors are decoded;
 * NMS is exact per class ({@link dev.anchorvec.select.BatchedNms}). With a reused {@link Detections} and
 * {@link PostprocessWorkspace} an image allocates nothing.
 *
 * <p>Layouts (torchvision's, one image): {@code logits[anchor * numClasses + class]}, levels concatenated;
 * {@code deltas[4 * anchor + k]} (dx, dy, dw, dh); the anchors of all levels concatenated in the same order;
 * {@code anchorsPerLevel[l]} anchors in level l. Ties: equal scores rank the lower flattened index first (torch's
 * {@code topk} leaves that order unspecified). NaN logits are never selected.
 *
 * <pre>{@code
 * RetinaNetPostprocess post = RetinaNetPostprocess.torchvision();
 * Detections dets = new Detections();
 * PostprocessWorkspace ws = new PostprocessWorkspace();          // one per thread
 * post.run(logits, 0, deltas, 0, anchors, anchorsPerLevel, 80, 640, 640, dets, ws);
 * }</pre>
 */
public final class RetinaNetPostprocess {

    private final float scoreThreshold;
    private final float minLogit;
    private final int topK;
    private final double iouThreshold;
    private final int maxDetections;
    private final DeltaCoder coder;

    /**
     * @param scoreThreshold a class score must be strictly above it
     * @param topK           candidates kept per level before NMS
     * @param iouThreshold   NMS suppresses at IoU strictly above it
     * @param maxDetections  detections kept per image
     * @param coder          decodes the offsets
     * @throws IllegalArgumentException if a threshold is NaN or a count negative
     */
    public RetinaNetPostprocess(float scoreThreshold, int topK, double iouThreshold, int maxDetections,
                                DeltaCoder coder) {
        this.minLogit = ScoreThreshold.minLogit(scoreThreshold);
        this.scoreThreshold = scoreThreshold;
        this.topK = Args.count(topK, "topK");
        this.iouThreshold = Args.notNaN(iouThreshold, "iouThreshold");
        this.maxDetections = Args.count(maxDetections, "maxDetections");
        this.coder = Objects.requireNonNull(coder, "coder");
    }

    /** torchvision: score > 0.05, top 1000 per level, NMS 0.5, 300 detections, weights (1, 1, 1, 1). */
    public static RetinaNetPostprocess torchvision() {
        return new RetinaNetPostprocess(0.05f, 1000, 0.5, 300, DeltaCoder.torchvision());
    }

    /** detectron2: as torchvision, but 100 detections per image. */
    public static RetinaNetPostprocess detectron2() {
        return new RetinaNetPostprocess(0.05f, 1000, 0.5, 100, DeltaCoder.torchvision());
    }

    /** The score threshold (strict). */
    public float scoreThreshold() {
        return scoreThreshold;
    }

    /**
     * Post-processes one image into {@code out} and returns the detection count. Labels are class indices in
     * {@code [0, numClasses)}; sources are anchor indices.
     *
     * @throws IllegalArgumentException if {@code anchorsPerLevel} does not sum to {@code anchors.size()} (or holds
     *                                  a negative count), {@code numClasses < 1}, an array is too short, or an
     *                                  image side is negative or NaN; nothing is written then
     */
    public int run(float[] logits, int logitsOffset, float[] deltas, int deltasOffset, Boxes anchors,
                   int[] anchorsPerLevel, int numClasses, float imageWidth, float imageHeight, Detections out,
                   PostprocessWorkspace ws) {
        check(logits, logitsOffset, deltas, deltasOffset, anchors, anchorsPerLevel, numClasses, imageWidth,
                imageHeight, 1);
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(ws, "ws");
        ws.guard.claim();
        try {
            return runClaimed(logits, logitsOffset, deltas, deltasOffset, anchors, anchorsPerLevel, numClasses,
                    imageWidth, imageHeight, out, ws);
        } finally {
            ws.guard.release();
        }
    }

    /** The work of {@link #run}: checked arguments, {@code ws} held by the caller. */
    private int runClaimed(float[] logits, int logitsOffset, float[] deltas, int deltasOffset, Boxes anchors,
                           int[] anchorsPerLevel, int numClasses, float imageWidth, float imageHeight,
                           Detections out, PostprocessWorkspace ws) {
        int n = 0, anchorStart = 0;
        for (int count : anchorsPerLevel) {
            int from = logitsOffset + anchorStart * numClasses;
            int r = Candidates.filterTopK(logits, from, from + count * numClasses, minLogit, true, topK, ws);
            n = Candidates.append(r, logitsOffset, numClasses, n, ws);
            anchorStart += count;
        }
        Candidates.decode(coder, n, deltas, deltasOffset, anchors, imageWidth, imageHeight, ws);
        return Candidates.finish(n, numClasses, false, iouThreshold, maxDetections, out, ws);
    }

    /**
     * Post-processes {@code images} images whose head outputs follow each other ({@code logits} image-major,
     * {@code anchors.size() * numClasses} per image; {@code deltas} {@code 4 * anchors.size()} per image), the
     * same anchors for all, on {@code executor} with one workspace per task. {@code out[b]} receives image b.
     *
     * @param parallelism number of tasks, at most {@code workspaces.length}
     * @throws IllegalArgumentException as {@link #run}, or if {@code out} or {@code workspaces} is too short
     */
    public void runBatch(float[] logits, float[] deltas, Boxes anchors, int[] anchorsPerLevel, int numClasses,
                         int images, float imageWidth, float imageHeight, Detections[] out, Executor executor,
                         PostprocessWorkspace[] workspaces, int parallelism) {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(workspaces, "workspaces");
        Args.count(images, "images");
        check(logits, 0, deltas, 0, anchors, anchorsPerLevel, numClasses, imageWidth, imageHeight, images);
        if (out.length < images) {
            throw new IllegalArgumentException("out.length " + out.length + " < images " + images);
        }
        for (int b = 0; b < images; b++) {
            Objects.requireNonNull(out[b], "out[" + b + "]");
        }
        if (parallelism < 1 || parallelism > workspaces.length) {
            throw new IllegalArgumentException("parallelism must be in [1, workspaces.length = " + workspaces.length
                    + "], got " + parallelism);
        }
        for (int t = 0; t < parallelism; t++) {
            Objects.requireNonNull(workspaces[t], "workspaces[" + t + "]");
        }
        // Every workspace is claimed before any task starts, so one passed twice (or in use by another call) is
        // rejected before anything is written; the copy makes the release see the ones that were claimed.
        PostprocessWorkspace[] held = java.util.Arrays.copyOf(workspaces, parallelism);
        int claimed = 0;
        try {
            for (; claimed < parallelism; claimed++) {
                held[claimed].guard.claim();
            }
            runTasks(logits, deltas, anchors, anchorsPerLevel, numClasses, images, imageWidth, imageHeight, out,
                    executor, held);
        } finally {
            for (int t = 0; t < claimed; t++) {
                held[t].guard.release();
            }
        }
    }

    private void runTasks(float[] logits, float[] deltas, Boxes anchors, int[] anchorsPerLevel, int numClasses,
                          int images, float imageWidth, float imageHeight, Detections[] out, Executor executor,
                          PostprocessWorkspace[] workspaces) {
        int parallelism = workspaces.length;
        int a = anchors.size();
        AtomicInteger next = new AtomicInteger();
        CompletableFuture<?>[] tasks = new CompletableFuture<?>[Math.min(parallelism, Math.max(images, 1))];
        for (int t = 0; t < tasks.length; t++) {
            PostprocessWorkspace ws = workspaces[t];
            tasks[t] = CompletableFuture.runAsync(() -> {
                for (int b = next.getAndIncrement(); b < images; b = next.getAndIncrement()) {
                    runClaimed(logits, b * a * numClasses, deltas, b * 4 * a, anchors, anchorsPerLevel,
                            numClasses, imageWidth, imageHeight, out[b], ws);
                }
            }, executor);
        }
        CompletableFuture.allOf(tasks).join();
    }

    private static void check(float[] logits, int logitsOffset, float[] deltas, int deltasOffset, Boxes anchors,
                              int[] anchorsPerLevel, int numClasses, float width, float height, int images) {
        Objects.requireNonNull(logits, "logits");
        Objects.requireNonNull(deltas, "deltas");
        Objects.requireNonNull(anchors, "anchors");
        Objects.requireNonNull(anchorsPerLevel, "anchorsPerLevel");
        Args.atLeast(numClasses, 1, "numClasses");
        long sum = 0;
        for (int l = 0; l < anchorsPerLevel.length; l++) {
            if (anchorsPerLevel[l] < 0) {
                throw new IllegalArgumentException("anchorsPerLevel[" + l + "] = " + anchorsPerLevel[l] + " < 0");
            }
            sum += anchorsPerLevel[l];
        }
        int a = anchors.size();
        if (sum != a) {
            throw new IllegalArgumentException("anchorsPerLevel sums to " + sum + ", anchors.size() is " + a);
        }
        Args.room(logitsOffset, (long) images * a * numClasses, logits.length, "logits");
        Args.room(deltasOffset, 4L * images * a, deltas.length, "deltas");
        Args.atLeast(width, 0, "imageWidth");
        Args.atLeast(height, 0, "imageHeight");
    }

    @Override
    public String toString() {
        return "RetinaNetPostprocess[score > " + scoreThreshold + ", top " + topK + " per level, NMS "
                + iouThreshold + ", keep " + maxDetections + ", " + coder + "]";
    }
}
