package dev.anchorvec.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The harness itself: determinism, seeds in reports, repeating a seed, and that shrinking really shrinks. */
class PropTest {

    private static final Gen<BoxList> LISTS = BoxGen.finite().lists(Sizes.laneEdges());

    private static List<BoxList> collect(Prop.Settings settings, Gen<BoxList> gen) {
        List<BoxList> seen = new ArrayList<>();
        Prop.run(settings, gen, seen::add);
        return seen;
    }

    @Test
    void sameSeedGivesSameCases() {
        Prop.Settings s = Prop.Settings.of("harness.determinism", 40).withTrials(40).withSeed(1234);
        List<BoxList> first = collect(s, LISTS);
        List<BoxList> second = collect(s, LISTS);
        assertEquals(40, first.size());
        assertEquals(first, second);
        assertNotEquals(first, collect(s.withSeed(1235), LISTS));
    }

    @Test
    void defaultSeedDependsOnlyOnTheName() {
        assertEquals(Prop.defaultSeed("iou.pairwise"), Prop.defaultSeed("iou.pairwise"));
        assertNotEquals(Prop.defaultSeed("iou.pairwise"), Prop.defaultSeed("iou.aligned"));
        assertEquals(77L, Prop.trialSeed(77L, 0), "trial 0 runs the base seed itself");
        assertNotEquals(Prop.trialSeed(77L, 1), Prop.trialSeed(77L, 2));
    }

    @Test
    void seedsPrintAndParseBack() {
        for (long seed : new long[] {0, 1, -1, Long.MIN_VALUE, 0x9e3779b97f4a7c15L}) {
            assertEquals(seed, Prop.parseSeed(Prop.formatSeed(seed)));
        }
        assertEquals(42L, Prop.parseSeed(" 42 "));
        assertEquals(-42L, Prop.parseSeed("-42"));
    }

    @Test
    void failureReportsTheSeedAndTheSeedRepeatsTheCase() {
        Prop.Settings s = Prop.Settings.of("harness.report", 500).withTrials(500);
        Prop.Property<BoxList> noneWide = l -> {
            for (Box b : l.boxes()) {
                if (b.width() > 20) {
                    throw new AssertionError("box too wide: " + b);
                }
            }
        };
        PropertyFailure f = assertThrows(PropertyFailure.class, () -> Prop.run(s, LISTS, noneWide));
        String seed = Prop.formatSeed(f.seed());
        assertTrue(f.getMessage().contains("seed: " + seed), f.getMessage());
        assertTrue(f.getMessage().contains("-Danchorvec.seed=" + seed), f.getMessage());
        assertTrue(f.getMessage().contains("original case: "), f.getMessage());
        assertTrue(f.getMessage().contains("shrunk case ("), f.getMessage());
        assertTrue(f.getCause().getMessage().startsWith("box too wide"));

        // What a developer does with the report: rerun with the seed; the same case fails first.
        PropertyFailure again = assertThrows(PropertyFailure.class,
                () -> Prop.run(s.withSeed(f.seed()), LISTS, noneWide));
        assertEquals(0, again.trial());
        assertEquals(f.original(), again.original());
        assertEquals(f.shrunk(), again.shrunk());
    }

