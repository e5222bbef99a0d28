package dev.anchorvec.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.KernelInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The harness itself: determinism, seeds in reports, the repeat hint (its commands, parsed back, replay the
 * failure warm and cold), and that shrinking really shrinks.
 */
class PropTest {

    private static final Gen<BoxList> LISTS = BoxGen.finite().lists(Sizes.laneEdges());

    /** No -D flags at all, so these tests do not depend on how the suite was started. */
    private static final Map<String, String> NO_FLAGS = Map.of();

    /** The fork of a 128-bit run started with -Dtest.jvm.extra=-XX:UseAVX=2. */
    private static final TestFork FORK_128 = new TestFork("vector-128", true, "vector 128-bit (4 float lanes)",
            List.of("--add-modules=jdk.incubator.vector", "-Danchorvec.vectorBits=128",
                    "-Danchorvec.execution=vector-128", "-XX:UseAVX=2"),
            List.of("-XX:UseAVX=2"), null, Map.of());

    /** Lists of over 1000 boxes one time in ten. */
    private static final Gen<BoxList> BIG_LISTS = BoxGen.finite().lists(Sizes.laneEdges());
    private static final String BIG_NAME = "harness.replay";

    /**
     * Fails on a list of more than 127 boxes once it has checked {@code warmUp} cases; records the cases it
     * checked.
     */
    private static final class TooBig implements Prop.Property<BoxList> {
        private final int warmUp;
        private final List<BoxList> checked = new ArrayList<>();
        private int firstFailure = -1;

        TooBig(int warmUp) {
            this.warmUp = warmUp;
        }

        @Override
        public void check(BoxList l) {
            checked.add(l);
            if (l.size() > 127 && checked.size() > warmUp) {
                if (firstFailure < 0) {
                    firstFailure = checked.size();
                }
                throw new AssertionError("more than 127 boxes: " + l.size());
            }
        }

        /** Every case checked, shrink candidates included. */
        List<BoxList> checked() {
            return checked;
        }

        /** The cases checked up to and including the first failing one (the trials, before shrinking). */
        List<BoxList> checkedBeforeFailing() {
            return checked.subList(0, firstFailure);
        }
    }

    /** The -Dkey=value flags of a printed command (single-quoted values unquoted). */
    private static Map<String, String> flags(String command) {
        Matcher m = Pattern.compile("-D([\\w.-]+)=(?:'([^']*)'|(\\S+))").matcher(command);
        Map<String, String> out = new LinkedHashMap<>();
        while (m.find()) {
            out.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
        }
        return out;
    }

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
    void failureReportsTheSeeds() {
        Prop.Settings s = Prop.Settings.of("harness.report", 500, NO_FLAGS::get).withTrials(500);
        Prop.Property<BoxList> noneWide = l -> {
            for (Box b : l.boxes()) {
                if (b.width() > 20) {
                    throw new AssertionError("box too wide: " + b);
                }
            }
        };
        PropertyFailure f = assertThrows(PropertyFailure.class, () -> Prop.run(s, LISTS, noneWide, () -> FORK_128));
        assertEquals(s.baseSeed(), f.baseSeed());
        assertEquals(Prop.trialSeed(s.baseSeed(), f.trial()), f.seed());
        assertTrue(f.getMessage().contains("base seed: " + Prop.formatSeed(f.baseSeed())), f.getMessage());
        assertTrue(f.getMessage().contains("drew its case from seed " + Prop.formatSeed(f.seed())), f.getMessage());
        assertTrue(f.getMessage().contains("original case: "), f.getMessage());
        assertTrue(f.getMessage().contains("shrunk case ("), f.getMessage());
        assertTrue(f.getCause().getMessage().startsWith("box too wide"));

        // The trial's own seed, given as a base seed, draws the same case as trial 0 (of a colder JVM).
        PropertyFailure again = assertThrows(PropertyFailure.class,
                () -> Prop.run(s.withSeed(f.seed()), LISTS, noneWide, () -> FORK_128));
        assertEquals(0, again.trial());
        assertEquals(f.original(), again.original());
        assertEquals(f.shrunk(), again.shrunk());
    }

