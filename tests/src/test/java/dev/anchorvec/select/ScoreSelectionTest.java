package dev.anchorvec.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.reference.ReferencePostprocess;
import dev.anchorvec.simd.Simd;
import dev.anchorvec.testkit.Gen;
import dev.anchorvec.testkit.Prop;
import java.lang.invoke.MethodHandles;
import java.util.Arrays;
import java.util.Comparator;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The selection steps before NMS: the logit-space threshold decides exactly as the sigmoid does, the score
 * filter (vector and scalar kernels) finds exactly the positions a plain loop finds, and top-k equals a full sort's
 * first k.
 */
class ScoreSelectionTest {

    private static final float[] PROBABILITIES = {0.05f, 0.01f, 0.25f, 0.5f, 0.3f, 0.9f, 0.999f, 1e-6f, 1e-30f};

    @Test
    void minLogitIsTheExactSigmoidBoundary() {
        Prop.forAll("logit bound", 300, rnd -> rnd.nextInt(3) == 0 ? PROBABILITIES[rnd.nextInt(PROBABILITIES.length)]
                : rnd.nextFloat(), s -> {
            float b = ScoreThreshold.minLogit(s);
            assertTrue(ScoreThreshold.sigmoid(b) > s, "bound passes");
            assertFalse(ScoreThreshold.sigmoid(Math.nextDown(b)) > s, "below the bound fails");
            // The reference sigmoid (written apart) agrees on the floats around the bound.
            for (int u = -3; u <= 3; u++) {
                float x = b;
                for (int k = 0; k < Math.abs(u); k++) {
                    x = u < 0 ? Math.nextDown(x) : Math.nextUp(x);
                }
                assertEquals(ReferencePostprocess.sigmoid(x) > s, x >= b, "x " + x);
            }
        });
    }

    @Test
    void minLogitEdges() {
        assertEquals(Float.NEGATIVE_INFINITY, ScoreThreshold.minLogit(-0.5f));
        assertTrue(Float.isNaN(ScoreThreshold.minLogit(1f)));
        assertTrue(Float.isNaN(ScoreThreshold.minLogit(2f)));
        float zero = ScoreThreshold.minLogit(0f); // sigmoid underflows to 0 far left
        assertTrue(ScoreThreshold.sigmoid(zero) > 0f && ScoreThreshold.sigmoid(Math.nextDown(zero)) == 0f);
        assertThrows(IllegalArgumentException.class, () -> ScoreThreshold.minLogit(Float.NaN));
        assertEquals(Math.nextUp(0.25f), ScoreThreshold.above(0.25f));
        assertTrue(Float.isNaN(ScoreThreshold.above(Float.POSITIVE_INFINITY)));
        assertEquals(-Float.MAX_VALUE, ScoreThreshold.above(Float.NEGATIVE_INFINITY));
    }

    /** Scores with NaNs, infinities, ties and a bound taken from the data. */
    record FilterCase(float[] x, int from, int to, float min) {
        @Override
        public String toString() {
            return "[" + from + ", " + to + ") min " + min + " x " + Arrays.toString(x);
        }
    }

    static float special(RandomGenerator rnd) {
        return switch (rnd.nextInt(12)) {
            case 0 -> Float.NaN;
            case 1 -> Float.POSITIVE_INFINITY;
            case 2 -> Float.NEGATIVE_INFINITY;
            case 3 -> -0.0f;
            case 4 -> 0.0f;
            case 5, 6 -> rnd.nextInt(5) / 4f;
            default -> (float) rnd.nextGaussian() * 3 - 2;
        };
    }

