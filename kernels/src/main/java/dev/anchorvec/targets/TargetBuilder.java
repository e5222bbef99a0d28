package dev.anchorvec.targets;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.encode.DeltaCoder;
import dev.anchorvec.match.MaxIouMatcher;
import dev.anchorvec.simd.Simd;
import java.lang.invoke.MethodHandles;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the training targets of anchor-based detectors: per image, match the anchors to the ground truth
 * ({@link MaxIouMatcher}, on the fused best-IoU kernel), encode the positives' offsets ({@link DeltaCoder}) and
 * write the class targets and positive / negative / ignore masks into a {@link BatchTargets}.
 *
 * <p>The builder is immutable and thread-safe; the scratch memory lives in {@link TargetWorkspace}s, one per thread.
 * Once the workspaces have grown to the largest image, building allocates nothing per image. The anchors are read,
 * never written; do not change them while a build runs.
 *
 * <pre>{@code
 * Boxes anchors = AnchorPresets.torchvisionRetinaNet(640, 640).toBoxes();   // 76725 anchors
 * TargetBuilder builder = TargetBuilder.retinaNet(anchors);  // IoU 0.5 / 0.4, low-quality matches, deltas (1,1,1,1)
 * BatchTargets targets = new BatchTargets(batchSize, anchors.size());
 * TargetWorkspace[] workspaces = {new TargetWorkspace(), new TargetWorkspace()};   // reuse across batches
 * builder.buildBatch(new GroundTruthBatch(boxes, counts, labels, 80), targets, executor, workspaces, 2);
 * }</pre>
 */
public final class TargetBuilder {

    private static final LabelKernels IMPL = Simd.select(MethodHandles.lookup(), LabelKernels.class,
            "dev.anchorvec.targets.VectorLabelKernels", ScalarLabelKernels::new);

    private final Boxes anchors;
    private final MaxIouMatcher matcher;
    private final DeltaCoder coder;
    private final int backgroundClass;

    /**
     * @param anchors         the anchors of one image (the same for every image of a batch)
     * @param matcher         how anchors are matched to the ground truth
     * @param coder           how the positives' offsets are encoded
     * @param backgroundClass the class target of background anchors: -1 (one-hot of nothing, the sigmoid / focal
     *                        convention) or a class index such as 0 (SSD's softmax convention, where the gt labels start
     *                        at 1)
     * @throws IllegalArgumentException if {@code backgroundClass < -1}
     */
    public TargetBuilder(Boxes anchors, MaxIouMatcher matcher, DeltaCoder coder, int backgroundClass) {
        this.anchors = Objects.requireNonNull(anchors, "anchors");
        this.matcher = Objects.requireNonNull(matcher, "matcher");
        this.coder = Objects.requireNonNull(coder, "coder");
        if (backgroundClass < -1) {
            throw new IllegalArgumentException("backgroundClass must be -1 or a class index, got " + backgroundClass);
        }
        this.backgroundClass = backgroundClass;
    }

    /**
     * RetinaNet (torchvision): positives at IoU >= 0.5, background below 0.4, low-quality matches kept, deltas with
     * weights (1, 1, 1, 1), background class -1 (for the sigmoid focal loss).
     */
    public static TargetBuilder retinaNet(Boxes anchors) {
        return new TargetBuilder(anchors, MaxIouMatcher.torchvision(0.5, 0.4, true), DeltaCoder.torchvision(), -1);
    }

    /**
     * SSD (torchvision): each gt's best anchor forced, then IoU >= 0.5; deltas with weights (10, 10, 5, 5); class
     * 0 is background, so gt labels must start at 1.
     */
    public static TargetBuilder ssd(Boxes anchors) {
        return new TargetBuilder(anchors, MaxIouMatcher.ssd(0.5), DeltaCoder.ssd(), 0);
    }

    /** The number of anchors per image. */
    public int anchors() {
        return anchors.size();
    }

    /** The matcher. */
    public MaxIouMatcher matcher() {
        return matcher;
    }

    /** The box coder. */
    public DeltaCoder coder() {
        return coder;
    }

    /** The class target of background anchors. */
    public int backgroundClass() {
        return backgroundClass;
    }

    /**
     * Builds the targets of image {@code b} of {@code gt} into image {@code b} of {@code out}.
     *
     * @return the number of positives of the image
     * @throws IllegalArgumentException if {@code out} does not have this builder's anchor count, {@code b} is not an
     *                                  image of both, or a label equals the background class; nothing is written then
     */
    public int build(GroundTruthBatch gt, int b, BatchTargets out, TargetWorkspace ws) {
        Objects.requireNonNull(ws, "ws");
        check(gt, out);
        if (b < 0 || b >= gt.images()) {
            throw new IllegalArgumentException("b must be in [0, " + gt.images() + "), got " + b);
        }
        ws.guard.claim();
        try {
            return image(gt, b, out, ws);
        } finally {
            ws.guard.release();
        }
    }