    @Test
    void hintNamesModuleExecutionTestMethodSeedAndTrial() {
        Prop.Settings s = Prop.Settings.of(BIG_NAME, 200, NO_FLAGS::get);
        PropertyFailure f = assertThrows(PropertyFailure.class,
                () -> Prop.run(s, BIG_LISTS, new TooBig(0), () -> FORK_128));
        String m = f.getMessage();
        assertTrue(f.trial() > 0, "the example needs a failure after trial 0 to tell warm from cold: " + m);
        assertTrue(m.startsWith("property '" + BIG_NAME + "' failed at trial " + f.trial() + " of 200, in surefire "
                + "execution vector-128 (vector 128-bit (4 float lanes))"), m);
        String run = "./mvnw -B -pl tests -am test-compile surefire:test@vector-128 "
                + "-Dsurefire.failIfNoSpecifiedTests=false "
                + "-Dtest='dev.anchorvec.testkit.PropTest#hintNamesModuleExecutionTestMethodSeedAndTrial' ";
        String seed = Prop.formatSeed(s.baseSeed());
        String warm = run + "-Danchorvec.property=" + BIG_NAME + " -Danchorvec.seed=" + seed
                + " -Dtest.jvm.extra=-XX:UseAVX=2";
        String cold = run + "-Danchorvec.property=" + BIG_NAME + " -Danchorvec.seed=" + seed
                + " -Danchorvec.trial=" + f.trial() + " -Dtest.jvm.extra=-XX:UseAVX=2";
        String whole = "./mvnw -B -pl tests -am test-compile surefire:test@vector-128 -Dtest.jvm.extra=-XX:UseAVX=2";
        assertEquals(warm, f.repeatHint().warm());
        assertEquals(cold, f.repeatHint().cold());
        assertEquals(Optional.of(whole), f.repeatHint().wholeFork());
        assertTrue(m.contains("\n      " + warm + "\n"), m);
        assertTrue(m.contains("\n      " + cold + "\n"), m);
        assertTrue(m.contains("\n      " + whole + "\n"), m);
        assertTrue(m.contains("JVM flags of this run: --add-modules=jdk.incubator.vector -Danchorvec.vectorBits=128"
                + " -Danchorvec.execution=vector-128 -XX:UseAVX=2"), m);
        assertTrue(m.contains("warm, as in this run (trials 0.." + f.trial() + " in the same order"), m);
        assertTrue(m.contains("cold (trial " + f.trial() + " alone"), m);
    }

    @Test
    void warmCommandReplaysTheSameTrialsInTheSameOrder() {
        Prop.Settings s = Prop.Settings.of(BIG_NAME, 200, NO_FLAGS::get);
        TooBig first = new TooBig(0);
        PropertyFailure f = assertThrows(PropertyFailure.class,
                () -> Prop.run(s, BIG_LISTS, first, () -> FORK_128));

        // What a developer does: run the printed command. Its -D flags are all the test JVM gets.
        Map<String, String> flags = flags(f.repeatHint().warm());
        TooBig replay = new TooBig(0);
        PropertyFailure again = assertThrows(PropertyFailure.class,
                () -> Prop.run(Prop.Settings.of(BIG_NAME, 200, flags::get), BIG_LISTS, replay, () -> FORK_128));
        assertEquals(f.trial(), again.trial());
        assertEquals(f.original(), again.original());
        assertEquals(f.shrunk(), again.shrunk());
        // The same cases before it, in the same order: what warmed the kernels then warms them again.
        assertEquals(first.checkedBeforeFailing(), replay.checkedBeforeFailing());
        assertEquals(f.trial() + 1, replay.checkedBeforeFailing().size());
        assertEquals(f.original(), replay.checkedBeforeFailing().getLast());

        // The flags are scoped: another property in the same JVM keeps its own seed and all its trials.
        Prop.Settings other = Prop.Settings.of("harness.other", 50, flags::get);
        assertEquals(Prop.SeedSource.NAME, other.seedSource());
        assertEquals(Prop.defaultSeed("harness.other"), other.baseSeed());
        assertEquals(OptionalInt.empty(), other.onlyTrial());
    }

