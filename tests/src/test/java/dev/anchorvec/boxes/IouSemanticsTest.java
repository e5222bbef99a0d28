package dev.anchorvec.boxes;

import static dev.anchorvec.testkit.FloatChecks.assertNoNaN;
import static dev.anchorvec.testkit.FloatChecks.matrixIndex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anchorvec.testkit.Box;
import dev.anchorvec.testkit.BoxGen;
import dev.anchorvec.testkit.BoxList;
import dev.anchorvec.testkit.BoxPair;
import dev.anchorvec.testkit.BoxStyle;
import dev.anchorvec.testkit.FloatChecks;
import dev.anchorvec.testkit.Gen;
import dev.anchorvec.testkit.Prop;
import dev.anchorvec.testkit.Sizes;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The documented semantics, checked directly rather than through the reference: never NaN for finite input
 * (huge, tiny and far boxes included) and values in their ranges; a NaN coordinate gives 0; an inverted box
 * is empty; symmetry; exact values where the definition forces them.
 */
class IouSemanticsTest {

    private static final Gen<BoxPair> FINITE = BoxGen.finite().twoSets(Sizes.laneEdges(), Sizes.small());
    /**
     * Finite and not inverted: the ranges below hold for these only. An inverted box's centre can lie outside
     * the enclosing box of the raw coordinates, so its DIoU and CIoU can be below -1 (for example
     * {@code [0, 2, 0, 0]} against {@code [0, 8, 1, 9]} gives DIoU -1.13), same as torchvision's formula.
     */
    private static final Gen<BoxPair> VALID = BoxGen.finite().without(BoxStyle.INVERTED)
            .twoSets(Sizes.laneEdges(), Sizes.small());
    private static final Gen<BoxPair> EXTREME = BoxGen.of(BoxStyle.HUGE, BoxStyle.TINY, BoxStyle.FAR,
            BoxStyle.DEGENERATE, BoxStyle.DUPLICATE, BoxStyle.JITTER).twoSets(Sizes.laneEdges(), Sizes.small());

    /** Closed range of each kind for valid input (CIoU: DIoU minus {@code alpha * v <= 0.5}). */
    private static float lowest(IouKind kind) {
        return switch (kind) {
            case IOU, IOA_A, IOA_B -> 0f;
            case GIOU, DIOU -> -1f;
            case CIOU -> -1.5f;
        };
    }

    @ParameterizedTest
    @EnumSource(IouKind.class)
    void validInputNeverGivesNaNAndStaysInRange(IouKind kind) {
        Prop.Property<BoxPair> inRange = p -> {
            Boxes a = p.a().toBoxes(), b = p.b().toBoxes();
            int n = a.size(), m = b.size();
            for (IouImpls.Impl impl : IouImpls.all()) {
                float[] out = new float[n * m];
                impl.pairwise(kind, a, 0, n, b, 0, m, out, 0, m);
                String what = impl.name() + " " + kind;
                assertNoNaN(what, out, matrixIndex(m));
                for (int k = 0; k < out.length; k++) {
                    // DIoU's centre distance and diagonal are rounded separately, so allow one ulp past -1.
                    if (!(out[k] >= lowest(kind) - 1e-6f && out[k] <= 1f)) {
                        throw new AssertionError(String.format(Locale.ROOT, "%s out of range at (%d, %d): %s", what,
                                k / m, k % m, FloatChecks.describe(out[k])));
                    }
                }
            }
        };
        Prop.forAll("iou.range." + kind, 150, VALID, inRange);
        Prop.forAll("iou.range.extreme." + kind, 150, EXTREME, inRange);
    }

