package dev.anchorvec.boxes;

/** The fused best-IoU reductions behind {@link BestIou}; arguments are validated by the facade. */
interface BestMatchKernels {

    /**
     * For {@code a.size() > 0} and {@code b.size() > 0}: for each box of {@code a} its best IoU over {@code b}
     * and the lowest index reaching it, and the same for each box of {@code b} over {@code a}.
     */
    default void best(Boxes a, Boxes b, float[] bestA, int[] argA, float[] bestB, int[] argB) {
        best(a, b, bestA, argA, bestB, argB, null);
    }

    /**
     * As {@link #best(Boxes, Boxes, float[], int[], float[], int[])}, and when {@code blockMax} is not null also
     * {@code blockMax[k * M + j]} >= the largest IoU of {@code b[j]} over {@code a}'s block {@code k} of
     * {@link BestIou#BLOCK} boxes (an upper bound; 0 when the block cannot touch the box).
     */
    void best(Boxes a, Boxes b, float[] bestA, int[] argA, float[] bestB, int[] argB, float[] blockMax);
}
