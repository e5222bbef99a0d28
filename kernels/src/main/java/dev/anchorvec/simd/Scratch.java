package dev.anchorvec.simd;

/**
 * Per-thread scratch arrays for kernels that need a few blocks of floats of temporary state (intermediate IoU
 * values between passes, per-box angles). Arrays are allocated once per thread and slot, so a thread that runs
 * kernels repeatedly allocates nothing after its first call. A kernel owns the slots only for the duration of
 * one call; kernels never call each other while holding one.
 */
public final class Scratch {

    /** Floats per slot; kernels work in blocks of at most this many elements (16 KiB per slot). */
    public static final int BLOCK = 4096;
    /** Number of slots. */
    public static final int SLOTS = 5;

    private static final ThreadLocal<float[][]> FLOATS =
            ThreadLocal.withInitial(() -> new float[SLOTS][BLOCK]);


    private Scratch() {}

    /** This thread's {@link #SLOTS} arrays of {@link #BLOCK} floats each, contents undefined. */
    public static float[][] floats() {
        return FLOATS.get();
    }
}
