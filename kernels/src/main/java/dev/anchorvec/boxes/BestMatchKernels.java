package dev.anchorvec.boxes;

/** The fused best-IoU reductions behind {@link BestIou}; arguments are validated by the facade. */
interface BestMatchKernels {

    /**
     * For {@code a.size() > 0} and {@code b.size() > 0}: for each box of {@code a} its best IoU over {@code b}
     * and the lowest index reaching it, and the same for each box of {@code b} over {@code a}.
     */
    void best(Boxes a, Boxes b, float[] bestA, int[] argA, float[] bestB, int[] argB);
}
