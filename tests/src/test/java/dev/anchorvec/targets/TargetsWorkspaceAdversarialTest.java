package dev.anchorvec.targets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.adversarial.BoxAttacks;
import dev.anchorvec.boxes.Boxes;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The workspace rules of {@link TargetBuilder} in the cases the generated suite cannot stage: a batch whose tasks
 * run in parallel while another call tries one of its workspaces, and an executor that accepts some tasks and
 * refuses the next (the workspaces must stay claimed until the accepted tasks have ended).
 */
class TargetsWorkspaceAdversarialTest {

    private final Boxes anchors = BoxAttacks.ordinary(50, 1);
    private final GroundTruthBatch gt = new GroundTruthBatch(new float[] {10, 10, 30, 30, 40, 40, 70, 60, 5, 5, 60,
            60}, new int[] {1, 1, 1}, new int[] {2, 3, 1}, 5);
    private final TargetBuilder builder = TargetBuilder.retinaNet(anchors);

    /** Another thread's calls with a workspace a running batch holds are rejected while its tasks run. */
    @Test
    void aWorkspaceOfARunningParallelBatchIsRejectedElsewhere() throws Exception {
        TargetWorkspace[] ws = {new TargetWorkspace(), new TargetWorkspace()};
        BatchTargets out = new BatchTargets(3, anchors.size());
        CountDownLatch tasksStarted = new CountDownLatch(2), othersTried = new CountDownLatch(1);
        AtomicReference<Throwable> other = new AtomicReference<>(), otherBatch = new AtomicReference<>();
        // Each task waits (on its own thread) until the other thread has tried the held workspaces.
        Executor parallel = task -> Thread.ofPlatform().daemon().start(() -> {
            tasksStarted.countDown();
            try {
                othersTried.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            task.run();
        });
        Thread intruder = Thread.ofPlatform().daemon().start(() -> {
            try {
                tasksStarted.await(30, TimeUnit.SECONDS);
                BatchTargets mine = new BatchTargets(3, anchors.size());
                other.set(assertThrows(IllegalStateException.class, () -> builder.build(gt, 0, mine, ws[1])));
                otherBatch.set(assertThrows(IllegalStateException.class, () -> builder.buildBatch(gt, mine, ws[0])));
                assertEquals(0, mine.totalPositives(), "the rejected calls wrote nothing");
            } catch (Throwable t) {
                other.compareAndSet(null, t);
            } finally {
                othersTried.countDown();
            }
        });
        builder.buildBatch(gt, out, parallel, ws, 2);
        intruder.join();
        assertTrue(other.get() instanceof IllegalStateException, String.valueOf(other.get()));
        assertTrue(other.get().getMessage().contains("TargetWorkspace"), other.get().getMessage());
        assertTrue(otherBatch.get() instanceof IllegalStateException, String.valueOf(otherBatch.get()));
        assertFalse(ws[0].guard.inUse() || ws[1].guard.inUse(), "released after the batch");
        BatchTargets seq = new BatchTargets(3, anchors.size());
        builder.buildBatch(gt, seq, ws[1]);
        assertArrayEquals(seq.matches(), out.matches(), "the parallel batch built every image");
    }

    /**
     * An executor that accepts the first task and refuses the second: the call waits for the accepted task before
     * it releases the workspaces and rethrows the executor's exception.
     */
    @Test
    void aRefusedTaskWaitsForTheAcceptedOnesBeforeReleasing() throws Exception {
        TargetWorkspace[] ws = {new TargetWorkspace(), new TargetWorkspace()};
        BatchTargets out = new BatchTargets(3, anchors.size());
        AtomicInteger submissions = new AtomicInteger();
        AtomicBoolean acceptedTaskRan = new AtomicBoolean();
        AtomicBoolean workspacesHeldForTheTask = new AtomicBoolean();
        RejectedExecutionException refusal = new RejectedExecutionException("queue full");
        Executor acceptsOne = task -> {
            if (submissions.getAndIncrement() > 0) {
                throw refusal;
            }
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    Thread.sleep(200); // the second submission fails meanwhile
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                workspacesHeldForTheTask.set(ws[0].guard.inUse() && ws[1].guard.inUse());
                acceptedTaskRan.set(true); // before the task completes its future, so visible after the join
                task.run();
            });
        };
        RejectedExecutionException e = assertThrows(RejectedExecutionException.class,
                () -> builder.buildBatch(gt, out, acceptsOne, ws, 2));
        assertSame(refusal, e);
        assertTrue(acceptedTaskRan.get(), "the call returned before the task it had submitted ran");
        assertTrue(workspacesHeldForTheTask.get(), "the workspaces were released before the task ran");
        assertFalse(ws[0].guard.inUse() || ws[1].guard.inUse(), "released once the task ended");
    }
}
