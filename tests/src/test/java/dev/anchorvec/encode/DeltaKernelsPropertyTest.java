package dev.anchorvec.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.encode.DeltaCases.Case;
import dev.anchorvec.reference.ReferenceDeltaCoder;
import dev.anchorvec.testkit.FloatChecks;
import dev.anchorvec.testkit.Prop;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The delta coder's kernels against the reference, bit for bit: the scalar kernels, the vector kernels (at this
 * run's width) and the facade. The reference computes {@code exp} and {@code log} with anchorvec's
 * {@code FloatMath} (whose accuracy against float64 {@code FloatMathTest} establishes) and everything else from
 * the definition, in the same float32 order of operations, so there is no tolerance: a kernel that differs in any
 * bit has a different formula, order or rounding.
 */
class DeltaKernelsPropertyTest {

    @Test
    void scalarEqualsReference() {
        Prop.forAll("delta scalar == reference", 200, DeltaCases.cases(3), c -> {
            ReferenceDeltaCoder ref = DeltaCases.reference(c.deltaCoder());
            ScalarDeltaKernels scalar = new ScalarDeltaKernels();
            float[] a = c.anchors(false), g = c.gt(a);
            float[] enc = new float[4 * c.n()];
            scalar.encode(c.deltaCoder().params(), Boxes.ofXyxy(a), Boxes.ofXyxy(g), c.n(), enc, 0);
            FloatChecks.assertSameBits("encode " + c.deltaCoder(), ref.encode(a, g), enc);

            float[] az = c.anchors(true), codes = c.codes();
            float[] dec = new float[codes.length];
            scalar.decode(c.deltaCoder().params(), Boxes.ofXyxy(az), c.n(), codes, 0, c.k(), false, 0, 0, dec, 0);
            FloatChecks.assertSameBits("decode " + c.deltaCoder(), ref.decode(az, codes, Float.NaN, Float.NaN), dec);
            scalar.decode(c.deltaCoder().params(), Boxes.ofXyxy(az), c.n(), codes, 0, c.k(), true, 640, 480, dec, 0);
            FloatChecks.assertSameBits("decode clip " + c.deltaCoder(), ref.decode(az, codes, 640, 480), dec);
        });
    }

    @Test
    void kernelsAndFacadeEqualTheReference() {
        Prop.forAll("delta kernels == reference", 200, DeltaCases.cases(3), c -> {
            DeltaCoder coder = c.deltaCoder();
            ReferenceDeltaCoder ref = DeltaCases.reference(coder);
            float[] a = c.anchors(false), g = c.gt(a);
            float[] want = ref.encode(a, g);
            for (DeltaKernels k : DeltaCases.kernels()) {
                float[] enc = new float[4 * c.n() + 3];
                k.encode(coder.params(), Boxes.ofXyxy(a), Boxes.ofXyxy(g), c.n(), enc, 3);
                FloatChecks.assertSameBits(k + " encode " + coder, want, Arrays.copyOfRange(enc, 3, enc.length));
            }
            FloatChecks.assertSameBits("facade encode " + coder, want, coder.encode(Boxes.ofXyxy(a),
                    Boxes.ofXyxy(g)));

            float[] az = c.anchors(true), codes = c.codes();
            float[] plain = ref.decode(az, codes, Float.NaN, Float.NaN), clipped = ref.decode(az, codes, 640, 480);
            for (DeltaKernels k : DeltaCases.kernels()) {
                float[] dec = new float[codes.length + 5];
                k.decode(coder.params(), Boxes.ofXyxy(az), c.n(), codes, 0, c.k(), false, 0, 0, dec, 5);
                FloatChecks.assertSameBits(k + " decode", plain, Arrays.copyOfRange(dec, 5, dec.length));
                k.decode(coder.params(), Boxes.ofXyxy(az), c.n(), codes, 0, c.k(), true, 640, 480, dec, 5);
                FloatChecks.assertSameBits(k + " decode clip", clipped, Arrays.copyOfRange(dec, 5, dec.length));
                if (c.k() == 1) {
                    Boxes out = Boxes.allocate(c.n() + 2);
                    k.decodePlanar(coder.params(), Boxes.ofXyxy(az), c.n(), codes, 0, true, 640, 480, out.resize(c.n()));
                    FloatChecks.assertSameBits(k + " planar == interleaved", Arrays.copyOfRange(dec, 5, dec.length),
                            out.toInterleaved(dev.anchorvec.boxes.BoxFormat.XYXY));
                }
            }
            float[] facade = new float[codes.length];
            coder.decode(Boxes.ofXyxy(az), codes, 0, c.k(), 640, 480, facade, 0);
            FloatChecks.assertSameBits("facade decode clip", clipped, facade);
            for (int i = 0; i < facade.length; i++) {
                float lim = i % 2 == 0 ? 640 : 480;
                assertTrue(facade[i] >= 0 && facade[i] <= lim, "clipped value " + facade[i] + " at " + i);
            }
        });
    }

    @Test
    void decodeInPlaceEqualsOutOfPlace() {
        Prop.forAll("delta decode in place", 100, DeltaCases.cases(2), c -> {
            DeltaCoder coder = c.deltaCoder();
            float[] az = c.anchors(true), codes = c.codes();
            for (DeltaKernels k : DeltaCases.kernels()) {
                float[] out = new float[codes.length];
                k.decode(coder.params(), Boxes.ofXyxy(az), c.n(), codes, 0, c.k(), false, 0, 0, out, 0);
                float[] inPlace = codes.clone();
                k.decode(coder.params(), Boxes.ofXyxy(az), c.n(), inPlace, 0, c.k(), false, 0, 0, inPlace, 0);
                FloatChecks.assertSameBits(k + " in place", out, inPlace);
            }
        });
    }

    @Test
    void encodeMatchedWritesPositivesAndZeros() {
        Prop.forAll("delta encodeMatched", 150, DeltaCases.cases(1), c -> {
            DeltaCoder coder = c.deltaCoder();
            float[] a = c.anchors(false);
            int m = 1 + (int) (c.seed() >>> 60);
            float[] g = Arrays.copyOf(c.gt(a), 4 * Math.min(m, c.n()));
            int gts = g.length / 4;
            SplittableRandom r = new SplittableRandom(c.seed());
            int[] matches = new int[c.n()];
            float[] pairedGt = new float[a.length];
            for (int i = 0; i < c.n(); i++) {
                int kind = r.nextInt(10);
                matches[i] = kind == 0 ? -2 : kind < 8 || gts == 0 ? -1 : r.nextInt(gts);
                if (matches[i] >= 0) {
                    System.arraycopy(g, 4 * matches[i], pairedGt, 4 * i, 4);
                } else {
                    System.arraycopy(a, 4 * i, pairedGt, 4 * i, 4); // any valid box; the row must be 0
                }
            }
            float[] want = DeltaCases.reference(coder).encode(a, pairedGt);
            float[] out = new float[4 * c.n() + 2];
            Arrays.fill(out, Float.NaN);
            coder.encodeMatched(Boxes.ofXyxy(a), Boxes.ofXyxy(g), matches, out, 1);
            assertTrue(Float.isNaN(out[0]) && Float.isNaN(out[out.length - 1]), "wrote outside the rows");
            for (int i = 0; i < c.n(); i++) {
                for (int q = 0; q < 4; q++) {
                    float expected = matches[i] >= 0 ? want[4 * i + q] : 0f;
                    assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(out[1 + 4 * i + q]),
                            "row " + i + " (match " + matches[i] + ") code " + q);
                }
            }
        });
    }
}