    static final Gen<FilterCase> FILTER_CASES = rnd -> {
        int n = rnd.nextInt(4) == 0 ? rnd.nextInt(20) : rnd.nextInt(2000);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = special(rnd);
        }
        int from = n == 0 ? 0 : rnd.nextInt(Math.min(n, 40) + 1);
        int to = from + rnd.nextInt(n - from + 1);
        float min = n > 0 && rnd.nextBoolean() ? x[rnd.nextInt(n)] : special(rnd);
        return new FilterCase(x, from, to, min);
    };

    @Test
    void filterFindsExactlyThePositionsAtOrAboveTheBound() {
        ScoreFilterKernels vector = Simd.loadVector(MethodHandles.lookup(), ScoreFilterKernels.class,
                "dev.anchorvec.select.VectorScoreFilterKernels");
        ScoreFilterKernels scalar = new ScalarScoreFilterKernels();
        Prop.forAll("score filter", 300, FILTER_CASES, c -> {
            int[] expected = IntStream.range(c.from(), c.to()).filter(j -> c.x()[j] >= c.min()).toArray();
            for (ScoreFilterKernels k : vector == null ? new ScoreFilterKernels[] {scalar}
                    : new ScoreFilterKernels[] {scalar, vector}) {
                int[] out = new int[3 + c.to() - c.from() + ScoreFilter.SLACK];
                int end = k.atLeast(c.x(), c.from(), c.to(), c.min(), out, 3);
                assertArrayEquals(expected, Arrays.copyOfRange(out, 3, end), k.getClass().getSimpleName());
            }
            int[] out = new int[c.to() - c.from() + ScoreFilter.SLACK];
            int end = ScoreFilter.atLeast(c.x(), c.from(), c.to(), c.min(), out, 0);
            assertArrayEquals(expected, Arrays.copyOf(out, end), "facade");
        });
    }

    @Test
    void filterRejectsBadRanges() {
        float[] x = new float[10];
        assertThrows(IllegalArgumentException.class, () -> ScoreFilter.atLeast(x, 5, 11, 0f, new int[100], 0));
        assertThrows(IllegalArgumentException.class, () -> ScoreFilter.atLeast(x, -1, 5, 0f, new int[100], 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScoreFilter.atLeast(x, 0, 10, 0f, new int[10], 0));
        assertTrue(e.getMessage().startsWith("out"), e.getMessage());
    }

    @Test
    void topKEqualsTheFirstKOfAFullSort() {
        NmsWorkspace ws = new NmsWorkspace();
        Prop.forAll("top-k", 400, FILTER_CASES, c -> {
            float[] s = c.x();
            int n = s.length, k = n == 0 ? 0 : switch (c.from() % 4) {
                case 0 -> 0;
                case 1 -> n + 5;
                default -> 1 + c.to() % n;
            };
            int[] expected = IntStream.range(0, n).filter(i -> !Float.isNaN(s[i])).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(i -> -(s[i] + 0.0)).thenComparingInt(i -> i))
                    .limit(k).mapToInt(Integer::intValue).toArray();
            int[] out = new int[Math.min(k, n) + 1];
            Arrays.fill(out, -7);
            int r = TopK.select(s, 0, n, k, out, ws);
            assertArrayEquals(expected, Arrays.copyOf(out, r));
            assertEquals(-7, out[Math.min(k, n)], "wrote past min(k, n)");
        });
    }

    @Test
    void topKWithOffsetAndManyTies() {
        float[] s = new float[5003];
        for (int i = 3; i < s.length; i++) {
            s[i] = (i * 7919 % 13) / 4f;
        }
        int[] out = new int[700];
        int r = TopK.select(s, 3, 5000, 700, out, new NmsWorkspace());
        assertEquals(700, r);
        for (int t = 1; t < r; t++) {
            float a = s[3 + out[t - 1]], b = s[3 + out[t]];
            assertTrue(a > b || (a == b && out[t - 1] < out[t]), "order at " + t);
        }
        long threes = IntStream.range(3, s.length).filter(i -> s[i] == 3f).count();
        assertEquals(threes, Arrays.stream(out).filter(i -> s[3 + i] == 3f).count(), "every 3.0 selected");
        assertEquals(2.75f, s[3 + out[699]]);
    }

    @Test
    void topKRejectsBadArguments() {
        NmsWorkspace ws = new NmsWorkspace();
        float[] s = new float[4];
        assertThrows(IllegalArgumentException.class, () -> TopK.select(s, 0, 4, -1, new int[4], ws));
        assertThrows(IllegalArgumentException.class, () -> TopK.select(s, 1, 4, 2, new int[4], ws));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TopK.select(s, 0, 4, 3, new int[2], ws));
        assertTrue(e.getMessage().startsWith("out"), e.getMessage());
    }
}
