package dev.anchorvec.anchors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anchorvec.simd.Shapes;
import dev.anchorvec.simd.Simd;
import dev.anchorvec.testkit.FloatChecks;
import dev.anchorvec.testkit.Gen;
import dev.anchorvec.testkit.Prop;
import java.lang.invoke.MethodHandles;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The vector tiling kernels against the scalar ones, bit for bit, at this run's vector width: odd grid widths, 1
 * to 12 anchors per location (rows from 4 floats, shorter than any vector, up to several vectors with a moved-back
 * last step), XYXY and CXCYWH slot patterns, clipping on and off, sub-ranges of rows and output offsets. Both
 * kernels must also leave everything outside their output range untouched.
 */
class TilingKernelsTest {

    private static final float SENTINEL = Float.intBitsToFloat(0x7fa00001);
    private static final TilingKernels SCALAR = new ScalarTilingKernels();

    /** One kernel call: a level's row template and rows, and how they are written. */
    record Case(int width, int anchors, int height, int yFrom, int yTo, int yLanes, boolean clip, float clipHigh,
                float scaleY, int outOffset, long seed) {

        int rowLength() {
            return 4 * width * anchors;
        }

        float[] values(int n, int salt) {
            RandomGenerator rnd = Prop.random(seed + salt);
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = switch (rnd.nextInt(5)) {
                    case 0 -> -(float) rnd.nextInt(64);
                    case 1 -> (float) rnd.nextInt(1000);
                    case 2 -> (float) rnd.nextDouble(-1, 2);
                    case 3 -> 0.5f * rnd.nextInt(-20, 20);
                    default -> (float) rnd.nextDouble(-1e4, 1e4);
                };
            }
            return v;
        }
    }

    static final Gen<Case> CASES = rnd -> {
        int width = 1 + 2 * rnd.nextInt(0, 20);            // odd widths 1 .. 39
        int anchors = 1 + rnd.nextInt(12);
        int height = 1 + rnd.nextInt(9);
        int yFrom = rnd.nextInt(height);
        int yTo = rnd.nextInt(yFrom, height + 1);
        int yLanes = rnd.nextBoolean() ? 0b1010 : 0b0010;
        boolean clip = rnd.nextBoolean();
        float clipHigh = rnd.nextBoolean() ? 640f : (float) rnd.nextDouble(0, 2);
        float scaleY = rnd.nextBoolean() ? 1f : (float) rnd.nextDouble(1e-3, 700);
        return new Case(width, anchors, height, yFrom, yTo, yLanes, clip, clipHigh, scaleY, rnd.nextInt(0, 9),
                rnd.nextLong());
    };

    private static TilingKernels vector() {
        return Simd.loadVector(MethodHandles.lookup(), TilingKernels.class,
                "dev.anchorvec.anchors.VectorTilingKernels");
    }

    @Test
    void interleavedRowsEqualScalar() {
        TilingKernels vector = vector();
        Prop.forAll("tiling.interleaved", 400, CASES, c -> {
            int len = c.rowLength();
            float[] rowConst = c.values(len, 1), rowBase = c.values(len, 2), centreY = c.values(c.height(), 3);
            int n = c.outOffset() + (c.yTo() - c.yFrom()) * len + 5;
            float[] want = filled(n), got = filled(n);
            SCALAR.interleavedRows(rowConst, rowBase, centreY, c.yFrom(), c.yTo(), c.scaleY(), c.clip(),
                    c.clipHigh(), c.yLanes(), want, c.outOffset());
            vector.interleavedRows(rowConst, rowBase, centreY, c.yFrom(), c.yTo(), c.scaleY(), c.clip(),
                    c.clipHigh(), c.yLanes(), got, c.outOffset());
            FloatChecks.assertSameBits("interleaved rows, " + Shapes.FL + " lanes", want, got);
            assertUntouched(got, c.outOffset(), n - 5);
        });
    }

    @Test
    void planeRowsEqualScalar() {
        TilingKernels vector = vector();
        Prop.forAll("tiling.planes", 400, CASES, c -> {
            int len = c.width() * c.anchors();
            float[] base = c.values(len, 4), centreY = c.values(c.height(), 5);
            int n = c.outOffset() + c.height() * len + 3;
            float[] want = filled(n), got = filled(n);
            SCALAR.planeRows(base, centreY, c.scaleY(), c.clip(), c.clipHigh(), want, c.outOffset());
            vector.planeRows(base, centreY, c.scaleY(), c.clip(), c.clipHigh(), got, c.outOffset());
            FloatChecks.assertSameBits("plane rows, " + Shapes.FL + " lanes", want, got);
            assertUntouched(got, c.outOffset(), n - 3);
        });
    }

    @Test
    void scalarRowsFollowTheDocumentedFormula() {
        float[] rowConst = {1, 2, 3, 4, 5, 6, 7, 8};
        float[] rowBase = {10, 20, 30, 40, 50, 60, 70, 80};
        float[] out = new float[16];
        SCALAR.interleavedRows(rowConst, rowBase, new float[] {0.5f, -100f}, 0, 2, 2f, true, 100f, 0b1010, out, 0);
        assertEquals("[1.0, 41.0, 3.0, 81.0, 5.0, 100.0, 7.0, 100.0, 1.0, 0.0, 3.0, 0.0, 5.0, 0.0, 7.0, 0.0]",
                Arrays.toString(out));
    }

    private static float[] filled(int n) {
        float[] v = new float[n];
        Arrays.fill(v, SENTINEL);
        return v;
    }

    private static void assertUntouched(float[] v, int from, int to) {
        for (int i = 0; i < v.length; i++) {
            if (i < from || i >= to) {
                assertEquals(Float.floatToRawIntBits(SENTINEL), Float.floatToRawIntBits(v[i]), "wrote at " + i);
            }
        }
    }
}
