package dev.anchorvec.boxes;

import static jdk.incubator.vector.VectorOperators.MAX;
import static jdk.incubator.vector.VectorOperators.MIN;

import dev.anchorvec.simd.Shapes;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Bounding boxes of blocks of {@link BestIou#BLOCK} boxes, for culling: per block the smallest {@code x1} and
 * {@code y1} and the largest {@code x2} and {@code y2}. NaN propagates ({@code Math.min} / {@code Math.max}
 * semantics), so a block holding a NaN coordinate is never culled.
 *
 * <p>Callers go through {@link #fill}, which calls the loop through a non-constant {@link MethodHandle}: C2 never
 * inlines it, so the bounds loop is its own compilation and the caller keeps room for its sweep loop. Inlined into
 * the block loop together with the sweep, it pushed that compilation over C2's node budget and boxed vectors
 * (200 KB per call with 100 gt boxes, depending on compile order).
 */
final class BlockBounds {

    private static final VectorSpecies<Float> F = Shapes.F;
    private static final int L = Shapes.FL;
    private static final int BLOCK = BestIou.BLOCK;
    /** Read from an array, so not a constant: calls through it are never inlined. */
    private static final MethodHandle[] LOOP = {loop()};

    private BlockBounds() {}

    private static MethodHandle loop() {
        try {
            return MethodHandles.lookup().findStatic(BlockBounds.class, "compute", MethodType.methodType(void.class,
                    float[].class, int.class, int.class, int.class, int.class, int.class, int.class, int.class,
                    float[].class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes the bounds of blocks {@code [fromBlock, toBlock)} of the {@code n >= L} boxes with planes at
     * {@code a0..a3} to {@code out[4 * (k - fromBlock) ...]}: min x1, min y1, max x2, max y2. A short last block
     * reaches back into the previous one (a looser bound is still a bound).
     */
    static void fill(float[] ad, int a0, int a1, int a2, int a3, int n, int fromBlock, int toBlock, float[] out) {
        try {
            LOOP[0].invokeExact(ad, a0, a1, a2, a3, n, fromBlock, toBlock, out);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static void compute(float[] ad, int a0, int a1, int a2, int a3, int n, int fromBlock, int toBlock,
                                float[] out) {
        for (int k = fromBlock; k < toBlock; k++) {
            int e = Math.min(n, (k + 1) * BLOCK);
            int from = Math.min(k * BLOCK, e - L);
            FloatVector x1 = FloatVector.fromArray(F, ad, a0 + from), y1 = FloatVector.fromArray(F, ad, a1 + from);
            FloatVector x2 = FloatVector.fromArray(F, ad, a2 + from), y2 = FloatVector.fromArray(F, ad, a3 + from);
            int last = e - L;
            for (int i = from + L; i < e; i += L) {
                int j = Math.min(i, last);
                x1 = x1.min(FloatVector.fromArray(F, ad, a0 + j));
                y1 = y1.min(FloatVector.fromArray(F, ad, a1 + j));
                x2 = x2.max(FloatVector.fromArray(F, ad, a2 + j));
                y2 = y2.max(FloatVector.fromArray(F, ad, a3 + j));
            }
            int o = 4 * (k - fromBlock);
            out[o] = x1.reduceLanes(MIN);
            out[o + 1] = y1.reduceLanes(MIN);
            out[o + 2] = x2.reduceLanes(MAX);
            out[o + 3] = y2.reduceLanes(MAX);
        }
    }
}
