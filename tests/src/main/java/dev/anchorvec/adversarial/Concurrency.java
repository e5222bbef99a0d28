package dev.anchorvec.adversarial;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Shared kernel objects used by many threads at once, platform and virtual, each with its own workspace, must
 * give exactly the results of a single-threaded run.
 *
 * <pre>{@code
 * MaxIouMatcher matcher = ...;                       // shared
 * Concurrency.assertSameResults("MaxIouMatcher", 64, () -> {
 *     MatchWorkspace ws = new MatchWorkspace();      // one per thread
 *     return task -> matcher.match(anchors[task], gt[task], new int[n], 0, ws);
 * });
 * }</pre>
 */
public final class Concurrency {

    /** Platform threads of the concurrent run. */
    public static final int PLATFORM_THREADS = 8;
    /** Virtual threads of the concurrent run. */
    public static final int VIRTUAL_THREADS = 32;
    /** Tasks each thread runs. */
    public static final int TASKS_PER_THREAD = 2;

    private Concurrency() {}

    /**
     * Runs tasks {@code 0 .. tasks - 1} on one thread, then on {@link #PLATFORM_THREADS} platform and
     * {@link #VIRTUAL_THREADS} virtual threads at once (thread {@code k} runs {@link #TASKS_PER_THREAD} tasks from
     * task {@code k} on, wrapping around, with the per-thread state {@code perThread} makes, so every task runs on
     * several threads at once), and fails unless every result is bit-identical to the single-threaded one.
     *
     * @param perThread called once per thread: makes that thread's workspaces and returns its task function
     */
    public static void assertSameResults(String name, int tasks, Supplier<IntFunction<Object>> perThread)
            throws Exception {
        Objects.requireNonNull(perThread, "perThread");
        IntFunction<Object> single = perThread.get();
        Object[] expected = new Object[tasks];
        for (int t = 0; t < tasks; t++) {
            expected[t] = single.apply(t);
        }
        List<String> failures = new ArrayList<>();
        run(name + " platform", Thread.ofPlatform().daemon().factory(), PLATFORM_THREADS, tasks, perThread,
                expected, failures);
        run(name + " virtual", Thread.ofVirtual().factory(), VIRTUAL_THREADS, tasks, perThread, expected, failures);
        if (!failures.isEmpty()) {
            throw new AssertionError(name + ": concurrent results differ from the single-threaded run:\n"
                    + String.join("\n", failures));
        }
    }

    private static void run(String label, ThreadFactory factory, int threads, int tasks,
                            Supplier<IntFunction<Object>> perThread, Object[] expected, List<String> failures)
            throws Exception {
        try (ExecutorService pool = Executors.newThreadPerTaskExecutor(factory)) {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int th = 0; th < threads; th++) {
                int shift = th;
                Callable<List<String>> work = () -> {
                    IntFunction<Object> f = perThread.get();
                    List<String> bad = new ArrayList<>();
                    for (int k = 0; k < Math.min(tasks, TASKS_PER_THREAD); k++) {
                        int t = (k + shift) % tasks;
                        String d = Values.difference(expected[t], f.apply(t), "task " + t);
                        if (d != null) {
                            bad.add(label + " thread " + shift + ": " + d);
                        }
                    }
                    return bad;
                };
                futures.add(pool.submit(work));
            }
            for (Future<List<String>> f : futures) {
                failures.addAll(f.get(120, TimeUnit.SECONDS));
            }
        }
    }
}
