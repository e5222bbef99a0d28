package dev.anchorvec.boxes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.reference.ReferenceIou;
import dev.anchorvec.simd.Simd;
import dev.anchorvec.testkit.BoxGen;
import dev.anchorvec.testkit.BoxPair;
import dev.anchorvec.testkit.Gen;
import dev.anchorvec.testkit.Layout;
import dev.anchorvec.testkit.Prop;
import dev.anchorvec.testkit.Sizes;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The division-free threshold test equals "the float32 IoU the reference computes, compared with the threshold
 * as a double, is greater" exactly, for the facade and both kernels, in all three output forms, for thresholds
 * that sit exactly on an IoU, one ulp either side of it, on round values (0.3 as a double is below 0.3f), and
 * at the ends (negative, 0, 1, above 1).
 */
class OverlapTestPropertyTest {

    /** Probes {@code a} against others {@code b}; the threshold comes from {@code choice} and {@code u}. */
    record Case(BoxPair sets, Layout layout, int choice, double u, int from, int to) {
        @Override
        public String toString() {
            return sets + "\n    layout " + layout + ", choice " + choice + ", u " + u + ", range [" + from + ", "
                    + to + ")";
        }
    }

    private static final double[] SPECIAL = {0.0, -0.0, 0.3, 0.5, 0.45, 0.7, 1.0, -0.5, 1.5, Double.MIN_VALUE,
        Float.MIN_VALUE, 0.3f, 0.5f, Math.nextUp(0.5), 1e-30};

    static final Gen<Case> CASES = rnd -> {
        BoxPair sets = BoxGen.all().twoSets(Sizes.of(1, 2, 3), Sizes.edges(140, 0.05)).generate(rnd);
        int m = sets.b().size();
        int from = m == 0 ? 0 : rnd.nextInt(0, Math.max(1, m / 4));
        int to = m == 0 ? 0 : rnd.nextInt(from, m + 1);
        return new Case(sets, Layout.gen().generate(rnd), rnd.nextInt(0, 6), rnd.nextDouble(), from, to);
    };

    /** One implementation of the three forms. */
    interface Impl {
        String name();

        int count(Boxes a, int i, Boxes others, int from, int to, double t);

        int mask(Boxes a, int i, Boxes others, int from, int to, double t, boolean[] mask, int offset);

        int bits(Boxes a, int i, Boxes others, int from, int to, double t, long[] bits);
    }

    private record Facade() implements Impl {
        public String name() {
            return "OverlapTest";
        }

        public int count(Boxes a, int i, Boxes others, int from, int to, double t) {
            return OverlapTest.countAbove(a, i, others, from, to, t);
        }

        public int mask(Boxes a, int i, Boxes others, int from, int to, double t, boolean[] mask, int offset) {
            return OverlapTest.maskAbove(a, i, others, from, to, t, mask, offset);
        }

        public int bits(Boxes a, int i, Boxes others, int from, int to, double t, long[] bits) {
            return OverlapTest.bitsAbove(a, i, others, from, to, t, bits);
        }
    }

    /** A kernel class, called as the facade calls it (it only sees {@code TEST} thresholds and non-empty ranges). */
    record Kernel(String name, OverlapKernels k) implements Impl {
        public int count(Boxes a, int i, Boxes others, int from, int to, double t) {
            return run(a, i, others, from, to, t, null, 0, null, () -> OverlapTest.countAbove(a, i, others, from,
                    to, t));
        }

        public int mask(Boxes a, int i, Boxes others, int from, int to, double t, boolean[] mask, int offset) {
            return run(a, i, others, from, to, t, mask, offset, null, () -> OverlapTest.maskAbove(a, i, others, from,
                    to, t, mask, offset));
        }

        public int bits(Boxes a, int i, Boxes others, int from, int to, double t, long[] bits) {
            return run(a, i, others, from, to, t, null, 0, bits, () -> OverlapTest.bitsAbove(a, i, others, from, to,
                    t, bits));
        }