    @Test
    void aNaNCoordinateGivesZeroForEveryKind() {
        // Shrinking reuses the pair shrinker: candidates that lose the NaN simply pass and are not kept.
        Gen<BoxPair> withNaN = ((Gen<BoxPair>) rnd -> poison(FINITE.generate(rnd), rnd.nextInt(1 << 20)))
                .withShrinker(FINITE::shrink);
        Prop.forAll("iou.nan", 150, withNaN, p -> {
            Boxes a = p.a().toBoxes(), b = p.b().toBoxes();
            int n = a.size(), m = b.size();
            for (IouKind kind : IouKind.values()) {
                for (IouImpls.Impl impl : IouImpls.all()) {
                    float[] out = new float[n * m];
                    impl.pairwise(kind, a, 0, n, b, 0, m, out, 0, m);
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < m; j++) {
                            if (hasNaN(p.a().get(i)) || hasNaN(p.b().get(j))) {
                                assertEquals(0, Float.floatToRawIntBits(out[i * m + j]), () -> impl.name() + " "
                                        + kind + " with a NaN coordinate must be +0");
                            }
                        }
                    }
                }
            }
        });
    }

    /** Puts NaN into one coordinate of one box of each set, chosen by {@code r}. */
    private static BoxPair poison(BoxPair p, int r) {
        BoxList a = p.a(), b = p.b();
        if (a.size() > 0) {
            a = a.with(r % a.size(), a.get(r % a.size()).with(r % 4, Float.NaN));
        }
        if (b.size() > 0) {
            int k = (r >>> 4) % b.size();
            b = b.with(k, b.get(k).with((r >>> 2) % 4, Float.NaN));
        }
        return new BoxPair(a, b);
    }

    private static boolean hasNaN(Box b) {
        return Float.isNaN(b.x1()) || Float.isNaN(b.y1()) || Float.isNaN(b.x2()) || Float.isNaN(b.y2());
    }

    @Test
    void finiteInputNeverGivesNaN() {
        Prop.forAll("iou.finite", 150, FINITE, p -> {
            Boxes a = p.a().toBoxes(), b = p.b().toBoxes();
            int n = a.size(), m = b.size();
            for (IouKind kind : IouKind.values()) {
                for (IouImpls.Impl impl : IouImpls.all()) {
                    float[] out = new float[n * m];
                    impl.pairwise(kind, a, 0, n, b, 0, m, out, 0, m);
                    assertNoNaN(impl.name() + " " + kind, out, matrixIndex(m));
                    for (int k = 0; k < out.length; k++) {
                        if (Float.isInfinite(out[k])) {
                            throw new AssertionError(impl.name() + " " + kind + " infinite at " + k);
                        }
                    }
                }
            }
        });
    }

    @Test
    void anyInputNeverGivesNaN() {
        Prop.forAll("iou.nonfinite", 150, BoxGen.all().twoSets(Sizes.laneEdges(), Sizes.small()), p -> {
            Boxes a = p.a().toBoxes(), b = p.b().toBoxes();
            int n = a.size(), m = b.size();
            for (IouKind kind : IouKind.values()) {
                for (IouImpls.Impl impl : IouImpls.all()) {
                    float[] out = new float[n * m];
                    impl.pairwise(kind, a, 0, n, b, 0, m, out, 0, m);
                    assertNoNaN(impl.name() + " " + kind, out, matrixIndex(m));
                }
            }
        });
    }

    @Test
    void anInvertedBoxIsEmpty() {
        Gen<BoxList> inverted = BoxGen.of(BoxStyle.INVERTED).lists(Sizes.small());
        // Shrink candidates must stay inverted, or a correct kernel would "fail" on them.
        Gen<BoxPair> self = inverted.<BoxPair>map(a -> new BoxPair(a, a))
                .withShrinker(p -> p.a().shrink().map(a -> new BoxPair(a, a)))
                .filter(p -> allInverted(p.a()));
        Gen<BoxPair> others = Gen.zip(inverted, BoxGen.finite().lists(Sizes.small()), BoxPair::new, BoxPair::a,
                BoxPair::b).filter(p -> allInverted(p.a()));
        Prop.forAll("iou.inverted.self", 100, self, IouSemanticsTest::checkZeroOverlap);
        Prop.forAll("iou.inverted.others", 150, others, IouSemanticsTest::checkZeroOverlap);
    }

    private static boolean allInverted(BoxList l) {
        return l.boxes().stream().allMatch(b -> b.x2() < b.x1() || b.y2() < b.y1());
    }

    /** Every box of {@code a} is inverted: IoU and both IoAs with anything are 0. */
    private static void checkZeroOverlap(BoxPair p) {
        Boxes a = p.a().toBoxes(), b = p.b().toBoxes();
        int n = a.size(), m = b.size();
        for (IouKind kind : new IouKind[] {IouKind.IOU, IouKind.IOA_A, IouKind.IOA_B}) {
            for (IouImpls.Impl impl : IouImpls.all()) {
                float[] out = new float[n * m];
                impl.pairwise(kind, a, 0, n, b, 0, m, out, 0, m);
                for (int k = 0; k < out.length; k++) {
                    assertEquals(0, Float.floatToRawIntBits(out[k]), impl.name() + " " + kind + " at "
                            + matrixIndex(m).apply(k) + " = " + out[k]);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(IouKind.class)
    void swappingTheSetsTransposesTheMatrix(IouKind kind) {
        IouKind swapped = kind == IouKind.IOA_A ? IouKind.IOA_B : kind == IouKind.IOA_B ? IouKind.IOA_A : kind;
        Prop.forAll("iou.symmetry." + kind, 100, FINITE, p -> {
            Boxes a = p.a().toBoxes(), b = p.b().toBoxes();
            int n = a.size(), m = b.size();
            float[] ab = BoxIou.pairwise(kind, a, b);
            float[] ba = BoxIou.pairwise(swapped, b, a);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    if (Float.floatToRawIntBits(ab[i * m + j]) != Float.floatToRawIntBits(ba[j * n + i])) {
                        throw new AssertionError(kind + "(a[" + i + "], b[" + j + "]) = "
                                + FloatChecks.describe(ab[i * m + j]) + " but " + swapped + "(b[" + j + "], a[" + i
                                + "]) = " + FloatChecks.describe(ba[j * n + i]));
                    }
                }
            }
        });
    }

    @ParameterizedTest
    @EnumSource(IouKind.class)
    void aBoxWithItselfIsExactlyOne(IouKind kind) {
        Gen<BoxList> proper = BoxGen.finite().without(BoxStyle.DEGENERATE, BoxStyle.INVERTED, BoxStyle.TINY)
                .lists(Sizes.laneEdges());
        Prop.forAll("iou.self." + kind, 80, proper, l -> {
            Boxes a = l.toBoxes();
            float[] out = BoxIou.aligned(kind, a, a);
            for (int i = 0; i < out.length; i++) {
                Box b = l.get(i);
                float area = Math.max(0, b.width()) * Math.max(0, b.height());
                // A box whose area rounds to 0 (or overflows) has no defined IoU with itself: 0 by contract.
                float want = area > 0 && area < Float.POSITIVE_INFINITY ? 1f : 0f;
                assertEquals(want, out[i], kind + " of " + b + " with itself");
            }
        });
    }

    @Test
    void undefinedValuesAreZero() {
        for (IouKind kind : IouKind.values()) {
            // Both boxes empty: the union is 0.
            assertEquals(0f, BoxIou.of(kind, 1, 1, 1, 1, 1, 1, 1, 1), kind + " of two identical points");
            assertEquals(0f, BoxIou.of(kind, 0, 0, 0, 0, 0, 0, 0, 0), kind + " of two zero boxes");
            assertEquals(0f, BoxIou.of(kind, 0, 0, Float.NaN, 1, 0, 0, 1, 1), kind + " NaN");
            // Inverted a: empty, so no overlap even with a box covering it.
            float v = BoxIou.of(kind, 10, 10, 0, 0, -5, -5, 20, 20);
            if (kind == IouKind.IOU || kind == IouKind.IOA_A || kind == IouKind.IOA_B) {
                assertEquals(0f, v, kind + " inverted");
            }
        }
        // CIoU of a point and a box: the point's aspect angle is atan(0/0) = NaN, so the result is 0.
        assertEquals(0f, BoxIou.of(IouKind.CIOU, 2, 2, 2, 2, 0, 0, 4, 4));
        // DIoU of the same pair is defined: iou 0 minus (distance 0) / diagonal.
        assertEquals(0f, BoxIou.of(IouKind.DIOU, 2, 2, 2, 2, 0, 0, 4, 4));
    }
}
