package dev.anchorvec.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.anchorvec.testkit.Gen;
import dev.anchorvec.testkit.Prop;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The radix sort against a comparison sort of the definition (score descending with -0.0 == 0.0, then index,
 * NaN left out), on scores that exercise every digit: specials, negative values, near-equal and equal scores,
 * and sets whose high digits all agree (skipped passes).
 */
class ScoreOrderTest {

    static final Gen<float[]> SCORES = rnd -> {
        int n = rnd.nextInt(0, 500);
        int style = rnd.nextInt(4);
        float base = rnd.nextFloat();
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = switch (style) {
                case 0 -> rnd.nextFloat();
                case 1 -> Float.intBitsToFloat(Float.floatToRawIntBits(base) + rnd.nextInt(-40, 40)); // low digit
                case 2 -> rnd.nextInt(-3, 4) / 2f;
                default -> Float.intBitsToFloat(rnd.nextInt());
            };
            if (rnd.nextInt(30) == 0) {
                s[i] = new float[] {Float.NaN, -0.0f, 0.0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
                    Float.MIN_VALUE, -Float.MIN_VALUE}[rnd.nextInt(7)];
            }
        }
        return s;
    };

    @Test
    void radixOrderEqualsTheDefinition() {
        Prop.forAll("score order", 400, SCORES, s -> {
            int n = s.length;
            int[] expected = IntStream.range(0, n).filter(i -> !Float.isNaN(s[i])).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(i -> -(s[i] + 0.0)).thenComparingInt(i -> i))
                    .mapToInt(Integer::intValue).toArray();
            float[] shifted = new float[n + 2];
            System.arraycopy(s, 0, shifted, 2, n);
            int[] order = new int[n];
            int m = ScoreOrder.sort(shifted, 2, n, order, new int[n], new int[n], new int[n],
                    new int[3 * ScoreOrder.BUCKETS]);
            assertArrayEquals(expected, java.util.Arrays.copyOf(order, m));
        });
    }
}