        private int run(Boxes a, int i, Boxes o, int from, int to, double t, boolean[] mask, int offset, long[] bits,
                        java.util.function.IntSupplier facade) {
            if (IouThreshold.mode(t) != IouThreshold.TEST || to == from) {
                return facade.getAsInt();
            }
            return k.test(a.x1(i), a.y1(i), a.x2(i), a.y2(i), o, from, to, IouThreshold.beta(t),
                    IouThreshold.inclusive(t), mask, offset, bits);
        }
    }

    static List<Impl> impls() {
        List<Impl> impls = new ArrayList<>(List.of(new Facade(), new Kernel("ScalarOverlapKernels",
                new ScalarOverlapKernels())));
        if (IouImpls.vectorModulePresent()) {
            impls.add(new Kernel("VectorOverlapKernels", vector()));
        }
        return impls;
    }

    static OverlapKernels vector() {
        return Simd.loadVector(MethodHandles.lookup(), OverlapKernels.class,
                "dev.anchorvec.boxes.VectorOverlapKernels");
    }

    /** The threshold a case asks for: an IoU of the case itself, one ulp away from one, or a fixed value. */
    static double threshold(Case c, float[] axy, float[] bxy, int probe) {
        int m = bxy.length / 4;
        float iou = m == 0 ? 0.5f : ReferenceIou.value(IouKind.IOU, axy, probe, bxy, (int) (c.u() * m));
        return switch (c.choice()) {
            case 0 -> iou;
            case 1 -> Math.nextUp((double) iou);
            case 2 -> Math.nextDown((double) iou);
            case 3 -> Math.nextDown(iou);
            case 4 -> SPECIAL[(int) (c.u() * SPECIAL.length)];
            default -> c.u() * 1.2 - 0.1;
        };
    }

    @Test
    void everyFormEqualsTheReferenceComparison() {
        List<Impl> impls = impls();
        Prop.forAll("overlap.threshold", 400, CASES, c -> check(c, impls));
    }

    /** Checks one case against every implementation given (also used on C2-compiled kernels). */
    static void check(Case c, List<Impl> impls) {
        float[] axy = c.sets().a().toXyxy(), bxy = c.sets().b().toXyxy();
        Boxes a = c.sets().a().toBoxes(), others = c.sets().b().toBoxes(c.layout());
        int n = c.to() - c.from();
        for (int probe = 0; probe < a.size(); probe++) {
            double t = threshold(c, axy, bxy, probe);
            boolean[] want = new boolean[n];
            int wantCount = 0;
            for (int k = 0; k < n; k++) {
                want[k] = ReferenceIou.value(IouKind.IOU, axy, probe, bxy, c.from() + k) > t;
                wantCount += want[k] ? 1 : 0;
            }
            long[] wantBits = new long[(n + 63) / 64 + 1];
            for (int k = 0; k < n; k++) {
                wantBits[k >>> 6] |= want[k] ? 1L << k : 0;
            }
            wantBits[wantBits.length - 1] = 0x5eed;   // past the words the call may write
            for (Impl impl : impls) {
                String what = impl.name() + " t=" + t + " probe " + probe;
                assertEquals(wantCount, impl.count(a, probe, others, c.from(), c.to(), t), what + " count");
                boolean[] mask = new boolean[n + 5];
                Arrays.fill(mask, true);
                assertEquals(wantCount, impl.mask(a, probe, others, c.from(), c.to(), t, mask, 3), what + " mask");
                assertArrayEquals(want, Arrays.copyOfRange(mask, 3, 3 + n), what + " mask entries");
                assertTrue(mask[0] && mask[1] && mask[2] && mask[n + 3] && mask[n + 4], what + " mask outside");
                long[] bits = new long[wantBits.length];
                Arrays.fill(bits, -1L);
                bits[bits.length - 1] = 0x5eed;
                assertEquals(wantCount, impl.bits(a, probe, others, c.from(), c.to(), t, bits), what + " bits");
                assertArrayEquals(wantBits, bits, what + " bit words");
            }
        }
    }

