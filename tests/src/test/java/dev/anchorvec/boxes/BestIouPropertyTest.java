package dev.anchorvec.boxes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.reference.ReferenceBestMatch;
import dev.anchorvec.testkit.BoxGen;
import dev.anchorvec.testkit.BoxList;
import dev.anchorvec.testkit.BoxPair;
import dev.anchorvec.testkit.BoxStyle;
import dev.anchorvec.testkit.FloatChecks;
import dev.anchorvec.testkit.Gen;
import dev.anchorvec.testkit.Layout;
import dev.anchorvec.testkit.Prop;
import dev.anchorvec.testkit.Sizes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link BestIou} (facade, scalar and vector kernels) equals {@link ReferenceBestMatch} exactly: best values bit
 * for bit and the lowest index on ties. Anchor counts cross the vector kernel's 1024-anchor blocks; the
 * tie-heavy generator (integer grid, duplicates, nesting) makes many rows and columns tie exactly.
 */
class BestIouPropertyTest {

    /** Anchor counts: lane edges, and around the vector kernel's block of 1024 anchors. */
    private static final Gen<Integer> ANCHORS = Gen.oneOf(0, 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 19, 35, 61, 127,
            1023, 1024, 1025, 2047, 2048, 2049, 3075);
    private static final Gen<Integer> GT = Sizes.small();

    /** Both sets placed with offsets and NaN padding between planes. */
    record Case(BoxPair sets, Layout layoutA, Layout layoutB) {
        @Override
        public String toString() {
            return sets + "\n    layouts: a " + layoutA + ", b " + layoutB;
        }
    }

    private static final Gen<Case> MIXED = Gen.zip(BoxGen.all().twoSets(ANCHORS, GT), Layout.gen(), Layout.gen(),
            Case::new, Case::sets, Case::layoutA, Case::layoutB);
    /** Small integer boxes and copies: IoUs are ratios of small integers, so equal values are common. */
    private static final Gen<BoxPair> TIES = BoxGen.of(BoxStyle.GRID, BoxStyle.DUPLICATE).twoSets(ANCHORS, GT);

    /** One implementation of the reductions; each writes only the first n / m elements. */
    private interface Impl {
        String name();

        void best(Boxes a, Boxes b, float[] bestA, int[] argA, float[] bestB, int[] argB);
    }

    private record Kernel(String name, BestMatchKernels kernels) implements Impl {
        @Override
        public void best(Boxes a, Boxes b, float[] bestA, int[] argA, float[] bestB, int[] argB) {
            // Kernels require non-empty sets (the facade handles empty ones).
            if (a.size() > 0 && b.size() > 0) {
                kernels.best(a, b, bestA, argA, bestB, argB);
            } else {
                BestIou.compute(a, b, bestA, argA, bestB, argB);
            }
        }
    }

    private static final List<Impl> IMPLS = impls();

    private static List<Impl> impls() {
        List<Impl> impls = new ArrayList<>();
        impls.add(new Impl() {
            @Override
            public String name() {
                return "BestIou (" + dev.anchorvec.KernelInfo.summary() + ")";
            }

            @Override
            public void best(Boxes a, Boxes b, float[] bestA, int[] argA, float[] bestB, int[] argB) {
                BestIou.compute(a, b, bestA, argA, bestB, argB);
            }
        });
        impls.add(new Kernel("ScalarBestMatchKernels", new ScalarBestMatchKernels()));
        if (IouImpls.vectorModulePresent()) {
            impls.add(new Kernel("VectorBestMatchKernels", IouImpls.vectorBest()));
        }
        return List.copyOf(impls);
    }

    private static final float SENTINEL = IouPropertyTest.SENTINEL;
    private static final int EXTRA = 5;

    @Test
    void equalsReferenceOnMixedBoxes() {
        Prop.forAll("best.mixed", 200, MIXED, c -> check(c.sets(), c.layoutA(), c.layoutB(), null));
    }

    @Test
    void equalsReferenceWithManyExactTies() {
        AtomicLong tiedRows = new AtomicLong(), tiedColumns = new AtomicLong();
        int trials = 250;
        Prop.forAll("best.ties", trials, TIES,
                c -> check(c, Layout.PACKED, Layout.PACKED, new AtomicLong[] {tiedRows, tiedColumns}));
        // The generator must really produce ties, or this test would not test the tie rule.
        int scaled = Prop.scaledTrials(trials);
        assertTrue(tiedRows.get() >= 2L * scaled && tiedColumns.get() >= scaled / 3,
                "too few ties: rows " + tiedRows + ", columns " + tiedColumns);
        System.out.println("[best] tied rows " + tiedRows + ", tied columns " + tiedColumns);
    }