    @Test
    void coldCommandRunsTheFailingCaseAlone() {
        Prop.Settings s = Prop.Settings.of(BIG_NAME, 200, NO_FLAGS::get);
        PropertyFailure f = assertThrows(PropertyFailure.class,
                () -> Prop.run(s, BIG_LISTS, new TooBig(0), () -> FORK_128));

        Map<String, String> flags = flags(f.repeatHint().cold());
        TooBig replay = new TooBig(0);
        PropertyFailure again = assertThrows(PropertyFailure.class,
                () -> Prop.run(Prop.Settings.of(BIG_NAME, 200, flags::get), BIG_LISTS, replay, () -> FORK_128));
        assertEquals(f.trial(), again.trial());
        assertEquals(f.original(), again.original());
        assertEquals(f.shrunk(), again.shrunk());
        assertEquals(List.of(f.original()), replay.checkedBeforeFailing(), "no other trial ran before it");
        assertTrue(again.getMessage().contains("failed at trial " + f.trial() + " (run alone, -Danchorvec.trial)"),
                again.getMessage());
    }

    @Test
    void warmAndColdTellAWarmStateFailureApart() {
        // A stand-in for a kernel that is only wrong once the JIT has compiled it: the property fails on a big
        // case only after it has checked 3 cases in this run.
        Prop.Settings s = Prop.Settings.of(BIG_NAME, 200, NO_FLAGS::get);
        PropertyFailure f = assertThrows(PropertyFailure.class,
                () -> Prop.run(s, BIG_LISTS, new TooBig(3), () -> FORK_128));
        assertTrue(f.trial() >= 3, "the example needs the first big case after trial 3: " + f.getMessage());

        Map<String, String> warm = flags(f.repeatHint().warm());
        PropertyFailure again = assertThrows(PropertyFailure.class,
                () -> Prop.run(Prop.Settings.of(BIG_NAME, 200, warm::get), BIG_LISTS, new TooBig(3),
                        () -> FORK_128));
        assertEquals(f.trial(), again.trial());
        assertEquals(f.original(), again.original());

        // Cold draws the very same case, and it passes: so the failure depends on the warm state.
        Map<String, String> cold = flags(f.repeatHint().cold());
        TooBig coldRun = new TooBig(3);
        Prop.run(Prop.Settings.of(BIG_NAME, 200, cold::get), BIG_LISTS, coldRun, () -> FORK_128);
        assertEquals(List.of(f.original()), coldRun.checked());
    }

    @Test
    void aSeedGivenForEveryPropertyStaysGlobalInTheWarmCommand() {
        Map<String, String> given = Map.of("anchorvec.seed", "0x1234", "anchorvec.trials", "2");
        Prop.Settings s = Prop.Settings.of(BIG_NAME, 100, given::get);
        assertEquals(Prop.SeedSource.ALL_PROPERTIES, s.seedSource());
        assertEquals(0x1234L, s.baseSeed());
        assertEquals(200, s.trials());
        TestFork fork = new TestFork("scalar", true, "scalar", List.of("-Danchorvec.execution=scalar"), List.of(),
                "*PropertyTest", Map.of("anchorvec.seed", "0x1234", "anchorvec.trials", "2"));
        RepeatHint h = RepeatHint.of(s, 7, fork, Optional.of("a.B#c"));
        String run = "./mvnw -B -pl tests -am test-compile surefire:test@scalar "
                + "-Dsurefire.failIfNoSpecifiedTests=false ";
        // Every other property of the method had this seed too, so the warm command gives it to all of them;
        // the cold one is about this property only.
        assertEquals(run + "-Dtest='a.B#c' -Danchorvec.seed=0x0000000000001234 -Danchorvec.trials=2", h.warm());
        assertEquals(run + "-Dtest='a.B#c' -Danchorvec.property=" + BIG_NAME + " -Danchorvec.seed=0x0000000000001234"
                + " -Danchorvec.trial=7 -Danchorvec.trials=2", h.cold());
        // The whole fork again: the run's own -Dtest and flags, verbatim.
        assertEquals(Optional.of(run + "-Dtest='*PropertyTest' -Danchorvec.seed=0x1234 -Danchorvec.trials=2"),
                h.wholeFork());
    }

