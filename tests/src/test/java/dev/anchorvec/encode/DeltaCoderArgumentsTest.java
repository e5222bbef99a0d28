package dev.anchorvec.encode;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.boxes.Boxes;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input: an IllegalArgumentException naming the argument (and index), and nothing written. */
class DeltaCoderArgumentsTest {

    private static final DeltaCoder TV = DeltaCoder.torchvision();

    /** 20 valid anchors (more than a 512-bit vector), with box {@code bad} replaced by {@code box}. */
    private static Boxes boxes(int bad, float... box) {
        Boxes b = Boxes.allocate(20);
        for (int i = 0; i < 20; i++) {
            b.set(i, i, i, i + 5, i + 7);
        }
        if (bad >= 0) {
            b.set(bad, box[0], box[1], box[2], box[3]);
        }
        return b;
    }

    private static void fails(String mustContain, float[] out, Executable call) {
        float[] before = out == null ? null : out.clone();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(mustContain), "message '" + e.getMessage() + "' lacks '" + mustContain + "'");
        if (out != null) {
            assertTrue(Arrays.equals(before, out), "out was written before the exception");
        }
    }

    @Test
    void encodeRejectsZeroSizeAndNaNBoxes() {
        float[] out = new float[80];
        Arrays.fill(out, 7f);
        fails("anchors[3]", out, () -> TV.encode(boxes(3, 1, 1, 1, 5), boxes(-1), out, 0));
        fails("anchors[17]", out, () -> TV.encode(boxes(17, 1, 1, 4, 0), boxes(-1), out, 0));
        fails("anchors[0]", out, () -> TV.encode(boxes(0, Float.NaN, 1, 4, 5), boxes(-1), out, 0));
        fails("gt[19]", out, () -> TV.encode(boxes(-1), boxes(19, 1, 1, 4, 1), out, 0));
        fails("gt[2]", out, () -> TV.encode(boxes(-1), boxes(2, 5, 1, 4, 3), out, 0));
    }

    @Test
    void encodeRejectsBadLengths() {
        float[] out = new float[80];
        fails("gt.size()", out, () -> TV.encode(boxes(-1), Boxes.allocate(19), out, 0));
        fails("out.length", out, () -> TV.encode(boxes(-1), boxes(-1), out, 1));
        fails("out offset", out, () -> TV.encode(boxes(-1), boxes(-1), out, -1));
        assertThrows(NullPointerException.class, () -> TV.encode(null, boxes(-1), out, 0));
    }

    @Test
    void encodeMatchedChecksOnlyWhatItUses() {
        float[] out = new float[80];
        Arrays.fill(out, 7f);
        int[] matches = new int[20];
        Arrays.fill(matches, -1);
        matches[5] = 3;
        Boxes gt = boxes(-1).resize(4);
        fails("matches[5] = 4", out, () -> {
            int[] m = matches.clone();
            m[5] = 4;
            TV.encodeMatched(boxes(-1), gt, m, out, 0);
        });
        fails("matches.length", out, () -> TV.encodeMatched(boxes(-1), gt, new int[19], out, 0));
        fails("anchors[5]", out, () -> TV.encodeMatched(boxes(5, 0, 0, 0, 0), gt, matches, out, 0));
        fails("gt[3]", out, () -> TV.encodeMatched(boxes(-1), boxes(3, 0, 0, 1, 0).resize(4), matches, out, 0));
        fails("out.length", out, () -> TV.encodeMatched(boxes(-1), gt, matches, out, 4));
        // A zero-size anchor or gt box that nothing uses is fine (background anchors are never encoded).
        assertDoesNotThrow(() -> TV.encodeMatched(boxes(6, 0, 0, 0, 0), boxes(1, 0, 0, 0, 0).resize(4), matches, out, 0));
    }

    @Test
    void decodeRejectsBadArguments() {
        float[] deltas = new float[80], out = new float[80];
        Arrays.fill(out, 7f);
        fails("k must be >= 1", out, () -> TV.decode(boxes(-1), deltas, 0, 0, out, 0));
        fails("deltas.length", out, () -> TV.decode(boxes(-1), deltas, 4, 1, out, 0));
        fails("deltas.length", out, () -> TV.decode(boxes(-1), deltas, 0, 2, out, 0));
        fails("out.length", out, () -> TV.decode(boxes(-1), deltas, 0, 1, new float[79], 0));
        fails("imageWidth", out, () -> TV.decode(boxes(-1), deltas, 0, 1, Float.NaN, 10, out, 0));
        fails("imageHeight", out, () -> TV.decode(boxes(-1), deltas, 0, 1, 10, -1, out, 0));
        float[] shared = new float[84];
        fails("overlaps", shared, () -> TV.decode(boxes(-1), shared, 0, 1, shared, 4));
        fails("deltas.length 3", null, () -> TV.decode(boxes(-1), new float[3]));
        Boxes anchors = boxes(-1);
        fails("capacity", null, () -> TV.decode(anchors, deltas, 0, Boxes.allocate(19)));
        fails("share its array with anchors", null, () -> TV.decode(anchors, deltas, 0,
                Boxes.wrapPlanar(anchors.data(), 0, 20, 20)));
        // Decode accepts any anchor: a zero-size one decodes to a point.
        assertDoesNotThrow(() -> TV.decode(boxes(3, 1, 1, 1, 1), deltas, 0, 1, out, 0));
    }

    @Test
    void factoriesRejectNonFiniteParameters() {
        fails("weights[1]", null, () -> DeltaCoder.torchvision(1, Float.NaN, 1, 1));
        fails("weights[3]", null, () -> DeltaCoder.detectron2(1, 1, 1, 0));
        fails("weights[2]", null, () -> DeltaCoder.torchvision(1, 1, Float.POSITIVE_INFINITY, 1));
        fails("scaleFactors[0]", null, () -> DeltaCoder.tensorflow(1, -1, 1, 1));
        fails("stds[2]", null, () -> DeltaCoder.mmdet(new float[4], new float[] {1, 1, 0, 1}));
        fails("means[0]", null, () -> DeltaCoder.mmdet(new float[] {Float.NaN, 0, 0, 0}, new float[] {1, 1, 1, 1}));
        fails("means must have 4", null, () -> DeltaCoder.mmdet(new float[3], new float[] {1, 1, 1, 1}));
        fails("bound", null, () -> TV.withClamp(ClampMode.UPPER, Float.NaN));
        fails("bound", null, () -> TV.withClamp(ClampMode.SYMMETRIC, 0f));
        fails("bound", null, () -> TV.withClamp(ClampMode.UPPER, 100f));
        fails("pixels", null, () -> TV.withCentreClamp(0f));
    }

    @Test
    void extremeFiniteInputGivesNoNaN() {
        Boxes anchors = boxes(0, 3, 3, 3, 3);   // zero size
        float[] deltas = new float[80];
        Arrays.fill(deltas, 1e30f);
        for (DeltaCoder c : DeltaCases.CODERS) {
            for (float v : c.decode(anchors, deltas)) {
                assertTrue(!Float.isNaN(v), c + " gave NaN");
            }
        }
    }
}
