package dev.anchorvec.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.reference.ReferenceSoftNms;
import dev.anchorvec.testkit.FloatChecks;
import dev.anchorvec.testkit.Gen;
import dev.anchorvec.testkit.Prop;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link SoftNms} against {@link ReferenceSoftNms}, and the defining properties. The suite runs once per
 * implementation (vector at each width, scalar), so vector and scalar agree through the reference: keep lists
 * and updated scores bit for bit, linear and Gaussian (the weight is anchorvec's exp in the kernels and the
 * reference alike).
 */
class SoftNmsPropertyTest {

    /** A NMS case (boxes, scores) and Soft-NMS parameters. */
    record Case(NmsPropertyTest.Case boxes, SoftNmsParams p) {
        @Override
        public String toString() {
            return boxes + "\n    " + p;
        }
    }

    private static final float[] IOU_T = {0.3f, 0.5f, 0.6f, 0f, 1f, -0.5f};
    private static final float[] SCORE_T = {1e-3f, 0f, -0.0f, 0.5f, Float.NEGATIVE_INFINITY, -1f, 0.05f};
    private static final float[] SIGMA = {0.5f, 1f, 0.1f, 2f, 1e-3f};

    static final Gen<Case> CASES = rnd -> {
        NmsPropertyTest.Case c = NmsPropertyTest.CASES.generate(rnd);
        SoftNmsMethod method = rnd.nextBoolean() ? SoftNmsMethod.LINEAR : SoftNmsMethod.GAUSSIAN;
        int max = switch (rnd.nextInt(4)) {
            case 0 -> rnd.nextInt(0, 5);
            case 1 -> rnd.nextInt(0, 100);
            default -> Integer.MAX_VALUE;
        };
        SoftNmsParams p = new SoftNmsParams(method, SIGMA[rnd.nextInt(SIGMA.length)],
                rnd.nextBoolean() ? SigmaConvention.PAPER : SigmaConvention.TENSORFLOW,
                rnd.nextInt(3) == 0 ? rnd.nextFloat() : IOU_T[rnd.nextInt(IOU_T.length)], rnd.nextBoolean(),
                SCORE_T[rnd.nextInt(SCORE_T.length)], rnd.nextBoolean(), max);
        return new Case(c, p);
    };

    static SoftNmsResult run(Case c) {
        return SoftNms.run(Boxes.ofXyxy(c.boxes().xyxy()), c.boxes().scores(), c.p());
    }

    static ReferenceSoftNms.Result reference(Case c) {
        SoftNmsParams p = c.p();
        return ReferenceSoftNms.softNms(c.boxes().xyxy(), c.boxes().scores(), p.method() == SoftNmsMethod.GAUSSIAN,
                p.sigma(), p.convention() == SigmaConvention.TENSORFLOW, p.iouThreshold(), p.iouInclusive(),
                p.scoreThreshold(), p.scoreInclusive(), p.maxOutput());
    }

    /** Kept indices and their scores, bit for bit. */
    static void assertMatches(ReferenceSoftNms.Result want, SoftNmsResult got) {
        assertArrayEquals(want.keep(), got.keep());
        FloatChecks.assertSameBits("updated scores", want.scores(), got.updatedScores());
    }

    @Test
    void equalsTheReference() {
        Prop.forAll("soft-nms equals reference", 300, CASES,
                c -> assertMatches(reference(c), run(c)));
    }

