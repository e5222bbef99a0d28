package dev.anchorvec.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anchorvec.boxes.Boxes;
import org.junit.jupiter.api.Test;

/** The box-coder expectations of peers.md C8, and the presets' conventions on small hand-made cases. */
class DeltaCoderPeerExamplesTest {

    private static final Boxes ANCHOR = Boxes.ofXyxy(0, 0, 10, 10);
    private static final Boxes GT = Boxes.ofXyxy(1, 2, 11, 14);

    @Test
    void mmdetDelta2bboxDocstringExample() {
        // mmdet delta2bbox docstring: means 0, stds 1, max_shape (32, 32); symmetric clamp; a zero-size roi.
        Boxes rois = Boxes.ofXyxy(0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 5, 5, 5, 5);
        float[] deltas = {0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 2, -1, 0.7f, -1.9f, -0.5f, 0.3f};
        float[] out = new float[16];
        DeltaCoder.mmdet().decode(rois, deltas, 0, 1, 32, 32, out, 0);
        assertArrayEquals(new float[] {0, 0, 1, 1, 0.1409f, 0.1409f, 2.8591f, 2.8591f, 0, 0.3161f, 4.1945f, 0.6839f,
            5, 5, 5, 5}, out, 1e-4f);
    }

    @Test
    void torchvisionEncodeExample() {
        assertArrayEquals(new float[] {1.0f, 3.0f, 0.0f, 0.911608f},
                DeltaCoder.torchvision(10, 10, 5, 5).encode(ANCHOR, GT), 1e-6f);
        assertArrayEquals(new float[] {0.1f, 0.3f, 0.0f, 0.182322f}, DeltaCoder.torchvision().encode(ANCHOR, GT),
                1e-6f);
        assertArrayEquals(DeltaCoder.torchvision(10, 10, 5, 5).encode(ANCHOR, GT),
                DeltaCoder.detectron2(10, 10, 5, 5).encode(ANCHOR, GT));
    }

    @Test
    void decodeClampGivesWidth625() {
        float[] box = DeltaCoder.torchvision().decode(ANCHOR, new float[] {0, 0, 10, 0});
        assertEquals(625f, box[2] - box[0], 1e-3f);
        assertEquals(10f, box[3] - box[1], 0f);
        // Symmetric: the lower bound too (width 10 / 62.5 = 0.16); none: exp(10) * 10.
        box = DeltaCoder.mmdet().decode(ANCHOR, new float[] {0, 0, -10, 0});
        assertEquals(0.16f, box[2] - box[0], 1e-6f);
        box = DeltaCoder.torchvision().withClamp(ClampMode.NONE).decode(ANCHOR, new float[] {0, 0, 10, 0});
        assertEquals(10 * Math.exp(10), box[2] - box[0], 1);
    }

    @Test
    void tensorflowOrderIsYxhw() {
        float[] tf = DeltaCoder.tensorflow(10, 10, 5, 5).encode(ANCHOR, GT);
        assertArrayEquals(new float[] {3.0f, 1.0f, 0.911608f, 0.0f}, tf, 1e-6f);
        // No clamp in TF decode: th = 5 * 5 (scale 5) gives exp(5) * 10 of height.
        float[] box = DeltaCoder.tensorflow(10, 10, 5, 5).decode(ANCHOR, new float[] {0, 0, 25, 0});
        assertEquals(10 * Math.exp(5), box[3] - box[1], 1e-3);
        assertEquals(10f, box[2] - box[0], 0f);
    }

    @Test
    void ssdVariancesAreWeights10x5() {
        assertArrayEquals(DeltaCoder.torchvision(10, 10, 5, 5).encode(ANCHOR, GT), DeltaCoder.ssd().encode(ANCHOR, GT));
        // DJL: ox = px * 0.1 * aw + ax, no clamp.
        float[] box = DeltaCoder.djl().decode(ANCHOR, new float[] {10, 0, 25, 0});
        assertEquals(15f, (box[0] + box[2]) / 2, 1e-5f);
        assertEquals(10 * Math.exp(5), box[2] - box[0], 1e-3);
    }

    @Test
    void mmdetMeansAndStdsAndCentreClamp() {
        DeltaCoder c = DeltaCoder.mmdet(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, new float[] {0.1f, 0.1f, 0.2f, 0.2f});
        float[] raw = DeltaCoder.mmdet().encode(ANCHOR, GT);
        float[] d = c.encode(ANCHOR, GT);
        float[] means = {0.1f, 0.2f, 0.3f, 0.4f}, stds = {0.1f, 0.1f, 0.2f, 0.2f};
        for (int q = 0; q < 4; q++) {
            assertEquals((raw[q] - means[q]) / stds[q], d[q], 1e-5f, "code " + q);
        }
        assertArrayEquals(new float[] {1, 2, 11, 14}, c.decode(ANCHOR, d), 1e-5f);
        // add_ctr_clamp: a shift of 10 widths moves the centre by at most 32 pixels.
        float[] box = DeltaCoder.mmdet().withCentreClamp(32).withClamp(ClampMode.UPPER)
                .decode(ANCHOR, new float[] {10, -10, 0, 0});
        assertArrayEquals(new float[] {32, -32, 42, -22}, box, 0f);
    }
}
