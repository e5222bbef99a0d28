package dev.anchorvec.boxes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anchorvec.reference.ReferenceIou;
import org.junit.jupiter.api.Test;

/**
 * Named examples from the peers' own unit tests and docstrings (shared/reference/peers.md, section (c), C1 to
 * C4), checked on the facade, on the scalar and vector kernels, and on the reference oracle (so the oracle
 * itself is anchored to the peers). Tolerances are the peers' (values are given to 4 or 5 digits).
 */
class IouPeerExamplesTest {

    // C1: torchvision test/test_ops.py, TestBoxIou and the GIoU/DIoU/CIoU classes after it.
    private static final float[] INT_BOXES = {0, 0, 100, 100, 0, 0, 50, 50, 200, 200, 300, 300, 0, 0, 25, 25};
    private static final float[] INT_BOXES2 = {0, 0, 100, 100, 0, 0, 50, 50, 200, 200, 300, 300};
    private static final float[] FLOAT_BOXES = {285.3538f, 185.5758f, 1193.5110f, 851.4551f,
            285.1472f, 188.7374f, 1192.4984f, 851.0669f, 279.2440f, 197.9812f, 1189.4746f, 849.2019f};

    /** Checks one matrix on every implementation and on the reference. */
    private static void assertMatrix(IouKind kind, float[] a, float[] b, float[] expected, float tolerance) {
        Boxes ba = Boxes.ofXyxy(a), bb = Boxes.ofXyxy(b);
        int n = ba.size(), m = bb.size();
        assertArrayEquals(expected, ReferenceIou.matrix(kind, a, b), tolerance, "reference " + kind);
        assertArrayEquals(expected, BoxIou.pairwise(kind, ba, bb), tolerance, "BoxIou " + kind);
        for (IouImpls.Impl impl : IouImpls.all()) {
            float[] out = new float[n * m];
            impl.pairwise(kind, ba, 0, n, bb, 0, m, out, 0, m);
            assertArrayEquals(expected, out, tolerance, impl.name() + " " + kind);
        }
    }

    /** Checks aligned pairs on every implementation and on the reference. */
    private static void assertAligned(IouKind kind, float[] a, float[] b, float[] expected, float tolerance) {
        Boxes ba = Boxes.ofXyxy(a), bb = Boxes.ofXyxy(b);
        assertArrayEquals(expected, ReferenceIou.aligned(kind, a, b), tolerance, "reference " + kind);
        for (IouImpls.Impl impl : IouImpls.all()) {
            float[] out = new float[ba.size()];
            impl.aligned(kind, ba, bb, 0, ba.size(), out, 0);
            assertArrayEquals(expected, out, tolerance, impl.name() + " " + kind);
        }
    }

    @Test
    void c1TorchvisionIntBoxes() {
        assertMatrix(IouKind.IOU, INT_BOXES, INT_BOXES2,
                new float[] {1, 0.25f, 0, 0.25f, 1, 0, 0, 0, 1, 0.0625f, 0.25f, 0}, 1e-4f);
        assertMatrix(IouKind.GIOU, INT_BOXES, INT_BOXES2, new float[] {1, 0.25f, -0.7778f, 0.25f, 1, -0.8611f,
                -0.7778f, -0.8611f, 1, 0.0625f, 0.25f, -0.8819f}, 1e-4f);
        float[] diou = {1, 0.1875f, -0.4444f, 0.1875f, 1, -0.5625f, -0.4444f, -0.5625f, 1, -0.0781f, 0.1875f,
                -0.6267f};
        assertMatrix(IouKind.DIOU, INT_BOXES, INT_BOXES2, diou, 1e-4f);
        // All squares, so the aspect term v is 0 and CIoU equals DIoU.
        assertMatrix(IouKind.CIOU, INT_BOXES, INT_BOXES2, diou, 1e-4f);
    }

    @Test
    void c1TorchvisionFloatBoxes() {
        float[] expected = {1, 0.9933f, 0.9673f, 0.9933f, 1, 0.9737f, 0.9673f, 0.9737f, 1};
        for (IouKind kind : new IouKind[] {IouKind.IOU, IouKind.GIOU, IouKind.DIOU, IouKind.CIOU}) {
            assertMatrix(kind, FLOAT_BOXES, FLOAT_BOXES, expected, 1e-3f);
        }
    }