    @Test
    void scoresNeverGrowAndAreSelectedInOrder() {
        Prop.forAll("soft-nms scores decrease", 200, CASES, c -> {
            SoftNmsResult r = run(c);
            float[] s = c.boxes().scores();
            assertTrue(r.keep().length <= c.p().maxOutput());
            assertEquals(r.keep().length, Arrays.stream(r.keep()).distinct().count(), "distinct");
            for (int k = 0; k < r.keep().length; k++) {
                float u = r.updatedScores()[k];
                assertFalse(Float.isNaN(u), "NaN selected");
                // The decay multiplies by a weight in [0, 1]: a negative score moves up towards 0.
                assertTrue(Math.abs(u) <= Math.abs(s[r.keep()[k]]), "score magnitude increased at " + k);
                assertTrue(s[r.keep()[k]] < 0 || u <= s[r.keep()[k]], "score increased at " + k);
                assertTrue(c.p().scoreInclusive() ? u >= c.p().scoreThreshold() : u > c.p().scoreThreshold());
                if (k > 0 && r.updatedScores()[k - 1] >= 0) {
                    assertTrue(u <= r.updatedScores()[k - 1], "selection order at " + k);
                }
            }
        });
    }

    @Test
    void linearAboveIouOneChangesNothing() {
        Prop.forAll("soft-nms linear t=1", 150, NmsPropertyTest.CASES, c -> {
            SoftNmsParams p = SoftNmsParams.opencv(SoftNmsMethod.LINEAR, Float.NEGATIVE_INFINITY, 1f, 0, 0.5f);
            SoftNmsResult r = SoftNms.run(Boxes.ofXyxy(c.xyxy()), c.scores(), p);
            float[] s = c.scores();
            // Every non-NaN box, by score descending then index, with its own score.
            Integer[] order = java.util.stream.IntStream.range(0, c.n()).filter(i -> !Float.isNaN(s[i])).boxed()
                    .sorted(java.util.Comparator.<Integer>comparingDouble(i -> -(s[i] + 0.0))
                            .thenComparingInt(i -> i))
                    .toArray(Integer[]::new);
            assertArrayEquals(Arrays.stream(order).mapToInt(Integer::intValue).toArray(), r.keep());
            for (int k = 0; k < r.keep().length; k++) {
                assertEquals(Float.floatToIntBits(s[r.keep()[k]]), Float.floatToIntBits(r.updatedScores()[k]));
            }
        });
    }

    @Test
    void gaussianWithVanishingSigmaIsGreedyNmsAtZero() {
        Prop.forAll("soft-nms sigma->0", 150, NmsPropertyTest.CASES, c -> {
            float[] s = c.scores().clone();
            for (int i = 0; i < s.length; i++) {
                s[i] = Float.isFinite(s[i]) && s[i] > 0 ? s[i] : 0.5f; // positive finite scores
            }
            Boxes boxes = Boxes.ofXyxy(c.xyxy());
            SoftNmsParams p = new SoftNmsParams(SoftNmsMethod.GAUSSIAN, Float.MIN_VALUE, SigmaConvention.PAPER, 0f,
                    false, 0f, false, Integer.MAX_VALUE);
            SoftNmsResult r = SoftNms.run(boxes, s, p);
            assertArrayEquals(Nms.greedy(boxes, s, 0.0), r.keep());
            for (int k = 0; k < r.keep().length; k++) {
                assertEquals(s[r.keep()[k]], r.updatedScores()[k]);
            }
        });
    }

    @Test
    void workspaceReuseGivesTheSameResult() {
        SoftNmsWorkspace ws = new SoftNmsWorkspace(3);
        Prop.forAll("soft-nms workspace reuse", 100, CASES, c -> {
            int n = c.boxes().n();
            int[] keep = new int[n + 2];
            float[] upd = new float[n + 2];
            float[] scores = new float[n + 3];
            System.arraycopy(c.boxes().scores(), 0, scores, 3, n);
            int k = SoftNms.run(Boxes.ofXyxy(c.boxes().xyxy()), scores, 3, c.p(), keep, upd, ws);
            SoftNmsResult r = run(c);
            assertMatches(new ReferenceSoftNms.Result(r.keep(), r.updatedScores()),
                    new SoftNmsResult(Arrays.copyOf(keep, k), Arrays.copyOf(upd, k)));
        });
    }
}