    private static void check(BoxPair c, Layout layoutA, Layout layoutB, AtomicLong[] ties) {
        ReferenceBestMatch.Result want = ReferenceBestMatch.of(c.a().toXyxy(), c.b().toXyxy());
        Boxes a = c.a().toBoxes(layoutA), b = c.b().toBoxes(layoutB);
        int n = a.size(), m = b.size();
        if (ties != null) {
            countTies(c, want, ties);
        }
        for (Impl impl : IMPLS) {
            float[] bestA = filled(n + EXTRA), bestB = filled(m + EXTRA);
            int[] argA = filledInts(n + EXTRA), argB = filledInts(m + EXTRA);
            impl.best(a, b, bestA, argA, bestB, argB);
            String what = impl.name() + " " + n + " x " + m;
            FloatChecks.assertSameBits(what + " bestA", want.bestA(), Arrays.copyOf(bestA, n));
            assertArrayEquals(want.argA(), Arrays.copyOf(argA, n), what + " argA");
            FloatChecks.assertSameBits(what + " bestB", want.bestB(), Arrays.copyOf(bestB, m));
            assertArrayEquals(want.argB(), Arrays.copyOf(argB, m), what + " argB");
            for (int k = 0; k < EXTRA; k++) {
                assertEquals(Float.floatToRawIntBits(SENTINEL), Float.floatToRawIntBits(bestA[n + k]), what
                        + " wrote bestA past a.size()");
                assertEquals(Float.floatToRawIntBits(SENTINEL), Float.floatToRawIntBits(bestB[m + k]), what
                        + " wrote bestB past b.size()");
                assertEquals(Integer.MIN_VALUE, argA[n + k], what + " wrote argA past a.size()");
                assertEquals(Integer.MIN_VALUE, argB[m + k], what + " wrote argB past b.size()");
            }
        }
    }

    /** Counts rows and columns whose best value is reached more than once. */
    private static void countTies(BoxPair c, ReferenceBestMatch.Result r, AtomicLong[] ties) {
        int n = c.a().size(), m = c.b().size();
        float[] iou = dev.anchorvec.reference.ReferenceIou.matrix(IouKind.IOU, c.a().toXyxy(), c.b().toXyxy());
        for (int i = 0; i < n; i++) {
            int hits = 0;
            for (int j = 0; j < m; j++) {
                hits += iou[i * m + j] == r.bestA()[i] ? 1 : 0;
            }
            ties[0].addAndGet(hits > 1 && r.bestA()[i] > 0 ? 1 : 0);
        }
        for (int j = 0; j < m; j++) {
            int hits = 0;
            for (int i = 0; i < n; i++) {
                hits += iou[i * m + j] == r.bestB()[j] ? 1 : 0;
            }
            ties[1].addAndGet(hits > 1 && r.bestB()[j] > 0 ? 1 : 0);
        }
    }

    @Test
    void emptySetsGiveZeroAndMinusOne() {
        BoxList some = BoxList.of(0, 0, 1, 1, 2, 2, 3, 3, 0, 0, 1, 1);
        for (Impl impl : IMPLS) {
            for (BoxPair p : List.of(new BoxPair(some, BoxList.EMPTY), new BoxPair(BoxList.EMPTY, some),
                    new BoxPair(BoxList.EMPTY, BoxList.EMPTY))) {
                int n = p.a().size(), m = p.b().size();
                float[] bestA = filled(n), bestB = filled(m);
                int[] argA = filledInts(n), argB = filledInts(m);
                impl.best(p.a().toBoxes(), p.b().toBoxes(), bestA, argA, bestB, argB);
                assertArrayEquals(new float[n], bestA, impl.name());
                assertArrayEquals(new float[m], bestB, impl.name());
                int[] minusOnesA = new int[n], minusOnesB = new int[m];
                Arrays.fill(minusOnesA, -1);
                Arrays.fill(minusOnesB, -1);
                assertArrayEquals(minusOnesA, argA, impl.name());
                assertArrayEquals(minusOnesB, argB, impl.name());
            }
        }
    }

