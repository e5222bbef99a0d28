package dev.anchorvec.boxes;

import static dev.anchorvec.testkit.FloatChecks.assertSameBits;
import static dev.anchorvec.testkit.FloatChecks.matrixIndex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.anchorvec.reference.ReferenceBestMatch;
import dev.anchorvec.reference.ReferenceIou;
import dev.anchorvec.simd.Shapes;
import dev.anchorvec.testkit.BoxGen;
import dev.anchorvec.testkit.BoxPair;
import dev.anchorvec.testkit.Gen;
import dev.anchorvec.testkit.Prop;
import dev.anchorvec.testkit.Sizes;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The other property tests run the vector kernels from cold, so many of their cases run the Vector API's
 * Java fallback (interpreter or C1) rather than the C2 intrinsics that production uses; the two differ in
 * code paths (blends, masked tails, reductions). This test first runs every kernel long enough for C2 to
 * compile it, then checks it against the reference on fresh cases.
 */
class CompiledVectorKernelsTest {

    private static final Gen<BoxPair> CASES = BoxGen.all().twoSets(Sizes.laneEdges(), Sizes.laneEdges());

    @Test
    void compiledVectorKernelsEqualTheReference() {
        assumeTrue(IouImpls.vectorModulePresent(), "needs jdk.incubator.vector");
        IouKernels iou = IouImpls.vector();
        BestMatchKernels best = IouImpls.vectorBest();
        warmUp(iou, best);
        Prop.forAll("vector.compiled", 100, CASES, p -> {
            Boxes a = p.a().toBoxes(), b = p.b().toBoxes();
            int n = a.size(), m = b.size();
            float[] axy = p.a().toXyxy(), bxy = p.b().toXyxy();
            for (IouKind kind : IouKind.values()) {
                float[] out = new float[n * m];
                if (n > 0 && m > 0) {
                    iou.pairwise(kind, a, 0, n, b, 0, m, out, 0, m);
                }
                assertSameBits("compiled pairwise " + kind, ReferenceIou.matrix(kind, axy, bxy), out,
                        matrixIndex(m));
                int k = Math.min(n, m);
                float[] aligned = new float[k];
                if (k > 0) {
                    iou.aligned(kind, a, b, 0, k, aligned, 0);
                }
                float[] want = ReferenceIou.aligned(kind, Arrays.copyOf(axy, 4 * k),
                        Arrays.copyOf(bxy, 4 * k));
                assertSameBits("compiled aligned " + kind, want, aligned);
            }
            if (n > 0 && m > 0) {
                ReferenceBestMatch.Result want = ReferenceBestMatch.of(axy, bxy);
                float[] bestA = new float[n], bestB = new float[m];
                int[] argA = new int[n], argB = new int[m];
                best.best(a, b, bestA, argA, bestB, argB);
                assertSameBits("compiled bestA", want.bestA(), bestA);
                assertArrayEquals(want.argA(), argA, "compiled argA");
                assertSameBits("compiled bestB", want.bestB(), bestB);
                assertArrayEquals(want.argB(), argB, "compiled argB");
            }
        });
    }

    /** The same for the threshold tests and the per-box operations, checked with their own properties. */
    @Test
    void compiledOverlapAndBoxOpsKernelsEqualTheReference() {
        assumeTrue(IouImpls.vectorModulePresent(), "needs jdk.incubator.vector");
        OverlapKernels overlap = OverlapTestPropertyTest.vector();
        BoxOpsPropertyTest.Impl ops = BoxOpsPropertyTest.impls().getLast();
        BoxPair p = BoxGen.finite().twoSets(Sizes.of(3), Sizes.of(203)).generate(Prop.random(2));
        Boxes a = p.a().toBoxes(), b = p.b().toBoxes();
        long[] bits = new long[4];
        boolean[] mask = new boolean[203];
        float[] area = new float[203];
        int[] keep = new int[203];
        long start = System.nanoTime();
        for (int round = 0; round < 3000 || System.nanoTime() - start < 400_000_000L; round++) {
            double beta = IouThreshold.beta(0.5);
            overlap.test(a.x1(0), a.y1(0), a.x2(0), a.y2(0), b, 0, 203, beta, false, mask, 0, bits);
            overlap.test(a.x1(1), a.y1(1), a.x2(1), a.y2(1), b, 0, 203, beta, true, null, 0, null);
            ops.kernels().area(b, 0, 203, area, 0);
            ops.kernels().removeSmall(b, 3f, keep);
        }
        List<OverlapTestPropertyTest.Impl> kernel = List.of(new OverlapTestPropertyTest.Kernel("compiled", overlap));
        Prop.forAll("vector.compiled.overlap", 150, OverlapTestPropertyTest.CASES,
                c -> OverlapTestPropertyTest.check(c, kernel));
        Prop.forAll("vector.compiled.boxops", 150, BoxOpsPropertyTest.CASES,
                c -> BoxOpsPropertyTest.check(c, List.of(ops)));
    }

    /**
     * Calls every kernel until C2 has had the time and the invocation counts to compile it (tiered compilation
     * reaches C2 after about 15 000 invocations or loop iterations; each call here does hundreds).
     */
    private static void warmUp(IouKernels iou, BestMatchKernels best) {
        BoxPair p = BoxGen.finite().twoSets(Sizes.of(67), Sizes.of(203)).generate(Prop.random(1));
        Boxes a = p.a().toBoxes(), b = p.b().toBoxes();
        int n = a.size(), m = b.size();
        float[] out = new float[n * m];
        float[] bestA = new float[n], bestB = new float[m];
        int[] argA = new int[n], argB = new int[m];
        long start = System.nanoTime();
        long first = 0;
        int rounds = 0;
        while (rounds < 300 || System.nanoTime() - start < 600_000_000L) {
            long t = System.nanoTime();
            for (IouKind kind : IouKind.values()) {
                iou.pairwise(kind, a, 0, n, b, 0, m, out, 0, m);
                iou.aligned(kind, a, b, 0, n, out, 0);
            }
            best.best(a, b, bestA, argA, bestB, argB);
            if (rounds == 0) {
                first = System.nanoTime() - t;
            }
            rounds++;
        }
        long last = System.nanoTime();
        for (IouKind kind : IouKind.values()) {
            iou.pairwise(kind, a, 0, n, b, 0, m, out, 0, m);
            iou.aligned(kind, a, b, 0, n, out, 0);
        }
        best.best(a, b, bestA, argA, bestB, argB);
        last = System.nanoTime() - last;
        System.out.printf(Locale.ROOT, "[vector] %d lanes: warm-up %d rounds of %d x %d; first round %.2f ms, "
                + "last %.3f ms%n", Shapes.FL, rounds, n, m, first / 1e6, last / 1e6);
    }
}
