package dev.anchorvec.targets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.anchors.AnchorPresets;
import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.boxes.BoxFormat;
import dev.anchorvec.encode.DeltaCoder;
import dev.anchorvec.match.MaxIouMatcher;
import dev.anchorvec.reference.ReferenceDeltaCoder;
import dev.anchorvec.reference.ReferenceMatcher;
import dev.anchorvec.testkit.Prop;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * {@link TargetBuilder} equals the composition of the references (matcher, then encode of the positives, then the
 * label rules) image by image, sequentially and in parallel; masks partition the anchors; bad batches fail before
 * anything is written.
 */
class TargetBuilderTest {

    /** A batch: anchors on a small grid, per-image gt boxes and labels. */
    record Batch(float[] anchors, float[] boxes, int[] counts, int[] labels) {
        @Override
        public String toString() {
            return "anchors " + anchors.length / 4 + " counts " + Arrays.toString(counts) + "\n    boxes "
                    + Arrays.toString(boxes) + "\n    labels " + Arrays.toString(labels);
        }
    }

    static final int CLASSES = 5;

    static Batch batch(RandomGenerator rnd) {
        int cols = 2 + rnd.nextInt(20), rows = 2 + rnd.nextInt(12), stride = 8;
        float[] anchors = new float[4 * cols * rows * 3];
        int k = 0;
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                for (int s = 1; s <= 3; s++) {
                    float half = s * stride * 0.75f;
                    anchors[k++] = x * stride + 4 - half;
                    anchors[k++] = y * stride + 4 - half;
                    anchors[k++] = x * stride + 4 + half;
                    anchors[k++] = y * stride + 4 + half;
                }
            }
        }
        int images = rnd.nextInt(5);
        int[] counts = new int[images];
        int total = 0;
        for (int b = 0; b < images; b++) {
            counts[b] = rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(9);
            total += counts[b];
        }
        float[] boxes = new float[4 * total];
        int[] labels = new int[total];
        for (int j = 0; j < total; j++) {
            float x1 = rnd.nextInt(cols * stride), y1 = rnd.nextInt(rows * stride);
            boxes[4 * j] = x1;
            boxes[4 * j + 1] = y1;
            boxes[4 * j + 2] = x1 + 2 + rnd.nextInt(40);
            boxes[4 * j + 3] = y1 + 2 + rnd.nextInt(40);
            labels[j] = 1 + rnd.nextInt(CLASSES - 1);
        }
        return new Batch(anchors, boxes, counts, labels);
    }

    /** The expected targets of one image, from the reference matcher and reference encoder. */
    private static void expect(Batch c, int b, int start, int background, boolean ssd, BatchTargets want) {
        int n = c.anchors().length / 4, m = c.counts()[b];
        float[] gt = Arrays.copyOfRange(c.boxes(), 4 * start, 4 * (start + m));
        int[] matches;
        if (m == 0) {
            matches = new int[n];
            Arrays.fill(matches, -1);
        } else {
            float[] q = ReferenceMatcher.iouMatrix(c.anchors(), gt);
            matches = ssd
                    ? ReferenceMatcher.match(q, m, n, 0.5, 0.5, 0, ReferenceMatcher.Rule.NONE, 0, false)
                    : ReferenceMatcher.match(q, m, n, 0.5, 0.4, 0, ReferenceMatcher.Rule.TORCHVISION, 0, false);
            if (ssd) {
                // torchvision SSDMatcher: each gt's best anchor (first on ties) forced to it, later gts win.
                for (int j = 0; j < m; j++) {
                    int best = 0;
                    for (int i = 1; i < n; i++) {
                        best = q[j * n + i] > q[j * n + best] ? i : best;
                    }
                    matches[best] = j;
                }
            }
        }
        ReferenceDeltaCoder coder = ssd ? ReferenceDeltaCoder.torchvision(10, 10, 5, 5)
                : ReferenceDeltaCoder.torchvision(1, 1, 1, 1);
        int positives = 0;
        for (int i = 0; i < n; i++) {
            int o = b * n + i;
            int code = matches[i];
            want.matches()[o] = code;
            want.classes()[o] = code >= 0 ? c.labels()[start + code] : code == -1 ? background : -2;
            want.positive()[o] = (byte) (code >= 0 ? 1 : 0);
            want.negative()[o] = (byte) (code == -1 ? 1 : 0);
            want.ignored()[o] = (byte) (code == -2 ? 1 : 0);
            if (code >= 0) {
                positives++;
                float[] d = coder.encode(Arrays.copyOfRange(c.anchors(), 4 * i, 4 * i + 4),
                        Arrays.copyOfRange(gt, 4 * code, 4 * code + 4));
                System.arraycopy(d, 0, want.offsets(), 4 * o, 4);
            }
        }
        want.positives()[b] = positives;
    }

    private static void assertSameTargets(BatchTargets want, BatchTargets got, boolean exactOffsets) {
        assertArrayEquals(want.matches(), got.matches(), "matches");
        assertArrayEquals(want.classes(), got.classes(), "classes");
        assertArrayEquals(want.positive(), got.positive(), "positive");
        assertArrayEquals(want.negative(), got.negative(), "negative");
        assertArrayEquals(want.ignored(), got.ignored(), "ignored");
        assertArrayEquals(want.positives(), got.positives(), "positives");
        // encodeMatched runs the scalar encoder for the positives: bit-exact with the reference's torchvision order.
        for (int k = 0; k < want.offsets().length; k++) {
            assertEquals(Float.floatToRawIntBits(want.offsets()[k]), Float.floatToRawIntBits(got.offsets()[k]),
                    "offsets[" + k + "]: " + want.offsets()[k] + " vs " + got.offsets()[k]);
        }
    }

    @Test
    void retinaNetAndSsdEqualTheReferences() {
        TargetWorkspace ws = new TargetWorkspace();
        Prop.forAll("targets.reference", 120, TargetBuilderTest::batch, c -> {
            Boxes anchors = Boxes.of(BoxFormat.XYXY, c.anchors());
            GroundTruthBatch gt = new GroundTruthBatch(c.boxes(), c.counts(), c.labels(), CLASSES);
            for (boolean ssd : new boolean[] {false, true}) {
                TargetBuilder builder = ssd ? TargetBuilder.ssd(anchors) : TargetBuilder.retinaNet(anchors);
                BatchTargets got = new BatchTargets(gt.images(), anchors.size());
                Arrays.fill(got.offsets(), Float.NaN);
                Arrays.fill(got.classes(), 99);
                builder.buildBatch(gt, got, ws);
                BatchTargets want = new BatchTargets(gt.images(), anchors.size());
                for (int b = 0; b < gt.images(); b++) {
                    expect(c, b, gt.start(b), ssd ? 0 : -1, ssd, want);
                }
                assertSameTargets(want, got, true);
            }
        });
    }

    @Test
    void masksPartitionTheAnchorsAndOffsetsAreZeroOffPositives() {
        TargetWorkspace ws = new TargetWorkspace();
        Prop.forAll("targets.masks", 100, TargetBuilderTest::batch, c -> {
            Boxes anchors = Boxes.of(BoxFormat.XYXY, c.anchors());
            GroundTruthBatch gt = new GroundTruthBatch(c.boxes(), c.counts(), c.labels(), CLASSES);
            BatchTargets t = new BatchTargets(gt.images(), anchors.size());
            TargetBuilder.retinaNet(anchors).buildBatch(gt, t, ws);
            int total = 0;
            for (int o = 0; o < t.matches().length; o++) {
                assertEquals(1, t.positive()[o] + t.negative()[o] + t.ignored()[o], "one mask per anchor at " + o);
                if (t.positive()[o] == 0) {
                    for (int k = 0; k < 4; k++) {
                        assertEquals(0f, t.offsets()[4 * o + k], "offset of a non-positive at " + o);
                    }
                } else {
                    total++;
                    assertTrue(t.classes()[o] >= 1 && t.classes()[o] < CLASSES);
                }
            }
            assertEquals(total, t.totalPositives());
        });
    }

    @Test
    void parallelBuildEqualsSequential() throws Exception {
        Boxes anchors = AnchorPresets.torchvisionRetinaNet(320, 320).toBoxes();
        RandomGenerator rnd = new java.util.SplittableRandom(3);
        int images = 9;
        int[] counts = new int[images];
        float[] boxes = new float[4 * images * 20];
        int[] labels = new int[images * 20];
        int j = 0;
        for (int b = 0; b < images; b++) {
            counts[b] = rnd.nextInt(21);
            for (int k = 0; k < counts[b]; k++, j++) {
                float x = rnd.nextInt(280), y = rnd.nextInt(280);
                boxes[4 * j] = x;
                boxes[4 * j + 1] = y;
                boxes[4 * j + 2] = x + 8 + rnd.nextInt(100);
                boxes[4 * j + 3] = y + 8 + rnd.nextInt(100);
                labels[j] = rnd.nextInt(80);
            }
        }
        GroundTruthBatch gt = new GroundTruthBatch(boxes, counts, labels, 80);
        TargetBuilder builder = TargetBuilder.retinaNet(anchors);
        BatchTargets seq = new BatchTargets(images, anchors.size());
        builder.buildBatch(gt, seq, new TargetWorkspace());
        BatchTargets par = new BatchTargets(images, anchors.size());
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            TargetWorkspace[] ws = {new TargetWorkspace(), new TargetWorkspace(), new TargetWorkspace()};
            builder.buildBatch(gt, par, pool, ws, 3);
            assertSameTargets(seq, par, true);
            builder.buildBatch(gt, par, pool, ws, 3);
            assertSameTargets(seq, par, true);
        } finally {
            pool.shutdown();
        }
        assertTrue(seq.totalPositives() > 0);
    }

    @Test
    void badBatchesNameTheArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GroundTruthBatch(new float[] {0, 0, 5, 5, 1, 1, 1, 4}, new int[] {2}, new int[] {0, 0}, 3));
        assertTrue(e.getMessage().contains("boxes[1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new GroundTruthBatch(new float[] {0, 0, 5, 5}, new int[] {1}, new int[] {3}, 3));
        assertTrue(e.getMessage().contains("labels[0]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new GroundTruthBatch(new float[] {0, 0, 5, 5}, new int[] {1, 1}, new int[] {0, 0}, 3));
        assertTrue(e.getMessage().contains("counts"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new GroundTruthBatch(new float[] {0, 0, 5, 5}, new int[] {-1}, new int[] {0}, 3));
        assertTrue(e.getMessage().contains("counts[0]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new GroundTruthBatch(new float[] {0, 0, Float.NaN, 5}, new int[] {1}, new int[] {0}, 3));

        Boxes anchors = Boxes.ofXyxy(0, 0, 4, 4, 2, 2, 6, 6);
        GroundTruthBatch gt = new GroundTruthBatch(new float[] {0, 0, 5, 5}, new int[] {1}, new int[] {0}, 3);
        BatchTargets t = new BatchTargets(1, 2);
        Arrays.fill(t.classes(), 7);
        // SSD reserves class 0 for background: a gt labelled 0 is rejected before anything is written.
        e = assertThrows(IllegalArgumentException.class, () -> TargetBuilder.ssd(anchors).buildBatch(gt, t,
                new TargetWorkspace()));
        assertTrue(e.getMessage().contains("labels[0]"), e.getMessage());
        assertArrayEquals(new int[] {7, 7}, t.classes());
        assertThrows(IllegalArgumentException.class,
                () -> TargetBuilder.retinaNet(anchors).buildBatch(gt, new BatchTargets(1, 3), new TargetWorkspace()));
        assertThrows(IllegalArgumentException.class,
                () -> TargetBuilder.retinaNet(anchors).buildBatch(gt, new BatchTargets(0, 2), new TargetWorkspace()));
        assertThrows(IllegalArgumentException.class, () -> TargetBuilder.retinaNet(anchors).buildBatch(gt, t,
                Runnable::run, new TargetWorkspace[1], 2));
        assertThrows(IllegalArgumentException.class, () -> new TargetBuilder(anchors,
                MaxIouMatcher.torchvision(0.5, 0.4, true), DeltaCoder.torchvision(), -2));
    }

    /**
     * issue 13: a zero-width anchor used to be matched, its matches written, and then the encoder threw. Anchors are
     * now checked (and copied) when the builder is made.
     */
    @Test
    void degenerateAnchorsAreRejectedWhenTheBuilderIsMade() {
        Boxes zeroWidth = Boxes.ofXyxy(0, 0, 4, 4, 2, 2, 2, 6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TargetBuilder.retinaNet(zeroWidth));
        assertTrue(e.getMessage().contains("anchors[1]"), e.getMessage());
        for (float[] bad : new float[][] {{0, 0, Float.NaN, 4}, {0, 0, Float.POSITIVE_INFINITY, 4},
                {-3e38f, 0, 3e38f, 4}, {0, 5, 4, 1}}) {
            assertThrows(IllegalArgumentException.class, () -> TargetBuilder.ssd(Boxes.ofXyxy(bad)),
                    Arrays.toString(bad));
        }
        // The builder keeps its own copy: changing the caller's anchors later changes nothing.
        Boxes anchors = Boxes.ofXyxy(0, 0, 4, 4, 2, 2, 6, 6);
        TargetBuilder builder = TargetBuilder.retinaNet(anchors);
        GroundTruthBatch gt = new GroundTruthBatch(new float[] {0, 0, 5, 5}, new int[] {1}, new int[] {0}, 3);
        BatchTargets before = new BatchTargets(1, 2);
        builder.buildBatch(gt, before, new TargetWorkspace());
        anchors.set(0, 1, 1, 1, 1);
        BatchTargets after = new BatchTargets(1, 2);
        builder.buildBatch(gt, after, new TargetWorkspace());
        assertSameTargets(before, after, true);
    }

    /**
     * issue 13: a box whose width overflows float used to be accepted and its targets were infinite. It is rejected;
     * valid boxes far from tiny anchors give offsets that saturate at +-Float.MAX_VALUE.
     */
    @Test
    void overflowingBoxesAreRejectedAndOffsetsSaturate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GroundTruthBatch(
                new float[] {0, 0, 5, 5, -3e38f, 0, 3e38f, 1}, new int[] {2}, new int[] {0, 0}, 3));
        assertTrue(e.getMessage().contains("boxes[1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GroundTruthBatch(
                new float[] {0, -Float.MAX_VALUE, 1, Float.MAX_VALUE}, new int[] {1}, new int[] {0}, 3));
        // Tiny anchors near 0 and a huge box: its log-size ratio and centre offset overflow float.
        Boxes tiny = Boxes.ofXyxy(0, 0, 1e-30f, 1e-30f, 1e-30f, 0, 2e-30f, 1e-30f);
        GroundTruthBatch far = new GroundTruthBatch(new float[] {-1.7e38f, -1.7e38f, 1.7e38f, 1.7e38f, 3e38f, 3e38f,
                3.1e38f, 3.1e38f}, new int[] {2}, new int[] {1, 2}, 3);
        for (TargetBuilder builder : new TargetBuilder[] {TargetBuilder.retinaNet(tiny), TargetBuilder.ssd(tiny)}) {
            BatchTargets t = new BatchTargets(1, 2);
            builder.buildBatch(far, t, new TargetWorkspace());
            assertTrue(t.totalPositives() > 0, "low-quality / forced matches make positives");
            boolean saturated = false;
            for (float v : t.offsets()) {
                assertTrue(Float.isFinite(v), "offset " + v);
                saturated |= Math.abs(v) == Float.MAX_VALUE;
            }
            assertTrue(saturated, Arrays.toString(t.offsets()));
        }
    }

    /** The batch holds copies of the loader's arrays, so reusing them for the next batch is safe. */
    @Test
    void groundTruthIsCopied() {
        float[] boxes = {0, 0, 5, 5, 1, 1, 3, 4, 99};
        int[] counts = {1, 1};
        int[] labels = {2, 0, 7};
        GroundTruthBatch gt = new GroundTruthBatch(boxes, counts, labels, 3);
        Arrays.fill(boxes, Float.NaN);
        Arrays.fill(counts, 5);
        Arrays.fill(labels, -1);
        assertArrayEquals(new float[] {0, 0, 5, 5, 1, 1, 3, 4}, gt.boxes());
        assertArrayEquals(new int[] {2, 0}, gt.labels());
        assertEquals(1, gt.count(1));
        assertEquals(2, gt.start(2));
        gt.boxes()[0] = 42;
        assertEquals(0f, gt.boxes()[0], "boxes() is a copy");
        assertThrows(IllegalArgumentException.class, () -> gt.count(2));
        assertThrows(IllegalArgumentException.class, () -> gt.start(3));
        assertThrows(IllegalArgumentException.class, () -> new BatchTargets(BatchTargets.MAX_IMAGES + 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new BatchTargets(2, BatchTargets.MAX_SLOTS / 2 + 1));
    }
}
