package dev.anchorvec.select.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.encode.DeltaCoder;
import dev.anchorvec.reference.ReferencePostprocess;
import dev.anchorvec.reference.ReferencePostprocess.Result;
import dev.anchorvec.select.ScoreThreshold;
import dev.anchorvec.testkit.FloatChecks;
import dev.anchorvec.testkit.Gen;
import dev.anchorvec.testkit.Prop;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The pipelines against {@link ReferencePostprocess}: sources, labels and scores exactly, boxes exactly where
 * they are copied (YOLOv5, generic) and within {@value #DECODE_ULPS} ulps where they are decoded (the vector
 * decoder's EXP may differ from {@code Math.exp} by an ulp). Also buffers (heap, direct, with a position) equal
 * arrays, the batch API equals image-by-image runs, and bad input is rejected before anything is written.
 */
class PostprocessTest {

    static final int DECODE_ULPS = 4;

    /** One RetinaNet image: levels, logits, deltas, anchors, thresholds. */
    record RetinaCase(int[] perLevel, int classes, float[] logits, float[] deltas, float[] anchors, float threshold,
                      int topK, double iou, int maxDet) {
        int anchorCount() {
            return anchors.length / 4;
        }

        @Override
        public String toString() {
            return "levels " + Arrays.toString(perLevel) + " classes " + classes + " thr " + threshold + " topK "
                    + topK + " iou " + iou + " maxDet " + maxDet;
        }
    }

    static float logit(RandomGenerator rnd, float threshold) {
        return switch (rnd.nextInt(40)) {
            case 0 -> Float.NaN;
            case 1 -> Float.POSITIVE_INFINITY;
            case 2 -> Float.NEGATIVE_INFINITY;
            case 3 -> ScoreThreshold.minLogit(threshold); // exactly on the boundary: passes
            case 4 -> Math.nextDown(ScoreThreshold.minLogit(threshold)); // just below: fails
            case 5, 6, 7, 8, 9, 10 -> (float) rnd.nextGaussian() * 2;
            default -> (float) rnd.nextGaussian() * 2 - 6;
        };
    }

    static final Gen<RetinaCase> RETINA = rnd -> {
        int levels = 1 + rnd.nextInt(3);
        int[] perLevel = new int[levels];
        int a = 0;
        for (int l = 0; l < levels; l++) {
            perLevel[l] = rnd.nextInt(4) == 0 ? rnd.nextInt(3) : rnd.nextInt(150);
            a += perLevel[l];
        }
        int classes = 1 + rnd.nextInt(rnd.nextBoolean() ? 3 : 12);
        float threshold = new float[] {0.05f, 0.3f, 0.5f, 0.01f}[rnd.nextInt(4)];
        float[] logits = new float[a * classes];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = logit(rnd, threshold);
        }
        float[] anchors = new float[4 * a], deltas = new float[4 * a];
        for (int i = 0; i < a; i++) {
            // Anchors on a few cluster centres so that decoded boxes overlap and NMS has work.
            float cx = 40 + 60 * rnd.nextInt(4) + (float) rnd.nextGaussian() * 4;
            float cy = 40 + 60 * rnd.nextInt(4) + (float) rnd.nextGaussian() * 4;
            float w = 16 + rnd.nextFloat() * 60, h = 16 + rnd.nextFloat() * 60;
            anchors[4 * i] = cx - w / 2;
            anchors[4 * i + 1] = cy - h / 2;
            anchors[4 * i + 2] = cx + w / 2;
            anchors[4 * i + 3] = cy + h / 2;
            for (int k = 0; k < 4; k++) {
                deltas[4 * i + k] = rnd.nextInt(30) == 0 ? 12f : (float) rnd.nextGaussian() * 0.3f;
            }
        }
        int topK = rnd.nextBoolean() ? 1000 : 1 + rnd.nextInt(30);
        double iou = new double[] {0.5, 0.3, 0.7, 0.0}[rnd.nextInt(4)];
        return new RetinaCase(perLevel, classes, logits, deltas, anchors, threshold, topK, iou,
                rnd.nextBoolean() ? 300 : 1 + rnd.nextInt(20));
    };

    static final float WIDTH = 256, HEIGHT = 200;

    static Result reference(RetinaCase c) {
        return ReferencePostprocess.retinaNet(c.logits(), c.deltas(), c.anchors(), c.perLevel(), c.classes(), WIDTH,
                HEIGHT, c.threshold(), c.topK(), c.iou(), c.maxDet());
    }

    static RetinaNetPostprocess post(RetinaCase c) {
        return new RetinaNetPostprocess(c.threshold(), c.topK(), c.iou(), c.maxDet(), DeltaCoder.torchvision());
    }

    static void assertSame(Result expected, Detections d, int ulps) {
        assertEquals(expected.count(), d.count(), "count");
        assertArrayEquals(expected.sources(), Arrays.copyOf(d.sources(), d.count()), "sources");
        assertArrayEquals(expected.labels(), Arrays.copyOf(d.labels(), d.count()), "labels");
        FloatChecks.assertSameBits("scores", expected.scores(), Arrays.copyOf(d.scores(), d.count()));
        float[] boxes = d.boxes().toInterleaved(dev.anchorvec.boxes.BoxFormat.XYXY);
        for (int k = 0; k < boxes.length; k++) {
            assertTrue(FloatChecks.ulpDistance(expected.boxes()[k], boxes[k]) <= ulps, "box coordinate " + k
                    + ": expected " + expected.boxes()[k] + ", got " + boxes[k]);
        }
    }

    @Test
    void retinaNetEqualsTheReference() {
        Detections d = new Detections();
        PostprocessWorkspace ws = new PostprocessWorkspace();
        Prop.forAll("retinanet pipeline", 200, RETINA, c -> {
            int n = post(c).run(c.logits(), 0, c.deltas(), 0, Boxes.ofXyxy(c.anchors()), c.perLevel(), c.classes(),
                    WIDTH, HEIGHT, d, ws);
            assertEquals(d.count(), n);
            assertSame(reference(c), d, DECODE_ULPS);
        });
    }

    @Test
    void ssdEqualsTheReference() {
        Detections d = new Detections();
        PostprocessWorkspace ws = new PostprocessWorkspace();
        Prop.forAll("ssd pipeline", 150, RETINA, c -> {
            int classes = c.classes() + 1; // with the background class
            int a = c.anchorCount();
            float[] logits = new float[a * classes];
            for (int i = 0; i < logits.length; i++) {
                float v = c.logits()[i % c.logits().length]; // a > 0 here, so the RetinaNet logits are not empty
                logits[i] = Float.isInfinite(v) ? v / 2 : (v + 6) / 2; // moderate logits: softmax has mass spread
            }
            SsdPostprocess post = new SsdPostprocess(c.threshold() / 4, c.topK(), c.iou(), c.maxDet(),
                    DeltaCoder.ssd());
            post.run(logits, 0, c.deltas(), 0, Boxes.ofXyxy(c.anchors()), classes, WIDTH, HEIGHT, d, ws);
            assertSame(ReferencePostprocess.ssd(logits, c.deltas(), c.anchors(), classes, WIDTH, HEIGHT,
                    c.threshold() / 4, c.topK(), c.iou(), c.maxDet()), d, DECODE_ULPS);
        });
    }

    @Test
    void retinaNetBatchEqualsImageByImage() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Prop.forAll("retinanet batch", 30, RETINA, c -> {
                int images = 5, a = c.anchorCount();
                float[] logits = new float[images * c.logits().length], deltas = new float[images * 4 * a];
                for (int b = 0; b < images; b++) {
                    // Each image its own scores: rotate the logits.
                    for (int i = 0; i < c.logits().length; i++) {
                        logits[b * c.logits().length + i] = c.logits()[(i + 7 * b) % c.logits().length];
                    }
                    System.arraycopy(c.deltas(), 0, deltas, b * 4 * a, 4 * a);
                }
                Detections[] out = new Detections[images];
                PostprocessWorkspace[] wss = new PostprocessWorkspace[3];
                for (int b = 0; b < images; b++) {
                    out[b] = new Detections();
                }
                for (int t = 0; t < wss.length; t++) {
                    wss[t] = new PostprocessWorkspace();
                }
                Boxes anchors = Boxes.ofXyxy(c.anchors());
                post(c).runBatch(logits, deltas, anchors, c.perLevel(), c.classes(), images, WIDTH, HEIGHT, out, pool,
                        wss, 3);
                Detections one = new Detections();
                for (int b = 0; b < images; b++) {
                    post(c).run(logits, b * c.logits().length, deltas, b * 4 * a, anchors, c.perLevel(), c.classes(),
                            WIDTH, HEIGHT, one, new PostprocessWorkspace());
                    assertEquals(one.count(), out[b].count(), "image " + b);
                    assertArrayEquals(Arrays.copyOf(one.sources(), one.count()),
                            Arrays.copyOf(out[b].sources(), out[b].count()), "image " + b);
                    FloatChecks.assertSameBits("boxes of image " + b, one.boxes().toInterleaved(
                            dev.anchorvec.boxes.BoxFormat.XYXY), out[b].boxes().toInterleaved(
                            dev.anchorvec.boxes.BoxFormat.XYXY));
                }
            });
        } finally {
            pool.shutdown();
        }
    }

    /** A YOLOv5 export: rows of cx, cy, w, h, obj, classes. */
    record YoloCase(float[] out, int n, int classes, boolean multiLabel, boolean agnostic, int maxNms) {
        @Override
        public String toString() {
            return "n " + n + " classes " + classes + " multiLabel " + multiLabel + " agnostic " + agnostic
                    + " maxNms " + maxNms;
        }
    }

    static final Gen<YoloCase> YOLO = rnd -> {
        int n = rnd.nextInt(400), classes = 1 + rnd.nextInt(10), row = 5 + classes;
        float[] out = new float[n * row];
        for (int i = 0; i < n; i++) {
            out[row * i] = 50 + 100 * rnd.nextInt(3) + (float) rnd.nextGaussian() * 5;
            out[row * i + 1] = 50 + 100 * rnd.nextInt(3) + (float) rnd.nextGaussian() * 5;
            out[row * i + 2] = 10 + rnd.nextFloat() * 80;
            out[row * i + 3] = 10 + rnd.nextFloat() * 80;
            for (int k = 4; k < row; k++) {
                out[row * i + k] = rnd.nextInt(50) == 0 ? Float.NaN : rnd.nextInt(8) == 0 ? 0.5f : rnd.nextFloat();
            }
        }
        return new YoloCase(out, n, classes, rnd.nextInt(3) == 0, rnd.nextInt(4) == 0,
                rnd.nextBoolean() ? 30000 : 1 + rnd.nextInt(50));
    };

    @Test
    void yolov5EqualsTheReferenceOnHeapAndDirectBuffers() {
        Detections d = new Detections();
        PostprocessWorkspace ws = new PostprocessWorkspace();
        Prop.forAll("yolov5 pipeline", 200, YOLO, c -> {
            Yolov5Postprocess post = new Yolov5Postprocess(0.25f, 0.45, c.maxNms(), 300, c.multiLabel(), c.agnostic());
            Result expected = ReferencePostprocess.yolov5(c.out(), c.n(), c.classes(), 0.25f, 0.45, c.maxNms(), 300,
                    c.multiLabel(), c.agnostic());
            post.run(FloatBuffer.wrap(c.out()), c.n(), c.classes(), d, ws);
            assertSame(expected, d, 0);
            post.run(direct(c.out(), 3), c.n(), c.classes(), d, ws);
            assertSame(expected, d, 0);
        });
    }

    @Test
    void yolov5FromRawHeadOutputsEqualsTheReference() {
        Detections d = new Detections();
        PostprocessWorkspace ws = new PostprocessWorkspace();
        Prop.forAll("yolov5 raw pipeline", 150, YOLO, c -> {
            int n = c.n(), row = 5 + c.classes();
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(n * 31L + c.classes());
            float[] raw = new float[n * row], anchors = new float[4 * n], strides = new float[n];
            for (int i = 0; i < n; i++) {
                strides[i] = new float[] {8, 16, 32}[i % 3];
                float cx = 40 + 60 * rnd.nextInt(3), cy = 40 + 60 * rnd.nextInt(3);
                float w = 10 + 60 * (float) rnd.nextDouble(), h = 10 + 60 * (float) rnd.nextDouble();
                anchors[4 * i] = cx - w / 2;
                anchors[4 * i + 1] = cy - h / 2;
                anchors[4 * i + 2] = cx + w / 2;
                anchors[4 * i + 3] = cy + h / 2;
                for (int k = 0; k < row; k++) {
                    // Objectness and class logits from the case's probabilities (NaN stays NaN).
                    float p = c.out()[row * i + k];
                    raw[row * i + k] = k < 4 ? (float) (rnd.nextDouble() * 2 - 1) : (float) Math.log(p / (1 - p));
                }
            }
            Yolov5Postprocess post = new Yolov5Postprocess(0.25f, 0.45, c.maxNms(), 300, c.multiLabel(), c.agnostic());
            Result expected = ReferencePostprocess.yolov5Raw(raw, anchors, strides, c.classes(), 0.25f, 0.45,
                    c.maxNms(), 300, c.multiLabel(), c.agnostic());
            post.runRaw(raw, 0, Boxes.ofXyxy(anchors), strides, c.classes(), d, ws);
            assertEquals(expected.count(), d.count(), "count");
            assertArrayEquals(expected.sources(), Arrays.copyOf(d.sources(), d.count()), "sources");
            assertArrayEquals(expected.labels(), Arrays.copyOf(d.labels(), d.count()), "labels");
            FloatChecks.assertSameBits("scores", expected.scores(), Arrays.copyOf(d.scores(), d.count()));
            float[] boxes = d.boxes().toInterleaved(dev.anchorvec.boxes.BoxFormat.XYXY);
            for (int k = 0; k < boxes.length; k++) {
                // The reference forms centre and size, then corners; YoloCoder forms half-sizes: a few roundings.
                assertEquals(expected.boxes()[k], boxes[k], 1e-4f * Math.max(1f, Math.abs(boxes[k])), "box " + k);
            }
        });
    }

    /** A direct buffer holding {@code values} after {@code skip} floats, positioned at them. */
    static FloatBuffer direct(float[] values, int skip) {
        FloatBuffer b = ByteBuffer.allocateDirect(4 * (values.length + skip)).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        b.position(skip);
        b.put(values);
        b.position(skip);
        return b;
    }

    @Test
    void genericEntryEqualsTheReferenceFromArraysAndBuffers() {
        Detections d = new Detections();
        PostprocessWorkspace ws = new PostprocessWorkspace();
        Prop.forAll("generic pipeline", 200, YOLO, c -> {
            int n = c.n(), classes = c.classes(), row = 5 + classes;
            float[] boxes = new float[4 * n], scores = new float[n * classes];
            for (int i = 0; i < n; i++) {
                float cx = c.out()[row * i], cy = c.out()[row * i + 1], w = c.out()[row * i + 2], h = c.out()[row * i + 3];
                boxes[4 * i] = cx - w / 2;
                boxes[4 * i + 1] = cy - h / 2;
                boxes[4 * i + 2] = cx + w / 2;
                boxes[4 * i + 3] = cy + h / 2;
                System.arraycopy(c.out(), row * i + 5, scores, classes * i, classes);
            }
            DetectionPostprocess post = new DetectionPostprocess(0.4f, c.maxNms(), 0.5, 100, c.agnostic());
            Result expected = ReferencePostprocess.generic(boxes, scores, n, classes, 0.4f, c.maxNms(), 0.5, 100,
                    c.agnostic());
            post.run(boxes, 0, scores, 0, n, classes, d, ws);
            assertSame(expected, d, 0);
            post.run(direct(boxes, 1), direct(scores, 5), n, classes, d, ws);
            assertSame(expected, d, 0);
        });
    }

    @Test
    void badInputIsRejectedBeforeAnythingIsWritten() {
        Detections d = new Detections();
        PostprocessWorkspace ws = new PostprocessWorkspace();
        RetinaNetPostprocess post = RetinaNetPostprocess.torchvision();
        Boxes anchors = Boxes.ofXyxy(0, 0, 10, 10, 5, 5, 20, 20);
        float[] logits = new float[2 * 3], deltas = new float[8];
        assertThrows(IllegalArgumentException.class,
                () -> post.run(logits, 0, deltas, 0, anchors, new int[] {1}, 3, 100, 100, d, ws));
        assertThrows(IllegalArgumentException.class,
                () -> post.run(logits, 0, deltas, 0, anchors, new int[] {3, -1}, 3, 100, 100, d, ws));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> post.run(logits, 1, deltas, 0, anchors, new int[] {2}, 3, 100, 100, d, ws));
        assertTrue(e.getMessage().startsWith("logits"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> post.run(logits, 0, new float[7], 0, anchors, new int[] {2}, 3, 100, 100, d, ws));
        assertTrue(e.getMessage().startsWith("deltas"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> post.run(logits, 0, deltas, 0, anchors, new int[] {2}, 3, Float.NaN, 100, d, ws));
        assertThrows(IllegalArgumentException.class,
                () -> new RetinaNetPostprocess(Float.NaN, 10, 0.5, 10, DeltaCoder.torchvision()));
        assertThrows(IllegalArgumentException.class,
                () -> new RetinaNetPostprocess(0.05f, -1, 0.5, 10, DeltaCoder.torchvision()));
        assertThrows(IllegalArgumentException.class,
                () -> new RetinaNetPostprocess(0.05f, 10, Double.NaN, 10, DeltaCoder.torchvision()));
        assertThrows(IllegalArgumentException.class, () -> new Yolov5Postprocess(0.25f, 0.45, -1, 300, false, false));
        e = assertThrows(IllegalArgumentException.class,
                () -> Yolov5Postprocess.defaults().run(FloatBuffer.allocate(10), 2, 1, d, ws));
        assertTrue(e.getMessage().startsWith("output"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DetectionPostprocess(0.3f, 10, 0.5, 10, false)
                .run(FloatBuffer.allocate(8), FloatBuffer.allocate(3), 2, 2, d, ws));
        assertTrue(e.getMessage().startsWith("scores"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SsdPostprocess.torchvision().run(logits, 0, deltas, 0,
                anchors, 1, 100, 100, d, ws));
        assertTrue(e.getMessage().startsWith("numClasses"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SsdPostprocess.torchvision().run(logits, 0, deltas, 0,
                anchors, 4, 100, 100, d, ws));
        assertEquals(0, d.count());
    }

    @Test
    void nonFiniteOffsetsFollowTheNmsPolicy() {
        // NaN and infinite offsets decode to NaN or clipped boxes; a NaN box neither suppresses nor is suppressed,
        // so the result still equals the reference (which applies the same rule), and nothing hangs or throws.
        Detections d = new Detections();
        PostprocessWorkspace ws = new PostprocessWorkspace();
        Prop.forAll("retinanet non-finite offsets", 60, RETINA, c -> {
            float[] deltas = c.deltas().clone();
            for (int k = 0; k < deltas.length; k += 7) {
                deltas[k] = k % 3 == 0 ? Float.NaN : k % 3 == 1 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
            }
            RetinaCase nonFinite = new RetinaCase(c.perLevel(), c.classes(), c.logits(), deltas, c.anchors(),
                    c.threshold(), c.topK(), c.iou(), c.maxDet());
            post(nonFinite).run(c.logits(), 0, deltas, 0, Boxes.ofXyxy(c.anchors()), c.perLevel(), c.classes(), WIDTH,
                    HEIGHT, d, ws);
            Result expected = reference(nonFinite);
            assertEquals(expected.count(), d.count());
            assertArrayEquals(expected.sources(), Arrays.copyOf(d.sources(), d.count()));
        });
    }

    @Test
    void emptyInputsGiveNoDetections() {
        Detections d = new Detections();
        PostprocessWorkspace ws = new PostprocessWorkspace();
        assertEquals(0, RetinaNetPostprocess.torchvision().run(new float[0], 0, new float[0], 0, Boxes.allocate(0),
                new int[] {0, 0}, 80, 640, 640, d, ws));
        assertEquals(0, Yolov5Postprocess.defaults().run(FloatBuffer.allocate(0), 0, 80, d, ws));
        float[] allBelow = new float[10 * 3];
        Arrays.fill(allBelow, -20f);
        assertEquals(0, RetinaNetPostprocess.torchvision().run(allBelow, 0, new float[40], 0,
                Boxes.ofXyxy(new float[40]), new int[] {10}, 3, 640, 640, d, ws));
    }
}