    @Test
    void outsideThePomTheHintNamesTheExecutionWithTheSameKernels() {
        TestFork ide = new TestFork("vector-256", false, "vector 256-bit (8 float lanes)",
                List.of("-javaagent:/ide/agent.jar", "-Dfile.encoding=UTF-8"), List.of(), null, Map.of());
        RepeatHint h = RepeatHint.of(Prop.Settings.of("harness.ide", 10, NO_FLAGS::get), 3, ide, Optional.empty());
        assertTrue(h.where().startsWith("outside the surefire executions of tests/pom.xml (vector 256-bit"),
                h.where());
        assertTrue(h.where().endsWith("same kernels, vector-256"), h.where());
        assertTrue(h.warm().contains("surefire:test@vector-256 "), h.warm());
        assertTrue(h.warm().contains("-Dtest='<TestClass>#<method>'"), h.warm());
        assertFalse(h.warm().contains("test.jvm.extra"), "an IDE's own flags are not the pom's: " + h.warm());
        assertEquals(Optional.empty(), h.wholeFork(), "there is no fork of the pom to run again");
        assertFalse(h.render("").contains("whole fork"));
    }

    @Test
    void thisForkNamesItsPomExecution() {
        TestFork fork = TestFork.current();
        assertEquals(KernelInfo.summary(), fork.kernels());
        String impl = System.getProperty("anchorvec.expect.impl");
        if (impl == null && !fork.named()) {
            return; // an IDE run: nothing to check against
        }
        // Under tests/pom.xml every execution passes -Danchorvec.execution=<its id>; a new execution without it
        // would print hints that run another one.
        assertTrue(fork.named(), "-Danchorvec.execution is missing from this execution's argLine");
        assertTrue(fork.jvmFlags().contains("-D" + TestFork.EXECUTION_PROPERTY + "=" + fork.execution()),
                fork.jvmFlags().toString());
        assertEquals(TestFork.extraFlags(fork.jvmFlags()), fork.extraJvmFlags());
        // The four width executions: the id must be the one whose kernels this fork expects.
        String bits = System.getProperty("anchorvec.expect.bits");
        String expected = impl == null ? null : impl.equals("scalar") ? "scalar" : bits == null ? null
                : switch (bits) {
                    case "preferred" -> "default-test";
                    case "256" -> "vector-256";
                    case "128" -> "vector-128";
                    default -> null;
                };
        if (List.of("default-test", "vector-256", "vector-128", "scalar").contains(fork.execution())) {
            assertEquals(expected, fork.execution(), "the execution's -Danchorvec.expect.* flags");
        }
    }

    @Test
    void callingTestIsTheTestMethodEvenFromALambda() {
        assertEquals(Optional.of("dev.anchorvec.testkit.PropTest#callingTestIsTheTestMethodEvenFromALambda"),
                CallingTest.find());
        Supplier<Optional<String>> nested = CallingTest::find;
        assertEquals(Optional.of("dev.anchorvec.testkit.PropTest#callingTestIsTheTestMethodEvenFromALambda"),
                nested.get());
    }

    @Test
    void badFlagsAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Prop.Settings.of("x", 5, Map.of("anchorvec.trial", "-1")::get));
        assertTrue(e.getMessage().contains("-Danchorvec.trial=-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Prop.Settings.of("x", 5, Map.of("anchorvec.seed", "0xZZ")::get));
        assertTrue(e.getMessage().contains("-Danchorvec.seed=0xZZ"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Prop.Settings.of("x", 5, Map.of("anchorvec.trials", "-3")::get));
        assertTrue(e.getMessage().contains("-Danchorvec.trials=-3"), e.getMessage());
        // Flags scoped to another property are not even read.
        Prop.Settings s = Prop.Settings.of("x", 5, Map.of("anchorvec.property", "y", "anchorvec.trial", "z")::get);
        assertEquals(OptionalInt.empty(), s.onlyTrial());
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
