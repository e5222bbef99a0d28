package dev.anchorvec.boxes;

import dev.anchorvec.internal.Args;
import dev.anchorvec.simd.Simd;
import java.lang.invoke.MethodHandles;
import java.util.Arrays;

/**
 * Fused best-IoU reductions, without the {@code N x M} matrix: for each box of {@code a} its best IoU over
 * {@code b} and the index reaching it, and for each box of {@code b} its best IoU over {@code a} and the index
 * reaching it, in one pass with memory O(N + M). This is what anchor matching needs (each anchor's best
 * ground truth, each ground truth's best anchor).
 *
 * <p><b>Answers.</b> Ties go to the lowest index. IoU semantics are {@link IouKind#IOU}'s: every best IoU is in
 * {@code [0, 1]}, never NaN, whatever the coordinates (a NaN, infinite or inverted box simply overlaps
 * nothing). When {@code b} is empty every {@code bestA} is 0 and every {@code argA} is -1; likewise for an empty
 * {@code a}. The Vector API and scalar implementations give the same bits.
 *
 * <p><b>Validation.</b> Before anything is written: null arguments ({@link NullPointerException} naming them),
 * output arrays too short for their set, and outputs that overlap each other or the planes of {@code a} or
 * {@code b} ({@link IllegalArgumentException} naming both). Only the allocating form allocates, in proportion
 * to the sizes of the boxes.
 *
 * <p><b>Threads.</b> Stateless and thread-safe.
 *
 * <pre>{@code
 * Boxes anchors = ...;   // N anchors
 * Boxes gt = ...;        // M ground-truth boxes
 * float[] bestIou = new float[N]; int[] bestGt = new int[N];
 * float[] gtBestIou = new float[M]; int[] gtBestAnchor = new int[M];
 * BestIou.compute(anchors, gt, bestIou, bestGt, gtBestIou, gtBestAnchor);
 * }</pre>
 */
public final class BestIou {

    private static final BestMatchKernels IMPL = Simd.select(MethodHandles.lookup(), BestMatchKernels.class,
            "dev.anchorvec.boxes.VectorBestMatchKernels", ScalarBestMatchKernels::new);

    /**
     * Boxes of {@code a} per block of the optional block maxima (see
     * {@link #compute(Boxes, Boxes, float[], int[], float[], int[], float[])}).
     */
    public static final int BLOCK = 256;

    private BestIou() {}

    /**
     * The number of blocks of {@link #BLOCK} boxes that cover {@code n} boxes, {@code ceil(n / BLOCK)}, for every
     * {@code n} up to {@code Integer.MAX_VALUE}.
     *
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public static int blocks(int n) {
        Args.count(n, "n");
        // n / BLOCK rounded up without n + BLOCK - 1, which overflows near Integer.MAX_VALUE.
        return n / BLOCK + (n % BLOCK == 0 ? 0 : 1);
    }

    /** The four results of {@link #compute(Boxes, Boxes)}: new arrays, owned by the caller (not copied). */
    public record Result(float[] bestA, int[] argA, float[] bestB, int[] argB) {}

    /** Allocating form of {@link #compute(Boxes, Boxes, float[], int[], float[], int[])}. */
    public static Result compute(Boxes a, Boxes b) {
        Args.notNull(a, "a");
        Args.notNull(b, "b");
        Result r = new Result(new float[a.size()], new int[a.size()], new float[b.size()], new int[b.size()]);
        compute(a, b, r.bestA(), r.argA(), r.bestB(), r.argB());
        return r;
    }

    /**
     * Writes {@code bestA[i] = max_j IoU(a[i], b[j])}, {@code argA[i]} = the lowest such {@code j}, and
     * {@code bestB[j] = max_i IoU(a[i], b[j])}, {@code argB[j]} = the lowest such {@code i}. Only the first
     * {@code a.size()} (resp. {@code b.size()}) elements of the arrays are written.
     *
     * @throws IllegalArgumentException if an output array is shorter than its set, or outputs overlap each other
     *                                  or the planes of the boxes; nothing is written then
     */
    public static void compute(Boxes a, Boxes b, float[] bestA, int[] argA, float[] bestB, int[] argB) {
        compute(a, b, bestA, argA, bestB, argB, null);
    }

    /**
     * {@link #compute(Boxes, Boxes, float[], int[], float[], int[])}, plus block maxima for a later pass that
     * looks for given IoU values (such as {@link IouTies}): when {@code blockMax} is not null,
     * {@code blockMax[k * M + j]} is at least the largest IoU of {@code b[j]} with the boxes
     * {@code [k * BLOCK, (k + 1) * BLOCK)} of {@code a} (M = {@code b.size()}). It is an upper bound, usually the
     * exact maximum; 0 when no box of the block can overlap {@code b[j]}.
     *
     * @param blockMax null, or at least {@code blocks(a.size()) * b.size()} elements
     * @throws IllegalArgumentException if an output array is shorter than needed; nothing is written then
     */
    public static void compute(Boxes a, Boxes b, float[] bestA, int[] argA, float[] bestB, int[] argB,
                               float[] blockMax) {
        Args.notNull(a, "a");
        Args.notNull(b, "b");
        Args.notNull(bestA, "bestA");
        Args.notNull(argA, "argA");
        Args.notNull(bestB, "bestB");
        Args.notNull(argB, "argB");
        int n = a.size(), m = b.size();
        Args.room(0, n, bestA.length, "bestA");
        Args.room(0, n, argA.length, "argA");
        Args.room(0, m, bestB.length, "bestB");
        Args.room(0, m, argB.length, "argB");
        if (blockMax != null) {
            Args.room(0, (long) blocks(n) * m, blockMax.length, "blockMax");
        }
        disjoint(a, b, bestA, bestB, blockMax);
        Args.disjoint(argA, 0, n, "argA", argB, 0, m, "argB");
        if (n == 0 || m == 0) {
            Arrays.fill(bestA, 0, n, 0f);
            Arrays.fill(argA, 0, n, -1);
            Arrays.fill(bestB, 0, m, 0f);
            Arrays.fill(argB, 0, m, -1);
            return;
        }
        IMPL.best(a, b, bestA, argA, bestB, argB, blockMax);
    }

    /** The float outputs must not overlap each other or the planes read. */
    private static void disjoint(Boxes a, Boxes b, float[] bestA, float[] bestB, float[] blockMax) {
        int n = a.size(), m = b.size();
        Args.disjoint(bestA, 0, n, "bestA", bestB, 0, m, "bestB");
        PlaneOverlap.check(bestA, 0, n, "bestA", a, 0, n, "a");
        PlaneOverlap.check(bestA, 0, n, "bestA", b, 0, m, "b");
        PlaneOverlap.check(bestB, 0, m, "bestB", a, 0, n, "a");
        PlaneOverlap.check(bestB, 0, m, "bestB", b, 0, m, "b");
        if (blockMax != null) {
            long k = (long) blocks(n) * m;
            Args.disjoint(blockMax, 0, k, "blockMax", bestA, 0, n, "bestA");
            Args.disjoint(blockMax, 0, k, "blockMax", bestB, 0, m, "bestB");
            PlaneOverlap.check(blockMax, 0, k, "blockMax", a, 0, n, "a");
            PlaneOverlap.check(blockMax, 0, k, "blockMax", b, 0, m, "b");
        }
    }
}