    @Test
    void c1TorchvisionLossBoxes() {
        // get_boxes(): b1 = [-1,-1,1,1], b2 = [0,0,1,1], b3 = [0,1,1,2], b4 = [1,1,2,2]; the losses are 1 - value.
        float[] b1 = {-1, -1, 1, 1}, b2 = {0, 0, 1, 1}, b3 = {0, 1, 1, 2}, b4 = {1, 1, 2, 2};
        assertAligned(IouKind.GIOU, concat(b1, b1, b2, b2), concat(b1, b2, b3, b4),
                new float[] {1, 0.25f, 0, -0.5f}, 1e-4f);
        float[] diou = {1, 0.1875f, -0.1923f, -0.25f};
        assertAligned(IouKind.DIOU, concat(b1, b1, b1, b1), concat(b1, b2, b3, b4), diou, 1e-4f);
        assertAligned(IouKind.CIOU, concat(b1, b1, b1, b1), concat(b1, b2, b3, b4), diou, 1e-4f);
    }

    @Test
    void c2CiouAspectTerm() {
        float[] a = {0, 0, 2, 1}, b = {0, 0, 1, 2};
        assertMatrix(IouKind.IOU, a, b, new float[] {1f / 3}, 1e-6f);
        assertMatrix(IouKind.DIOU, a, b, new float[] {0.27083f}, 1e-5f);
        assertMatrix(IouKind.CIOU, a, b, new float[] {0.23708f}, 1e-5f);
        assertAligned(IouKind.CIOU, a, b, new float[] {0.23708f}, 1e-5f);
        assertEquals(0.23708f, BoxIou.of(IouKind.CIOU, 0, 0, 2, 1, 0, 0, 1, 2), 1e-5f);
    }

    @Test
    void c3Detectron2PairwiseIouAndIoa() {
        float[] boxes1 = {0, 0, 1, 1, 0, 0, 1, 1};
        float[] boxes2 = {0, 0, 1, 1, 0, 0, 0.5f, 1, 0, 0, 1, 0.5f, 0, 0, 0.5f, 0.5f, 0.5f, 0.5f, 1, 1,
                0.5f, 0.5f, 1.5f, 1.5f};
        float[] iouRow = {1, 0.5f, 0.5f, 0.25f, 0.25f, 0.25f / 1.75f};
        assertMatrix(IouKind.IOU, boxes1, boxes2, concat(iouRow, iouRow), 1e-6f);
        // detectron2's pairwise_ioa divides by the area of boxes2: our IOA_B with boxes1 as a.
        float[] ioaRow = {1, 1, 1, 1, 1, 0.25f};
        assertMatrix(IouKind.IOA_B, boxes1, boxes2, concat(ioaRow, ioaRow), 1e-6f);
    }

    @Test
    void c4MmdetBboxOverlaps() {
        float[] b1 = {0, 0, 10, 10, 10, 10, 20, 20, 32, 32, 38, 42};
        float[] b2 = {0, 0, 10, 20, 0, 10, 10, 19, 10, 10, 20, 20};
        assertMatrix(IouKind.IOU, b1, b2, new float[] {0.5f, 0, 0, 0, 0, 1, 0, 0, 0}, 1e-4f);
        assertMatrix(IouKind.GIOU, b1, b2, new float[] {0.5f, 0, -0.5f, -0.25f, -0.05f, 1, -0.8371f, -0.8766f,
                -0.8214f}, 1e-4f);
        // mode='iof' divides by the area of bboxes1: our IOA_A (values derived by hand: only full containment).
        assertMatrix(IouKind.IOA_A, b1, b2, new float[] {1, 0, 0, 0, 0, 1, 0, 0, 0}, 1e-6f);
        // Empty shapes: (0,4) x (1,4) -> (0,1) and (1,4) x (0,4) -> (1,0).
        assertEquals(0, BoxIou.pairwise(IouKind.IOU, Boxes.ofXyxy(), Boxes.ofXyxy(0, 0, 1, 1)).length);
        assertEquals(0, BoxIou.pairwise(IouKind.IOU, Boxes.ofXyxy(0, 0, 1, 1), Boxes.ofXyxy()).length);
    }

    private static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] out = new float[n];
        int o = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }
}