    /**
     * Anchors in grid order (as tiling produces them) against gt boxes that touch, straddle or miss whole blocks of
     * anchors: the vector kernel culls blocks by their bounding box, which must never change a result. Integer
     * coordinates make boxes touch exactly at block edges; some anchors are inverted or NaN.
     */
    @Test
    void gridOrderedAnchorsEqualReference() {
        Gen<BoxPair> grid = rnd -> {
            int cols = 1 + rnd.nextInt(60), rows = 1 + rnd.nextInt(40), per = 1 + rnd.nextInt(3);
            int stride = 4 + rnd.nextInt(8);
            float[] a = new float[4 * cols * rows * per];
            int k = 0;
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < cols; x++) {
                    for (int p = 0; p < per; p++) {
                        int half = (p + 1) * stride / 2;
                        a[k++] = x * stride - half;
                        a[k++] = y * stride - half;
                        a[k++] = x * stride + half;
                        a[k++] = y * stride + half;
                        int odd = rnd.nextInt(200);
                        if (odd == 0) {
                            a[k - 4 + rnd.nextInt(4)] = Float.NaN;
                        } else if (odd == 1) {
                            float t = a[k - 4];
                            a[k - 4] = a[k - 2];
                            a[k - 2] = t;
                        }
                    }
                }
            }
            int m = rnd.nextInt(12);
            float[] b = new float[4 * m];
            for (int j = 0; j < m; j++) {
                int x1 = rnd.nextInt(cols * stride + 20) - 10, y1 = rnd.nextInt(rows * stride + 20) - 10;
                b[4 * j] = x1;
                b[4 * j + 1] = y1;
                b[4 * j + 2] = x1 + rnd.nextInt(3 * stride);
                b[4 * j + 3] = y1 + rnd.nextInt(3 * stride);
            }
            return new BoxPair(BoxList.of(a), BoxList.of(b));
        };
        Prop.forAll("best.grid", 150, grid, c -> check(c, Layout.PACKED, Layout.PACKED, null));
    }

    /**
     * More than 16 blocks of 256 anchors: unordered sets give culling up after 16 blocks that skipped nothing (and
     * the scalar kernel switches to its anchor-major loop); the results must not change at the switch.
     */
    @Test
    void setsBeyondTheCullingProbeEqualReference() {
        Gen<BoxPair> large = BoxGen.all().twoSets(Gen.oneOf(4097, 4351, 5003), Gen.oneOf(1, 7, 23));
        Prop.forAll("best.probe", 12, large, c -> check(c, Layout.PACKED, Layout.PACKED, null));
    }

    @Test
    void disjointBoxesGiveZeroAtTheFirstIndex() {
        // All IoUs 0: every best is 0 and the lowest index (0) wins, in every block of anchors.
        float[] a = new float[4 * 2100], b = new float[4 * 19];
        for (int i = 0; i < 2100; i++) {
            a[4 * i] = i * 10;
            a[4 * i + 1] = 0;
            a[4 * i + 2] = i * 10 + 1;
            a[4 * i + 3] = 1;
        }
        for (int j = 0; j < 19; j++) {
            b[4 * j] = j * 10;
            b[4 * j + 1] = 5;
            b[4 * j + 2] = j * 10 + 1;
            b[4 * j + 3] = 6;
        }
        BoxPair p = new BoxPair(BoxList.of(a), BoxList.of(b));
        check(p, Layout.PACKED, Layout.PACKED, null);
        BestIou.Result r = BestIou.compute(p.a().toBoxes(), p.b().toBoxes());
        assertTrue(Arrays.stream(r.argA()).allMatch(x -> x == 0));
        assertTrue(Arrays.stream(r.argB()).allMatch(x -> x == 0));
    }

    @Test
    void allocatingFormMatchesTheReference() {
        Prop.forAll("best.allocating", 50, TIES, c -> {
            ReferenceBestMatch.Result want = ReferenceBestMatch.of(c.a().toXyxy(), c.b().toXyxy());
            BestIou.Result got = BestIou.compute(c.a().toBoxes(), c.b().toBoxes());
            FloatChecks.assertSameBits("bestA", want.bestA(), got.bestA());
            assertArrayEquals(want.argA(), got.argA());
            FloatChecks.assertSameBits("bestB", want.bestB(), got.bestB());
            assertArrayEquals(want.argB(), got.argB());
        });
    }

    private static float[] filled(int n) {
        float[] x = new float[n];
        Arrays.fill(x, SENTINEL);
        return x;
    }

    private static int[] filledInts(int n) {
        int[] x = new int[n];
        Arrays.fill(x, Integer.MIN_VALUE);
        return x;
    }
}