    /**
     * Builds every image of {@code gt} into {@code out}, in {@code parallelism} tasks on {@code executor} that take
     * images one at a time; returns when all are done. The builder keeps no state between calls: pass the same
     * {@code workspaces} (at least {@code parallelism}, one per task) to allocate nothing per image.
     *
     * @throws IllegalArgumentException if {@code out} does not match {@code gt} and the anchors, a label equals the
     *                                  background class, or fewer than {@code parallelism} workspaces are given;
     *                                  nothing is written then
     * @throws CompletionException      if a task failed (the cause is the task's exception)
     */
    public void buildBatch(GroundTruthBatch gt, BatchTargets out, Executor executor, TargetWorkspace[] workspaces,
            int parallelism) {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(workspaces, "workspaces");
        check(gt, out);
        if (parallelism < 1 || parallelism > workspaces.length) {
            throw new IllegalArgumentException("parallelism must be in [1, workspaces.length = " + workspaces.length
                    + "], got " + parallelism);
        }
        for (int t = 0; t < parallelism; t++) {
            Objects.requireNonNull(workspaces[t], "workspaces[" + t + "]");
        }
        // Every workspace is claimed before any task starts, so one passed twice (or in use by another call) is
        // rejected before anything is written.
        // The copy makes the release see the workspaces that were claimed even if the caller's array changes.
        TargetWorkspace[] held = java.util.Arrays.copyOf(workspaces, parallelism);
        int claimed = 0;
        try {
            for (; claimed < parallelism; claimed++) {
                held[claimed].guard.claim();
            }
            run(gt, out, executor, held, parallelism);
        } finally {
            for (int t = 0; t < claimed; t++) {
                held[t].guard.release();
            }
        }
    }

    private void run(GroundTruthBatch gt, BatchTargets out, Executor executor, TargetWorkspace[] workspaces,
                     int parallelism) {
        int images = gt.images();
        if (parallelism == 1 || images <= 1) {
            for (int b = 0; b < images; b++) {
                image(gt, b, out, workspaces[0]);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        CompletableFuture<?>[] tasks = new CompletableFuture<?>[Math.min(parallelism, images)];
        for (int t = 0; t < tasks.length; t++) {
            TargetWorkspace ws = workspaces[t];
            tasks[t] = CompletableFuture.runAsync(() -> {
                for (int b = next.getAndIncrement(); b < images; b = next.getAndIncrement()) {
                    image(gt, b, out, ws);
                }
            }, executor);
        }
        CompletableFuture.allOf(tasks).join();
    }

    /** Sequential form of {@link #buildBatch(GroundTruthBatch, BatchTargets, Executor, TargetWorkspace[], int)}. */
    public void buildBatch(GroundTruthBatch gt, BatchTargets out, TargetWorkspace ws) {
        buildBatch(gt, out, Runnable::run, new TargetWorkspace[] {Objects.requireNonNull(ws, "ws")}, 1);
    }

    private void check(GroundTruthBatch gt, BatchTargets out) {
        Objects.requireNonNull(gt, "gt");
        Objects.requireNonNull(out, "out");
        if (out.anchors() != anchors.size()) {
            throw new IllegalArgumentException("out has " + out.anchors() + " anchors per image, the builder "
                    + anchors.size());
        }
        if (out.images() < gt.images()) {
            throw new IllegalArgumentException("out holds " + out.images() + " images, gt has " + gt.images());
        }
        if (backgroundClass >= 0) {
            int[] labels = gt.labels();
            int total = gt.start(gt.images());
            for (int j = 0; j < total; j++) {
                if (labels[j] == backgroundClass) {
                    throw new IllegalArgumentException("labels[" + j + "] = " + labels[j] + " is the background class");
                }
            }
        }
    }

    private int image(GroundTruthBatch gt, int b, BatchTargets out, TargetWorkspace ws) {
        int n = anchors.size();
        int base = b * n;
        Boxes g = ws.groundTruth(gt, b);
        int[] matches = out.matches();
        int positives = matcher.match(anchors, g, matches, base, ws.match);
        coder.encodeMatched(anchors, g, matches, base, out.offsets(), 4 * base);
        IMPL.write(matches, base, n, gt.labels(), gt.start(b), backgroundClass, out.classes(),
                out.positive(), out.negative(), out.ignored());
        out.positives()[b] = positives;
        return positives;
    }
}
