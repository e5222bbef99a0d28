package dev.anchorvec.boxes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.reference.ReferenceBestMatch;
import dev.anchorvec.reference.ReferenceIou;
import dev.anchorvec.simd.Simd;
import dev.anchorvec.testkit.BoxGen;
import dev.anchorvec.testkit.BoxPair;
import dev.anchorvec.testkit.BoxStyle;
import dev.anchorvec.testkit.Gen;
import dev.anchorvec.testkit.Prop;
import dev.anchorvec.testkit.Sizes;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link IouTies} (facade, scalar and vector kernels, bit-exact with each other) against the reference: for
 * each anchor the highest gt whose reference IoU equals the target exactly. Targets are the gts' best IoUs
 * (what low-quality matching passes), with some gts left out by NaN. Anchor counts cross the vector kernel's
 * 256-anchor blocks and its short last block (which re-reads lanes of the previous block).
 */
class IouTiesPropertyTest {

    private static final Gen<Integer> ANCHORS = Gen.oneOf(0, 1, 3, 7, 8, 9, 15, 16, 17, 33, 127, 1023, 1024, 1025,
            1027, 2049, 3075);
    private static final Gen<BoxPair> MIXED = BoxGen.all().twoSets(ANCHORS, Sizes.small());
    private static final Gen<BoxPair> TIES = BoxGen.of(BoxStyle.GRID, BoxStyle.DUPLICATE, BoxStyle.FAR)
            .twoSets(ANCHORS, Sizes.small());

    private static List<TieKernels> kernels() {
        List<TieKernels> k = new ArrayList<>();
        k.add(new ScalarTieKernels());
        if (IouImpls.vectorModulePresent()) {
            k.add(Simd.loadVector(MethodHandles.lookup(), TieKernels.class, "dev.anchorvec.boxes.VectorTieKernels"));
        }
        return k;
    }

    private static final List<TieKernels> KERNELS = kernels();
    private static final List<BestMatchKernels> BEST = IouImpls.vectorModulePresent()
            ? List.of(new ScalarBestMatchKernels(), IouImpls.vectorBest()) : List.of(new ScalarBestMatchKernels());

    /**
     * Block maxima are upper bounds of each block's true maximum (reference IoU, NaN as 0), and no larger than the
     * maximum over the block and the L lanes before it (the vector kernel's last step may reach back).
     */
    static void checkBlockMaxima(float[] iou, int n, int m, float[] blockMax, String what) {
        for (int k = 0; k < BestIou.blocks(n); k++) {
            for (int j = 0; j < m; j++) {
                float exact = 0f, loose = 0f;
                for (int i = Math.max(0, k * BestIou.BLOCK - 16); i < Math.min(n, (k + 1) * BestIou.BLOCK); i++) {
                    float v = iou[i * m + j];
                    loose = Math.max(loose, v);
                    exact = i >= k * BestIou.BLOCK ? Math.max(exact, v) : exact;
                }
                float got = blockMax[k * m + j];
                assertTrue(got >= exact && got <= loose, what + " blockMax[" + k + "][" + j + "] = " + got
                        + ", block maximum " + exact + ", with the lanes before " + loose);
            }
        }
    }

    @Test
    void equalsReferenceOnMixedBoxes() {
        Prop.forAll("ties.mixed", 200, MIXED, c -> check(c, null));
    }

    @Test
    void equalsReferenceWithManyTies() {
        AtomicLong multi = new AtomicLong();
        int trials = 200;
        Prop.forAll("ties.grid", trials, TIES, c -> check(c, multi));
        assertTrue(multi.get() >= Prop.scaledTrials(trials), "too few anchors tying two gts: " + multi);
    }

    private static void check(BoxPair c, AtomicLong multi) {
        float[] a = c.a().toXyxy(), b = c.b().toXyxy();
        int n = a.length / 4, m = b.length / 4;
        float[] target = ReferenceBestMatch.of(a, b).bestB().clone();
        for (int j = 0; j < m; j += 3) {
            target[j] = j % 2 == 0 ? target[j] : Float.NaN; // every 6th gt left out
        }
        float[] iou = ReferenceIou.matrix(IouKind.IOU, a, b);
        int[] want = new int[n];
        for (int i = 0; i < n; i++) {
            want[i] = -1;
            int hits = 0;
            for (int j = 0; j < m; j++) {
                if (iou[i * m + j] == target[j]) {
                    want[i] = j;
                    hits++;
                }
            }
            if (multi != null && hits > 1) {
                multi.incrementAndGet();
            }
        }
        Boxes ba = c.a().toBoxes(), bb = c.b().toBoxes();
        int[] out = new int[n + 3];
        Arrays.fill(out, Integer.MIN_VALUE);
        IouTies.lastEqual(ba, bb, target, out);
        assertArrayEquals(want, Arrays.copyOf(out, n), "IouTies " + n + " x " + m);
        assertEquals(Integer.MIN_VALUE, out[n], "wrote past a.size()");
        if (n > 0 && m > 0) {
            List<float[]> maxima = new ArrayList<>();
            for (BestMatchKernels best : BEST) {
                float[] blockMax = new float[BestIou.blocks(n) * m];
                best.best(ba, bb, new float[n], new int[n], new float[m], new int[m], blockMax);
                checkBlockMaxima(iou, n, m, blockMax, best.getClass().getSimpleName());
                maxima.add(blockMax);
            }
            for (float[] blockMax : maxima) {
                Arrays.fill(out, Integer.MIN_VALUE);
                IouTies.lastEqual(ba, bb, target, out, blockMax);
                assertArrayEquals(want, Arrays.copyOf(out, n), "IouTies with block maxima " + n + " x " + m);
            }
            for (TieKernels k : KERNELS) {
                for (float[] blockMax : maxima) {
                    int[] o = new int[n];
                    k.lastEqual(ba, bb, target, o, null);
                    assertArrayEquals(want, o, k.getClass().getSimpleName() + " " + n + " x " + m);
                    k.lastEqual(ba, bb, target, o, blockMax);
                    assertArrayEquals(want, o, k.getClass().getSimpleName() + " (block maxima) " + n + " x " + m);
                }
            }
        }
    }

    @Test
    void badArgumentsWriteNothing() {
        Boxes a = Boxes.ofXyxy(0, 0, 1, 1, 0, 0, 2, 2), b = Boxes.ofXyxy(0, 0, 1, 1);
        int[] out = {7, 7};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IouTies.lastEqual(a, b, new float[0], out));
        assertTrue(e.getMessage().startsWith("target"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> IouTies.lastEqual(a, b, new float[1], new int[1]));
        assertTrue(e.getMessage().startsWith("out"), e.getMessage());
        assertArrayEquals(new int[] {7, 7}, out);
        IouTies.lastEqual(a, Boxes.allocate(0), new float[0], out);
        assertArrayEquals(new int[] {-1, -1}, out);
    }
}
