package dev.anchorvec.boxes;

/** The kernels behind {@link IouTies}; arguments are validated by the facade, both sets are non-empty. */
interface TieKernels {

    /**
     * {@code out[i]} = the highest {@code j} with {@code IoU(a[i], b[j]) == target[j]}, or -1. A non-null
     * {@code blockMax} (from {@link BestIou}) lets the kernel skip block {@code k} for box {@code j} when
     * {@code target[j] > blockMax[k * M + j]}.
     */
    void lastEqual(Boxes a, Boxes b, float[] target, int[] out, float[] blockMax);
}
