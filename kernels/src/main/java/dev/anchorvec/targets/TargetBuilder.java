package dev.anchorvec.targets;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.encode.DeltaCoder;
import dev.anchorvec.internal.Args;
import dev.anchorvec.match.MaxIouMatcher;
import dev.anchorvec.simd.Simd;
import java.lang.invoke.MethodHandles;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the training targets of anchor-based detectors: per image, match the anchors to the ground truth
 * ({@link MaxIouMatcher}, on the fused best-IoU kernel), encode the positives' offsets ({@link DeltaCoder}) and
 * write the class targets and positive / negative / ignore masks into a {@link BatchTargets}.
 *
 * <p><b>Validation.</b> The constructor checks the anchors once - every anchor must have a width and height
 * {@code > 0} and finite, because any anchor can be matched (low-quality matches, SSD's forced matches) and the
 * coder divides by its size - and copies them. A build then checks its arguments (nulls, shapes of {@code out},
 * the image index, the workspaces, labels equal to the background class) before it writes anything; with the
 * anchors and the {@link GroundTruthBatch} validated up front nothing can fail half-way, so a rejected call
 * writes nothing.
 *
 * <p><b>Extreme input.</b> Any valid anchors and boxes give finite targets: an offset that overflows float (a
 * box 1e38 away from a tiny anchor, a size ratio beyond float's range) saturates at {@code +-Float.MAX_VALUE}.
 * The scalar and vector label kernels write the same bits.
 *
 * <p><b>Threads.</b> The builder is immutable and thread-safe (it holds its own copy of the anchors); the scratch
 * memory lives in {@link TargetWorkspace}s, one per thread, each claimed for the duration of a call: a workspace
 * used by two overlapping calls - two threads, the same workspace twice in one {@code buildBatch}, or a call
 * re-entered through the executor - is rejected with {@link IllegalStateException} before anything is written.
 * Once the workspaces have grown to the largest image, building allocates nothing per image. See
 * {@link BatchTargets} for concurrent builds into one output.
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

    /** The label kernels the public methods use (the tests run the others through the package-private forms). */
    static final LabelKernels IMPL = Simd.select(MethodHandles.lookup(), LabelKernels.class,
            "dev.anchorvec.targets.VectorLabelKernels", ScalarLabelKernels::new);

    private final Boxes anchors;
    private final MaxIouMatcher matcher;
    private final DeltaCoder coder;
    private final int backgroundClass;

    /**
     * @param anchors         the anchors of one image (the same for every image of a batch); copied
     * @param matcher         how anchors are matched to the ground truth
     * @param coder           how the positives' offsets are encoded
     * @param backgroundClass the class target of background anchors: -1 (one-hot of nothing, the sigmoid / focal
     *                        convention) or a class index such as 0 (SSD's softmax convention, where the gt labels start
     *                        at 1)
     * @throws IllegalArgumentException if an anchor has no width or height {@code > 0} and finite (NaN and infinite
     *                                  coordinates included), naming it, or {@code backgroundClass < -1}
     */
    public TargetBuilder(Boxes anchors, MaxIouMatcher matcher, DeltaCoder coder, int backgroundClass) {
        Args.notNull(anchors, "anchors");
        Args.notNull(matcher, "matcher");
        Args.notNull(coder, "coder");
        Args.atLeast(backgroundClass, -1, "backgroundClass");
        this.anchors = encodable(anchors);
        this.matcher = matcher;
        this.coder = coder;
        this.backgroundClass = backgroundClass;
    }

    /** A copy of {@code anchors}, after checking that each has a width and height {@code > 0} and finite. */
    private static Boxes encodable(Boxes anchors) {
        int n = anchors.size();
        for (int i = 0; i < n; i++) {
            float w = anchors.x2(i) - anchors.x1(i), h = anchors.y2(i) - anchors.y1(i);
            // 0 < w < Infinity also rules out NaN and infinite coordinates.
            if (!(w > 0 && w < Float.POSITIVE_INFINITY && h > 0 && h < Float.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("anchors[" + i + "] = [" + anchors.x1(i) + ", " + anchors.y1(i)
                        + ", " + anchors.x2(i) + ", " + anchors.y2(i) + "] must have a width and height > 0 and finite"
                        + " (any anchor can be matched, and encoding divides by its size), has " + w + " x " + h);
            }
        }
        Boxes copy = Boxes.allocate(n);
        for (int i = 0; i < n; i++) {
            copy.set(i, anchors.x1(i), anchors.y1(i), anchors.x2(i), anchors.y2(i));
        }
        return copy;
    }

    /**
     * RetinaNet (torchvision): positives at IoU >= 0.5, background below 0.4, low-quality matches kept, deltas with
     * weights (1, 1, 1, 1), background class -1 (for the sigmoid focal loss).
     *
     * @throws IllegalArgumentException as the constructor, for a degenerate anchor
     */
    public static TargetBuilder retinaNet(Boxes anchors) {
        return new TargetBuilder(anchors, MaxIouMatcher.torchvision(0.5, 0.4, true), DeltaCoder.torchvision(), -1);
    }

    /**
     * SSD (torchvision): each gt's best anchor forced, then IoU >= 0.5; deltas with weights (10, 10, 5, 5); class
     * 0 is background, so gt labels must start at 1.
     *
     * @throws IllegalArgumentException as the constructor, for a degenerate anchor
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
     * @throws IllegalArgumentException if {@code out} does not have this builder's anchor count or fewer images
     *                                  than {@code gt}, {@code b} is not an image of {@code gt}, or a label equals
     *                                  the background class; nothing is written then
     * @throws IllegalStateException    if {@code ws} is in use by another call; nothing is written then
     */
    public int build(GroundTruthBatch gt, int b, BatchTargets out, TargetWorkspace ws) {
        return build(IMPL, gt, b, out, ws);
    }

    /** {@link #build(GroundTruthBatch, int, BatchTargets, TargetWorkspace)} on the label kernels {@code k}. */
    int build(LabelKernels k, GroundTruthBatch gt, int b, BatchTargets out, TargetWorkspace ws) {
        Args.notNull(ws, "ws");
        check(gt, out);
        Args.index(b, gt.images(), "b");
        ws.guard.claim();
        try {
            return image(k, gt, b, out, ws);
        } finally {
            ws.guard.release();
        }
    }

    /**
     * Builds every image of {@code gt} into {@code out}, in {@code parallelism} tasks on {@code executor} that take
     * images one at a time; returns when all are done. The builder keeps no state between calls: pass the same
     * {@code workspaces} (at least {@code parallelism}, one per task; those beyond are not used) to allocate
     * nothing per image. With {@code parallelism} 1, or at most one image, the images are built on the calling
     * thread and the executor is not used.
     *
     * <p>Every workspace is claimed before the first task is submitted, and released only after every task that
     * was accepted has ended. The executor must run every task it accepts (or the call waits for it forever); if it
     * rejects one, the tasks it accepted stop after their current image, the call waits for them and rethrows the
     * executor's exception: the images those tasks built are then written, the others not.
     *
     * @throws IllegalArgumentException   if {@code out} does not match {@code gt} and the anchors, a label equals
     *                                    the background class, or {@code parallelism} is not in
     *                                    {@code [1, workspaces.length]}; nothing is written then
     * @throws IllegalStateException      if a workspace is given twice or in use by another call (or the executor
     *                                    re-enters a build with one); nothing is written then
     * @throws RejectedExecutionException (or whatever the executor throws) if the executor refuses a task
     * @throws CompletionException        if a task failed (the cause is the task's exception)
     */
    public void buildBatch(GroundTruthBatch gt, BatchTargets out, Executor executor, TargetWorkspace[] workspaces,
            int parallelism) {
        buildBatch(IMPL, gt, out, executor, workspaces, parallelism);
    }

    /** {@link #buildBatch(GroundTruthBatch, BatchTargets, Executor, TargetWorkspace[], int)} on the kernels {@code k}. */
    void buildBatch(LabelKernels k, GroundTruthBatch gt, BatchTargets out, Executor executor,
                    TargetWorkspace[] workspaces, int parallelism) {
        Args.notNull(executor, "executor");
        Args.notNull(workspaces, "workspaces");
        check(gt, out);
        Args.inRange(parallelism, 1, workspaces.length, "parallelism");
        // The copy makes the release see the workspaces that were claimed even if the caller's array changes.
        TargetWorkspace[] held = Arrays.copyOf(workspaces, parallelism);
        for (int t = 0; t < parallelism; t++) {
            if (held[t] == null) {
                throw new NullPointerException("workspaces[" + t + "]");
            }
        }
        // Every workspace is claimed before any task starts, so one passed twice (or in use by another call) is
        // rejected before anything is written.
        int claimed = 0;
        try {
            for (; claimed < parallelism; claimed++) {
                held[claimed].guard.claim();
            }
            run(k, gt, out, executor, held, parallelism);
        } finally {
            for (int t = 0; t < claimed; t++) {
                held[t].guard.release();
            }
        }
    }

    private void run(LabelKernels k, GroundTruthBatch gt, BatchTargets out, Executor executor,
                     TargetWorkspace[] workspaces, int parallelism) {
        int images = gt.images();
        if (parallelism == 1 || images <= 1) {
            for (int b = 0; b < images; b++) {
                image(k, gt, b, out, workspaces[0]);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        CompletableFuture<?>[] tasks = new CompletableFuture<?>[Math.min(parallelism, images)];
        int submitted = 0;
        try {
            for (; submitted < tasks.length; submitted++) {
                TargetWorkspace ws = workspaces[submitted];
                tasks[submitted] = CompletableFuture.runAsync(() -> {
                    for (int b = next.getAndIncrement(); b < images; b = next.getAndIncrement()) {
                        image(k, gt, b, out, ws);
                    }
                }, executor);
            }
        } catch (RuntimeException | Error refused) {
            // The caller releases the workspaces when this returns: first stop the accepted tasks after their
            // current image and wait for them, so no task still uses a released workspace.
            next.set(images);
            try {
                CompletableFuture.allOf(Arrays.copyOf(tasks, submitted)).join();
            } catch (CompletionException failed) {
                refused.addSuppressed(failed);
            }
            throw refused;
        }
        CompletableFuture.allOf(tasks).join();
    }

    /**
     * Sequential form of {@link #buildBatch(GroundTruthBatch, BatchTargets, Executor, TargetWorkspace[], int)}: every
     * image on the calling thread with {@code ws}.
     *
     * @throws IllegalArgumentException as that method; nothing is written then
     * @throws IllegalStateException    if {@code ws} is in use by another call; nothing is written then
     */
    public void buildBatch(GroundTruthBatch gt, BatchTargets out, TargetWorkspace ws) {
        buildBatch(gt, out, Runnable::run, new TargetWorkspace[] {Args.notNull(ws, "ws")}, 1);
    }

    private void check(GroundTruthBatch gt, BatchTargets out) {
        Args.notNull(gt, "gt");
        Args.notNull(out, "out");
        if (out.anchors() != anchors.size()) {
            throw new IllegalArgumentException("out has " + out.anchors() + " anchors per image, the builder "
                    + anchors.size());
        }
        if (out.images() < gt.images()) {
            throw new IllegalArgumentException("out holds " + out.images() + " images, gt has " + gt.images());
        }
        if (backgroundClass >= 0) {
            int[] labels = gt.labels;
            int total = labels.length;
            for (int j = 0; j < total; j++) {
                if (labels[j] == backgroundClass) {
                    throw new IllegalArgumentException("labels[" + j + "] = " + labels[j] + " is the background class");
                }
            }
        }
    }

    private int image(LabelKernels k, GroundTruthBatch gt, int b, BatchTargets out, TargetWorkspace ws) {
        int n = anchors.size();
        int base = b * n;
        Boxes g = ws.groundTruth(gt, b);
        int[] matches = out.matches();
        int positives = matcher.match(anchors, g, matches, base, ws.match);
        // Cannot throw: the anchors and boxes are encodable and the codes index the image's boxes.
        coder.encodeMatched(anchors, g, matches, base, out.offsets(), 4 * base);
        k.write(matches, base, n, gt.labels, gt.start(b), backgroundClass, out.classes(),
                out.positive(), out.negative(), out.ignored(), out.offsets());
        out.positives()[b] = positives;
        return positives;
    }
}
