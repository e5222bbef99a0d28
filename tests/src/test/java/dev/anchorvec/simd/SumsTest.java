package dev.anchorvec.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Sums} (scalar) and {@link VectorSums} (this run's width) against the definition written plainly: 16
 * double lanes, element k into lane k mod 16 in order, then the fixed tree. Bit for bit, on every length from 0 to
 * 80 and a few long ones, at offsets, with values that make the order matter (mixed magnitudes and signs) and
 * with the special ones (-0.0, subnormals, +-MAX_VALUE, +-Infinity, NaN).
 */
class SumsTest {

    /** The definition, in the plainest form. */
    static double definition(float[] a, int off, int len) {
        double[] v = new double[16];
        for (int k = 0; k < len; k++) {
            v[k % 16] += a[off + k];
        }
        double[] t = new double[8];
        for (int i = 0; i < 8; i++) {
            t[i] = v[i] + v[i + 8];
        }
        double[] u = new double[4];
        for (int i = 0; i < 4; i++) {
            u[i] = t[i] + t[i + 4];
        }
        return (u[0] + u[2]) + (u[1] + u[3]);
    }

    private static float draw(SplittableRandom r, boolean specials) {
        int kind = r.nextInt(specials ? 12 : 8);
        return switch (kind) {
            case 0 -> (float) r.nextDouble(-1, 1);
            case 1 -> (float) r.nextDouble(-1e6, 1e6);
            case 2 -> (float) (r.nextDouble(-1, 1) * 1e-30);
            case 3 -> Float.intBitsToFloat(r.nextInt(1, 1 << 23)) * (r.nextBoolean() ? 1 : -1);   // subnormal
            case 4 -> r.nextBoolean() ? Float.MAX_VALUE : -Float.MAX_VALUE;
            case 5 -> -0f;
            case 6 -> (float) r.nextDouble(0, 3e38);
            case 7 -> (float) Math.scalb(r.nextDouble(), r.nextInt(-149, 128));
            case 8 -> Float.POSITIVE_INFINITY;
            case 9 -> Float.NEGATIVE_INFINITY;
            case 10 -> Float.NaN;
            default -> 0f;
        };
    }

    private static void check(float[] a, int off, int len) {
        long want = Double.doubleToLongBits(definition(a, off, len));
        String what = "len " + len + " off " + off;
        assertEquals(want, Double.doubleToLongBits(Sums.sum(a, off, len)), "scalar " + what);
        assertEquals(want, Double.doubleToLongBits(VectorSums.sum(a, off, len)),
                "vector (" + Shapes.FL + " lanes) " + what);
    }

    @Test
    void everyLengthAndOffsetEqualsTheDefinition() {
        SplittableRandom r = new SplittableRandom(2026);
        for (int len = 0; len <= 80; len++) {
            for (int off : new int[] {0, 1, 3, 16, 17}) {
                for (boolean specials : new boolean[] {false, true}) {
                    float[] a = new float[off + len + 5];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = draw(r, specials);
                    }
                    check(a, off, len);
                }
            }
        }
    }

    @Test
    void longArraysEqualTheDefinition() {
        SplittableRandom r = new SplittableRandom(7);
        for (int len : new int[] {1000, 4093, 4096, 100003}) {
            float[] a = new float[len + 3];
            for (int i = 0; i < a.length; i++) {
                a[i] = draw(r, false);
            }
            check(a, 3, len);
        }
    }

    @Test
    void floatOverflowDoesNotHappen() {
        float[] a = new float[100];
        java.util.Arrays.fill(a, Float.MAX_VALUE);
        assertEquals(100.0 * Float.MAX_VALUE, Sums.sum(a, 0, 100), 1e25);
        assertEquals(Sums.sum(a, 0, 100), VectorSums.sum(a, 0, 100));
    }
}
