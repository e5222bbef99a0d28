package dev.anchorvec.simd;

/**
 * Per-thread scratch arrays for kernels that need a few floats of temporary state (for example CIoU's per-box
 * aspect angles). Each array only grows, so a thread that runs a kernel repeatedly allocates nothing after the
 * first call. Callers must not hold the array across calls to other kernels.
 */
public final class Scratch {

    /** Largest scratch a kernel may ask for; kernels work in blocks of at most this many elements. */
    public static final int MAX_FLOATS = 4096;

    private static final ThreadLocal<float[]> FLOATS = ThreadLocal.withInitial(() -> new float[256]);

    private Scratch() {}

    /** A thread-local array of at least {@code n <= MAX_FLOATS} floats, contents undefined. */
    public static float[] floats(int n) {
        float[] a = FLOATS.get();
        if (a.length < n) {
            a = new float[Math.max(n, Math.min(MAX_FLOATS, 2 * a.length))];
            FLOATS.set(a);
        }
        return a;
    }
}
