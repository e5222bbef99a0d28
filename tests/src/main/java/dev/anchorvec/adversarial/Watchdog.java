package dev.anchorvec.adversarial;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs calls on a worker thread with a deadline. A call that does not finish in time is reported as a hang and
 * abandoned, not waited for: its worker (a daemon thread) is left to spin and a new one takes over, since the
 * kernels do not check for interruption.
 */
final class Watchdog implements AutoCloseable {

    /** What one call did. */
    record Outcome(Object result, Throwable thrown, boolean hung, long nanos) {}

    private final long timeoutMillis;
    private ExecutorService worker;

    Watchdog(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
        this.worker = newWorker();
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "adversarial-call");
            t.setDaemon(true);
            return t;
        });
    }

    /** A call that may throw anything. */
    @FunctionalInterface
    interface Task {
        Object run() throws Throwable;
    }

    Outcome run(Task task) {
        long start = System.nanoTime();
        Callable<Object> call = () -> {
            try {
                return task.run();
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new ExecutionException(t);
            }
        };
        Future<Object> f = worker.submit(call);
        try {
            Object r = f.get(timeoutMillis, TimeUnit.MILLISECONDS);
            return new Outcome(r, null, false, System.nanoTime() - start);
        } catch (ExecutionException e) {
            return new Outcome(null, e.getCause(), false, System.nanoTime() - start);
        } catch (TimeoutException e) {
            f.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            return new Outcome(null, null, true, System.nanoTime() - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a call", e);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
