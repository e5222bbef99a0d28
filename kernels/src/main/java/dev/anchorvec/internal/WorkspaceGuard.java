package dev.anchorvec.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The "one call at a time" flag of a reusable workspace (internal: not exported). A workspace holds scratch
 * arrays that a call fills and reads back; two calls sharing one at the same time would silently corrupt each
 * other's results. So every public entry point that takes a workspace claims its guard first and releases it
 * when it returns:
 *
 * <pre>{@code
 * ws.guard.claim();          // after the arguments are validated
 * try {
 *     ... use ws ...
 * } finally {
 *     ws.guard.release();
 * }
 * }</pre>
 *
 * <p>A second claim while the first is held throws {@link IllegalStateException} naming the workspace: the same
 * workspace passed twice to one call, two threads using one workspace at the same time, or a call that
 * re-enters a public entry point with the workspace it holds. Detection is exact for the first and the last
 * case and certain whenever the two threads' calls overlap in time (calls that do not overlap are correct
 * anyway). An entry point that delegates to another with the same workspace must call an unguarded internal
 * form, not the public one.
 *
 * <p>Cost: one compare-and-set per call and a release store; the CAS also orders one caller's writes into the
 * workspace before the next caller's reads when a workspace is handed from one thread to another.
 */
public final class WorkspaceGuard {

    private static final VarHandle BUSY;

    static {
        try {
            BUSY = MethodHandles.lookup().findVarHandle(WorkspaceGuard.class, "busy", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    /** 1 while a call holds the workspace; read and written only through {@link #BUSY}. */
    private volatile int busy;

    /** A free guard for a workspace called {@code name} in messages ({@code "MatchWorkspace"}). */
    public WorkspaceGuard(String name) {
        this.name = name;
    }

    /**
     * Claims the workspace for the calling entry point.
     *
     * @throws IllegalStateException if it is already claimed (in use by another call)
     */
    public void claim() {
        if (!BUSY.compareAndSet(this, 0, 1)) {
            throw busyError();
        }
    }

    /** Releases a claim taken by {@link #claim()}; call it in a {@code finally} block. */
    public void release() {
        BUSY.setRelease(this, 0);
    }

    /** Whether a call holds the workspace right now (for tests and messages). */
    public boolean inUse() {
        return (int) BUSY.getAcquire(this) != 0;
    }

    private IllegalStateException busyError() {
        return new IllegalStateException(name + "@" + Integer.toHexString(System.identityHashCode(this))
                + " is already in use by another call: a workspace serves one call at a time (it was passed twice"
                + " to one call, used by two threads at once, or re-entered); give each thread its own");
    }
}