    @Test
    void strictAtTheThresholdAsTorchvisionCompares() {
        // IoU exactly 0.5 (inter 50, union 100) is not above 0.5.
        Boxes probe = Boxes.ofXyxy(0, 0, 10, 10);
        Boxes half = Boxes.ofXyxy(0, 0, 10, 5);
        assertEquals(0.5f, BoxIou.of(IouKind.IOU, 0, 0, 10, 10, 0, 0, 10, 5));
        assertEquals(0, OverlapTest.countAbove(probe, 0, half, 0, 1, 0.5));
        assertEquals(1, OverlapTest.countAbove(probe, 0, half, 0, 1, Math.nextDown(0.5)));
        // An IoU of exactly 0.3f (3 / 10) is above the double 0.3 (0.3f = 0.30000001...), as in torchvision's
        // exact_iou_pairs_t0.3 conformance case, but not above the float 0.3f itself.
        Boxes third = Boxes.ofXyxy(0, 0, 3, 10);
        assertEquals(0.3f, BoxIou.of(IouKind.IOU, 0, 0, 10, 10, 0, 0, 3, 10));
        assertEquals(1, OverlapTest.countAbove(probe, 0, third, 0, 1, 0.3));
        assertEquals(0, OverlapTest.countAbove(probe, 0, third, 0, 1, 0.3f));
    }

    /**
     * The one place where "inter equals beta * union" happens: a quotient of floats can only fall exactly
     * between two floats when it is subnormal. Here inter = 2^-149 and union = 2, so inter / union = 2^-150,
     * halfway between 0 and the smallest float; the division rounds it to even (0), so the IoU is 0 and is not
     * above 0. Every implementation must agree, the vector one included (37 others: more than any lane count).
     */
    @Test
    void aSubnormalQuotientExactlyHalfwayRoundsToEvenAsTheDivisionDoes() {
        float w = Math.scalb(1f, -75), h = Math.scalb(1f, -74);
        Boxes probe = Boxes.ofXyxy(0, 0, w, h);
        float[] big = new float[4 * 37];
        for (int k = 0; k < 37; k++) {
            big[4 * k + 2] = 1;
            big[4 * k + 3] = 2;
        }
        Boxes others = Boxes.ofXyxy(big);
        assertEquals(0f, ReferenceIou.value(IouKind.IOU, 0, 0, w, h, 0, 0, 1, 2));
        assertEquals(0f, BoxIou.of(IouKind.IOU, 0, 0, w, h, 0, 0, 1, 2));
        for (Impl impl : impls()) {
            assertEquals(0, impl.count(probe, 0, others, 0, 37, 0.0), impl.name() + " at 0");
            assertEquals(37, impl.count(probe, 0, others, 0, 37, -Double.MIN_VALUE), impl.name() + " below 0");
        }
        // One step up, the quotient is above the midpoint and rounds to the smallest float, which is above 0.
        Boxes smaller = Boxes.ofXyxy(0, 0, 1, Math.nextDown(2f));
        assertEquals(Float.MIN_VALUE, BoxIou.of(IouKind.IOU, 0, 0, w, h, 0, 0, 1, Math.nextDown(2f)));
        assertEquals(1, OverlapTest.countAbove(probe, 0, smaller, 0, 1, 0.0));
    }

    @Test
    void emptyAndUndefinedPairsAreNeverAboveANonNegativeThreshold() {
        // Identical points (union 0), a NaN box and a disjoint box: IoU 0 for all.
        Boxes probe = Boxes.ofXyxy(5, 5, 5, 5);
        Boxes others = Boxes.ofXyxy(5, 5, 5, 5, Float.NaN, 0, 10, 10, 20, 20, 30, 30);
        assertEquals(0, OverlapTest.countAbove(probe, 0, others, 0, 3, 0.0));
        // A negative threshold counts every pair, undefined ones included (their IoU is 0).
        assertEquals(3, OverlapTest.countAbove(probe, 0, others, 0, 3, -1e-9));
        long[] bits = {-1L};
        assertEquals(3, OverlapTest.bitsAbove(probe, 0, others, 0, 3, -1, bits));
        assertEquals(0b111L, bits[0]);
        assertEquals(0, OverlapTest.bitsAbove(probe, 0, others, 0, 3, 2.0, bits));
        assertEquals(0L, bits[0]);
        boolean[] mask = {true, true, true};
        OverlapTest.maskAbove(probe, 0, others, 0, 3, 1.0, mask, 0);
        assertFalse(mask[0] || mask[1] || mask[2]);
    }
}
