package dev.anchorvec.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.testkit.Prop;
import org.junit.jupiter.api.Test;

/** {@link LinearCoder} against torchvision's {@code BoxLinearCoder} formulas, round trip, bad input. */
class LinearCoderTest {

    @Test
    void torchvisionFormulasBitForBit() {
        Prop.forAll("linear coder == BoxLinearCoder", 100, DeltaCases.cases(1), c -> {
            float[] a = c.anchors(false), g = c.gt(a);
            for (boolean norm : new boolean[] {false, true}) {
                float[] codes = LinearCoder.torchvision(norm).encode(Boxes.ofXyxy(a), Boxes.ofXyxy(g));
                float[] back = LinearCoder.torchvision(norm).decode(Boxes.ofXyxy(a), codes);
                for (int i = 0; i < c.n(); i++) {
                    int o = 4 * i;
                    float cx = 0.5f * (a[o] + a[o + 2]), cy = 0.5f * (a[o + 1] + a[o + 3]);
                    float w = norm ? a[o + 2] - a[o] : 1f, h = norm ? a[o + 3] - a[o + 1] : 1f;
                    float[] want = {(cx - g[o]) / w, (cy - g[o + 1]) / h, (g[o + 2] - cx) / w, (g[o + 3] - cy) / h};
                    for (int q = 0; q < 4; q++) {
                        assertEquals(want[q], codes[o + q], 0f, "row " + i + " code " + q);
                        float side = q % 2 == 0 ? w : h;
                        float dec = q < 2 ? (q == 0 ? cx : cy) - codes[o + q] * side : (q == 2 ? cx : cy) + codes[o + q] * side;
                        assertEquals(norm ? dec : q < 2 ? (q == 0 ? cx : cy) - codes[o + q] : (q == 2 ? cx : cy) + codes[o + q],
                                back[o + q], 0f);
                        // Round trip: a few roundings at the coordinate magnitude.
                        float mag = Math.max(Math.abs(g[o + q]), Math.max(Math.abs(cx), Math.abs(cy)));
                        assertTrue(Math.abs(back[o + q] - g[o + q]) <= 4 * Math.ulp(mag) + 2 * Math.ulp(Math.abs(g[o + q] - (q % 2 == 0 ? cx : cy))),
                                "round trip row " + i + ": " + g[o + q] + " -> " + back[o + q]);
                    }
                }
            }
        });
    }

    @Test
    void detectron2LinearRoundTripExample() {
        // d2 test_box2box_transform_linear: target [0, 0, 101, 101] from a point-like anchor, atol 1e-3.
        Boxes anchor = Boxes.ofXyxy(50, 50, 51, 51), gt = Boxes.ofXyxy(0, 0, 101, 101);
        LinearCoder c = LinearCoder.torchvision(true);
        assertArrayEquals(new float[] {50.5f, 50.5f, 50.5f, 50.5f}, c.encode(anchor, gt), 0f);
        assertArrayEquals(new float[] {0, 0, 101, 101}, c.decode(anchor, c.encode(anchor, gt)), 1e-3f);
    }

    @Test
    void badInput() {
        LinearCoder norm = LinearCoder.torchvision(true);
        float[] out = new float[8];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> norm.encode(
                Boxes.ofXyxy(0, 0, 1, 1, 2, 2, 2, 3), Boxes.ofXyxy(0, 0, 1, 1, 0, 0, 1, 1), out, 0));
        assertTrue(e.getMessage().contains("anchors[1]"), e.getMessage());
        assertArrayEquals(new float[8], out, 0f);
        // Not normalised: no division, so any anchor is fine.
        LinearCoder.torchvision(false).encode(Boxes.ofXyxy(0, 0, 1, 1, 2, 2, 2, 3), Boxes.ofXyxy(0, 0, 1, 1, 0, 0, 1, 1), out, 0);
        assertThrows(IllegalArgumentException.class, () -> norm.decode(Boxes.ofXyxy(0, 0, 1, 1), new float[3]));
        assertThrows(IllegalArgumentException.class, () -> norm.encode(Boxes.ofXyxy(0, 0, 1, 1), Boxes.allocate(2)));
    }
}