    @Test
    void shrinkingRemovesBoxesAndSimplifiesCoordinates() {
        Gen<BoxList> big = BoxGen.finite().lists(Sizes.of(40, 1000));
        PropertyFailure f = assertThrows(PropertyFailure.class, () -> Prop.run(
                Prop.Settings.of("harness.shrinkSize", 5).withTrials(5), big, l -> {
                    if (l.size() >= 3) {
                        throw new AssertionError("3 or more boxes");
                    }
                }));
        BoxList shrunk = (BoxList) f.shrunk();
        assertEquals(3, shrunk.size(), shrunk.toString());
        // Nothing about the coordinates matters, so every one shrinks to 0.
        assertEquals(BoxList.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), shrunk);
        assertTrue(f.shrinkSteps() > 0);
    }

    @Test
    void shrinkingFindsTheSmallestFailingWidth() {
        Gen<BoxList> huge = BoxGen.of(BoxStyle.HUGE, BoxStyle.RANDOM).lists(Sizes.of(17, 35));
        PropertyFailure f = assertThrows(PropertyFailure.class, () -> Prop.run(
                Prop.Settings.of("harness.shrinkWidth", 50).withTrials(50)
                        .withShrinkBudget(5000, Duration.ofSeconds(30)), huge, l -> {
                    for (Box b : l.boxes()) {
                        if (b.width() > 100) {
                            throw new AssertionError("wider than 100: " + b);
                        }
                    }
                }));
        BoxList shrunk = (BoxList) f.shrunk();
        assertEquals(1, shrunk.size(), shrunk.toString());
        Box b = shrunk.get(0);
        // Every single-step move of an integer coordinate towards 0 would make the box pass.
        assertEquals(101f, b.width(), b.toString());
        assertEquals(0f, b.y1());
        assertEquals(0f, b.y2());
        assertEquals(Math.rint(b.x1()), b.x1(), 0);
    }

    @Test
    void alignedPairsShrinkRowByRow() {
        Gen<BoxPair> rows = BoxGen.finite().aligned(Sizes.of(35, 127));
        PropertyFailure f = assertThrows(PropertyFailure.class, () -> Prop.run(
                Prop.Settings.of("harness.aligned", 5).withTrials(5), rows, p -> {
                    assertEquals(p.a().size(), p.b().size());
                    if (p.a().size() > 4) {
                        throw new AssertionError("more than 4 rows");
                    }
                }));
        BoxPair p = (BoxPair) f.shrunk();
        assertEquals(5, p.a().size());
        assertEquals(5, p.b().size());
    }

    @Test
    void exceptionsFailPropertiesAndGeneratorFailuresAreReported() {
        Prop.Settings s = Prop.Settings.of("harness.exception", 10).withTrials(10);
        PropertyFailure f = assertThrows(PropertyFailure.class,
                () -> Prop.run(s, Gen.ints(0, 10), v -> {
                    throw new IllegalStateException("boom " + v);
                }));
        assertEquals(0, f.shrunk(), "ints shrink to their lower bound");
        assertTrue(f.getCause() instanceof IllegalStateException);

        Gen<Integer> broken = rnd -> {
            throw new IllegalArgumentException("generator bug");
        };
        PropertyFailure g = assertThrows(PropertyFailure.class, () -> Prop.run(s, broken, v -> {}));
        assertTrue(g.getMessage().contains("generator failed"), g.getMessage());
        assertTrue(g.getMessage().contains(Prop.formatSeed(g.seed())), g.getMessage());
    }

    @Test
    void passingPropertiesRunEveryTrial() {
        int[] count = {0};
        Prop.run(Prop.Settings.of("harness.count", 1).withTrials(123), Gen.ints(0, 5), v -> count[0]++);
        assertEquals(123, count[0]);
    }

    @Test
    void simplerFloatsAreSimpler() {
        for (float x : new float[] {1234.5678f, -3.25f, 1e-20f, 7e6f, -0.0f, Float.NaN, 101f, 0.1f}) {
            for (float c : Shrink.simpler(x).toList()) {
                int cx = Shrink.complexity(x), cc = Shrink.complexity(c);
                assertTrue(cc < cx || (cc == 1 && cx == 1 && Math.abs(c) < Math.abs(x)), x + " -> " + c);
            }
        }
        assertEquals(List.of(), Shrink.simpler(0f).toList());
        assertEquals(List.of(0f), Shrink.simpler(Float.POSITIVE_INFINITY).toList());
        assertEquals(List.of(0f, 1235f, 1234.6f, 1234.57f, 1234.568f), Shrink.simpler(1234.5678f).toList());
    }

    @Test
    void removalsGoFromHalvesToSingles() {
        List<Integer> xs = List.of(0, 1, 2, 3, 4, 5, 6, 7);
        List<List<Integer>> r = Shrink.removals(xs).toList();
        assertEquals(List.of(), r.get(0));
        assertEquals(List.of(4, 5, 6, 7), r.get(1));
        assertEquals(List.of(0, 1, 2, 3), r.get(2));
        // 1 empty + 2 halves + 4 quarters + 8 singles.
        assertEquals(15, r.size());
        assertTrue(r.stream().allMatch(l -> l.size() < xs.size()));
    }

    @Test
    void boxGenDrawsEveryStyleItIsGiven() {
        for (BoxStyle style : BoxStyle.values()) {
            Gen<BoxList> g = BoxGen.of(style).lists(Sizes.of(50));
            BoxList l = g.generate(Prop.random(99));
            assertEquals(50, l.size());
            switch (style) {
                case GRID, DUPLICATE -> assertTrue(l.boxes().stream().allMatch(PropTest::integral), l.toString());
                case INVERTED -> assertTrue(l.boxes().stream().allMatch(b -> b.width() < 0 || b.height() < 0),
                        l.toString());
                case NON_FINITE -> assertFalse(l.isFinite(), l.toString());
                case HUGE -> assertTrue(l.boxes().stream().anyMatch(b -> Math.abs(b.x1()) >= 1e6f), l.toString());
                case DEGENERATE -> assertTrue(l.boxes().stream().allMatch(b -> b.width() == 0 || b.height() == 0),
                        l.toString());
                default -> assertTrue(l.isFinite(), l.toString());
            }
        }
        List<BoxList> lists = new ArrayList<>();
        Prop.run(Prop.Settings.of("harness.finite", 200).withTrials(200), BoxGen.finite().lists(Sizes.small()),
                lists::add);
        assertTrue(lists.stream().allMatch(BoxList::isFinite));
        assertTrue(lists.stream().map(BoxList::size).collect(Collectors.toSet()).contains(0));
    }

    @Test
    void layoutsPlaceThePlanesAndFillTheRestWithNaN() {
        BoxList l = BoxList.of(1, 2, 3, 4, 5, 6, 7, 8);
        var boxes = l.toBoxes(new Layout(3, 2));
        assertEquals(2, boxes.size());
        assertEquals(4, boxes.stride());
        assertEquals(3, boxes.offset());
        assertEquals(5f, boxes.x1(1));
        assertEquals(8f, boxes.y2(1));
        assertTrue(Float.isNaN(boxes.data()[0]));
        assertTrue(Float.isNaN(boxes.data()[3 + 2]), "padding between planes");
    }

    private static boolean integral(Box b) {
        for (int k = 0; k < 4; k++) {
            if (b.get(k) != Math.rint(b.get(k))) {
                return false;
            }
        }
        return true;
    }
}
