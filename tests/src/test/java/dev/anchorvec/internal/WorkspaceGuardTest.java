package dev.anchorvec.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link WorkspaceGuard}: a claim is exclusive until released, a second claim throws
 * {@link IllegalStateException} naming the workspace, and concurrent claimers never both hold it.
 */
class WorkspaceGuardTest {

    @Test
    void secondClaimThrowsUntilReleased() {
        WorkspaceGuard g = new WorkspaceGuard("MatchWorkspace");
        assertFalse(g.inUse());
        g.claim();
        assertTrue(g.inUse());
        IllegalStateException e = assertThrows(IllegalStateException.class, g::claim);
        assertTrue(e.getMessage().startsWith("MatchWorkspace@"), e.getMessage());
        assertTrue(e.getMessage().contains("already in use"), e.getMessage());
        assertTrue(g.inUse(), "a failed claim must not release the holder's claim");
        g.release();
        assertFalse(g.inUse());
        g.claim();
        g.release();
    }

    @Test
    void concurrentClaimersAreMutuallyExclusive() throws Exception {
        WorkspaceGuard g = new WorkspaceGuard("NmsWorkspace");
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        AtomicInteger held = new AtomicInteger();
        int threads = 4;
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            Future<?>[] f = new Future<?>[threads];
            for (int t = 0; t < threads; t++) {
                f[t] = pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 20_000; i++) {
                        try {
                            g.claim();
                        } catch (IllegalStateException e) {
                            rejected.incrementAndGet();
                            continue;
                        }
                        try {
                            if (holders.incrementAndGet() != 1) {
                                overlaps.incrementAndGet();
                            }
                            held.incrementAndGet();
                            holders.decrementAndGet();
                        } finally {
                            g.release();
                        }
                    }
                    return null;
                });
            }
            start.countDown();
            for (Future<?> x : f) {
                x.get(60, TimeUnit.SECONDS);
            }
        }
        assertEquals(0, overlaps.get(), "two threads held the guard at once");
        assertEquals(threads * 20_000, held.get() + rejected.get());
        assertTrue(held.get() > 0);
        assertFalse(g.inUse());
    }
}
