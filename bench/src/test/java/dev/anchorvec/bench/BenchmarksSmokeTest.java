package dev.anchorvec.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.boxes.BoxIou;
import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.boxes.IouKind;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;

/**
 * Runs every JMH benchmark once, outside JMH: instantiates each class, sets its {@code @Param}s (the defaults, then
 * every other value of each parameter, plus a few extra cases), runs its {@code @Setup} methods and each
 * {@code @Benchmark} method, and checks the outputs. A benchmark class without a check here fails the build.
 */
class BenchmarksSmokeTest {

    /** Output checks per benchmark class; every benchmark class must have one. */
    private static final Map<Class<?>, Consumer<Object>> CHECKS = Map.ofEntries(
            Map.entry(IouMatrixBench.class, b -> checkIouMatrix((IouMatrixBench) b)),
            Map.entry(BestIouBench.class, b -> checkBestIou((BestIouBench) b)),
            Map.entry(AnchorTilingBench.class, b -> checkTiling((AnchorTilingBench) b)),
            Map.entry(KMeansBench.class, b -> checkKMeans((KMeansBench) b)),
            Map.entry(MatchBench.class, b -> checkMatch((MatchBench) b)),
            Map.entry(BoxCoderBench.class, b -> checkBoxCoder((BoxCoderBench) b)),
            Map.entry(LinearYoloBench.class, b -> checkLinearYolo((LinearYoloBench) b)),
            Map.entry(TargetBench.class, b -> checkTargets((TargetBench) b)),
            Map.entry(FocalLossBench.class, b -> checkFocal((FocalLossBench) b)),
            Map.entry(SmoothL1Bench.class, b -> checkSmoothL1((SmoothL1Bench) b)),
            Map.entry(IouLossBench.class, b -> checkIouLoss((IouLossBench) b)),
            Map.entry(NmsBench.class, b -> checkNms((NmsBench) b)),
            Map.entry(BatchedNmsBench.class, b -> checkBatchedNms((BatchedNmsBench) b)),
            Map.entry(RetinaNetPostprocessBench.class, b -> checkRetinaNet((RetinaNetPostprocessBench) b)),
            Map.entry(SoftNmsBench.class, b -> checkSoftNms((SoftNmsBench) b)),
            Map.entry(OpenCvNmsBench.class, b -> checkOpenCvNms((OpenCvNmsBench) b)));

    /** Extra parameter sets beyond the @Param lists (non-default IoU kinds on odd sizes). */
    private static final Map<Class<?>, List<Map<String, String>>> EXTRA = Map.of(
            IouMatrixBench.class, List.of(
                    Map.of("workload", "7x13", "kind", "GIOU"),
                    Map.of("workload", "100x37", "kind", "DIOU"),
                    Map.of("workload", "1003x10", "kind", "CIOU"),
                    Map.of("workload", "33x17", "kind", "IOA_A")));

    static Set<String> benchmarkClasses() throws Exception {
        try (InputStream in = BenchmarksSmokeTest.class.getResourceAsStream(BenchmarkList.BENCHMARK_LIST)) {
            assertNotNull(in, "no " + BenchmarkList.BENCHMARK_LIST + ": JMH's annotation processor did not run");
            Set<String> out = new TreeSet<>();
            for (BenchmarkListEntry e : BenchmarkList.readBenchmarkList(in)) {
                out.add(e.getUserClassQName());
            }
            return out;
        }
    }

    @Test
    void everyBenchmarkClassHasACheck() throws Exception {
        Set<String> classes = benchmarkClasses();
        assertFalse(classes.isEmpty());
        for (String c : classes) {
            assertTrue(CHECKS.containsKey(Class.forName(c)), c + " has no smoke check in " + getClass().getName());
        }
    }

    @Test
    void everyBenchmarkHasScalarAndVectorMethods() throws Exception {
        for (String c : benchmarkClasses()) {
            Set<String> names = new TreeSet<>();
            for (Method m : Class.forName(c).getMethods()) {
                if (m.isAnnotationPresent(Benchmark.class)) {
                    names.add(m.getName());
                }
            }
            if (c.equals(OpenCvNmsBench.class.getName())) {
                // The in-JMH peer: OpenCV only, no anchorvec kernel.
                assertEquals(Set.of("nmsBoxes", "nmsBoxesBatched"), names);
                continue;
            }
            // scalar and vector, vector at forced widths (NmsBench.vector256), plus at most a baseline that is not
            // an anchorvec kernel (AnchorTilingBench.fill).
            assertTrue(names.containsAll(Set.of("scalar", "vector")), c + ": " + names);
            names.removeAll(Set.of("scalar", "vector"));
            names.removeIf(n -> n.matches("vector(128|256|512)"));
            assertTrue(names.isEmpty() || names.equals(Set.of("fill")), c + " has unexpected methods " + names);
        }
    }

    @TestFactory
    Stream<DynamicTest> runEveryBenchmarkOnce() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : benchmarkClasses()) {
            Class<?> cls = Class.forName(name);
            for (Map<String, String> params : paramSets(cls)) {
                tests.add(DynamicTest.dynamicTest(cls.getSimpleName() + " " + params, () -> runOnce(cls, params)));
            }
        }
        return tests.stream();
    }

    /** The defaults (first value of each @Param), then each other value of each @Param alone, then extras. */
    static List<Map<String, String>> paramSets(Class<?> cls) {
        Map<String, String> defaults = new LinkedHashMap<>();
        List<Map<String, String>> sets = new ArrayList<>();
        for (Field f : cls.getFields()) {
            Param p = f.getAnnotation(Param.class);
            if (p != null) {
                defaults.put(f.getName(), p.value()[0]);
            }
        }
        sets.add(defaults);
        for (Field f : cls.getFields()) {
            Param p = f.getAnnotation(Param.class);
            if (p != null) {
                for (int i = 1; i < p.value().length; i++) {
                    Map<String, String> s = new LinkedHashMap<>(defaults);
                    s.put(f.getName(), p.value()[i]);
                    sets.add(s);
                }
            }
        }
        for (Map<String, String> extra : EXTRA.getOrDefault(cls, List.of())) {
            Map<String, String> s = new LinkedHashMap<>(defaults);
            s.putAll(extra);
            sets.add(s);
        }
        return sets;
    }

    static void runOnce(Class<?> cls, Map<String, String> params) throws Exception {
        Object bench = cls.getConstructor().newInstance();
        for (Map.Entry<String, String> e : params.entrySet()) {
            Field f = cls.getField(e.getKey());
            f.set(bench, f.getType() == int.class ? (Object) Integer.parseInt(e.getValue()) : e.getValue());
        }
        for (Method m : cls.getMethods()) {
            // Setups with JMH infrastructure arguments (the implementation guard) only make sense in a fork.
            if (m.isAnnotationPresent(Setup.class) && m.getParameterCount() == 0) {
                m.invoke(bench);
            }
        }
        int benchmarks = 0;
        for (Method m : cls.getMethods()) {
            if (m.isAnnotationPresent(Benchmark.class)) {
                Object result = m.invoke(bench);
                assertNotNull(result, m.getName() + " returned null");
                CHECKS.get(cls).accept(bench);
                benchmarks++;
            }
        }
        assertTrue(benchmarks >= 2, cls + " has fewer than 2 benchmark methods");
    }

    static void checkIouMatrix(IouMatrixBench b) {
        int n = b.anchors.size(), m = b.gt.size();
        int[] nm = Workloads.size(b.workload);
        assertEquals(nm[0], n);
        assertEquals(nm[1], m);
        assertEquals((long) n * m, b.out.length);
        float lo = switch (b.iouKind) {
            case IOU, IOA_A, IOA_B -> 0f;
            case GIOU, DIOU -> -1f;
            case CIOU -> -2f; // diou - alpha * v with alpha * v <= 1
        };
        int positive = 0;
        for (int k = 0; k < b.out.length; k++) {
            float v = b.out[k];
            assertTrue(v >= lo && v <= 1f, () -> "value out of range: " + v);
            if (v > 0) {
                positive++;
            }
        }
        if ((long) n * m >= 1000) {
            assertTrue(positive > 0, "no overlapping pair at all: workload not loaded?");
        }
        // Spot checks against the one-pair form, and for IOU against a double-precision formula on the raw rows.
        float[] rawA = Workloads.floats(Workloads.IOU_ANCHORS), rawB = Workloads.floats(Workloads.IOU_GT);
        int step = Math.max(1, n / 97);
        for (int i = 0; i < n; i += step) {
            for (int j = 0; j < m; j += Math.max(1, m / 7)) {
                float got = b.out[i * m + j];
                float want = BoxIou.of(b.iouKind, b.anchors.x1(i), b.anchors.y1(i), b.anchors.x2(i), b.anchors.y2(i),
                        b.gt.x1(j), b.gt.y1(j), b.gt.x2(j), b.gt.y2(j));
                assertEquals(want, got, b.iouKind == IouKind.CIOU ? 1e-6f : 0f, "pair " + i + "," + j);
                if (b.iouKind == IouKind.IOU) {
                    int jj = j % (rawB.length / 4);
                    assertEquals(iou(rawA, i, rawB, jj), got, 1e-5, "IoU of pair " + i + "," + j);
                }
            }
        }
    }

    static void checkTiling(AnchorTilingBench b) {
        // torchvision's RetinaNet anchor counts at 640 and 1024.
        assertEquals(b.image == 640 ? 76725 : 196416, b.grid.size());
        float[] want = b.grid.toArray();
        b.scalar();   // (re)writes the output: the fill baseline may have run last
        float[] got = b.output.equals("planar") ? b.planar.toInterleaved(dev.anchorvec.boxes.BoxFormat.XYXY)
                : b.out;
        assertArrayEquals(want, got);
        // First anchor of P3: ratio 0.5, size 32 at (0, 0), torchvision's rounded half-extents.
        assertArrayEquals(new float[] {-23, -11, 23, 11}, java.util.Arrays.copyOf(want, 4));
    }

    /** Sampled rows against FCOS's and YOLOv5's formulas in double. */
    static void checkLinearYolo(LinearYoloBench b) {
        Boxes a = b.anchors, g = b.gt;
        assertEquals(4 * b.boxes, b.out.length);
        double s = LinearYoloBench.STRIDE;
        for (int i = 0; i < b.boxes; i += Math.max(1, b.boxes / 101)) {
            double aw = a.x2(i) - a.x1(i), ah = a.y2(i) - a.y1(i);
            double acx = 0.5 * ((double) a.x1(i) + a.x2(i)), acy = 0.5 * ((double) a.y1(i) + a.y2(i));
            float[] d = b.codes;
            double[] want;
            if (b.coder.equals("linear") && b.op.equals("encode")) {
                want = new double[] {(acx - g.x1(i)) / aw, (acy - g.y1(i)) / ah, (g.x2(i) - acx) / aw,
                    (g.y2(i) - acy) / ah};
            } else if (b.coder.equals("linear")) {
                want = new double[] {acx - d[4 * i] * aw, acy - d[4 * i + 1] * ah, acx + d[4 * i + 2] * aw,
                    acy + d[4 * i + 3] * ah};
            } else if (b.op.equals("encode")) {
                double gcx = 0.5 * ((double) g.x1(i) + g.x2(i)), gcy = 0.5 * ((double) g.y1(i) + g.y2(i));
                want = new double[] {((gcx - acx) / s + 1) / 2, ((gcy - acy) / s + 1) / 2,
                    Math.sqrt((g.x2(i) - g.x1(i)) / aw) / 2, Math.sqrt((g.y2(i) - g.y1(i)) / ah) / 2};
                for (int q = 0; q < 4; q++) {
                    want[q] = Math.min(Math.max(want[q], 1e-6), 1 - 1e-6);
                }
            } else {
                double[] sig = new double[4];
                for (int q = 0; q < 4; q++) {
                    sig[q] = 1 / (1 + Math.exp(-d[4 * i + q]));
                }
                double cx = acx + (2 * sig[0] - 1) * s, cy = acy + (2 * sig[1] - 1) * s;
                double hw = 2 * sig[2] * sig[2] * aw, hh = 2 * sig[3] * sig[3] * ah;
                want = new double[] {cx - hw, cy - hh, cx + hw, cy + hh};
            }
            for (int q = 0; q < 4; q++) {
                assertEquals(want[q], b.out[4 * i + q], 1e-4 * (1 + Math.abs(want[q])),
                        b.coder + " " + b.op + " row " + i + " " + q);
            }
        }
    }

    /** Sampled rows against torchvision's formulas in double (weights 1): encode codes, decoded corners. */
    static void checkBoxCoder(BoxCoderBench b) {
        Boxes a = b.anchors, g = b.gt;
        assertEquals(b.boxes, a.size());
        assertEquals(4 * b.boxes, b.out.length);
        if (b.op.equals("matched")) {
            for (int i = 0; i < b.boxes; i++) {
                boolean zero = b.out[4 * i] == 0 && b.out[4 * i + 1] == 0 && b.out[4 * i + 2] == 0 && b.out[4 * i + 3] == 0;
                assertEquals(b.matches[i] < 0, zero, "row " + i + " match " + b.matches[i]);
            }
            return;
        }
        for (int i = 0; i < b.boxes; i += Math.max(1, b.boxes / 101)) {
            double aw = a.x2(i) - a.x1(i), ah = a.y2(i) - a.y1(i);
            double acx = a.x1(i) + 0.5 * aw, acy = a.y1(i) + 0.5 * ah;
            double[] want;
            if (b.op.equals("encode")) {
                double gw = g.x2(i) - g.x1(i), gh = g.y2(i) - g.y1(i);
                want = new double[] {(g.x1(i) + 0.5 * gw - acx) / aw, (g.y1(i) + 0.5 * gh - acy) / ah,
                    Math.log(gw / aw), Math.log(gh / ah)};
            } else {
                float[] d = b.codes;
                double cx = d[4 * i] * aw + acx, cy = d[4 * i + 1] * ah + acy;
                double hw = 0.5 * Math.exp(Math.min(d[4 * i + 2], Math.log(1000.0 / 16))) * aw;
                double hh = 0.5 * Math.exp(Math.min(d[4 * i + 3], Math.log(1000.0 / 16))) * ah;
                want = new double[] {cx - hw, cy - hh, cx + hw, cy + hh};
            }
            for (int q = 0; q < 4; q++) {
                assertEquals(want[q], b.out[4 * i + q], 1e-4 * (1 + Math.abs(want[q])), b.op + " row " + i + " " + q);
            }
        }
    }

    static void checkFocal(FocalLossBench b) {
        int positives = 0;
        for (int a = 0; a < b.anchors; a++) {
            int label = b.labels[a];
            for (int c = 0; c < b.classes; c++) {
                float g = b.grad[a * b.classes + c];
                assertTrue(Float.isFinite(g), "grad " + a + "," + c);
                if (label == dev.anchorvec.loss.Labels.IGNORE) {
                    assertEquals(0f, g, "ignored anchor " + a);
                } else {
                    // Positive target: the loss falls as the logit rises; negative: it rises.
                    assertTrue(c == label ? g < 0 : g > 0, "grad sign at " + a + "," + c + ": " + g);
                }
            }
            positives += label >= 0 ? 1 : 0;
        }
        assertTrue(positives > 200 && positives < 400, "positives " + positives);
        double value = b.loss.normalized(b.logits, b.labels, b.anchors, b.classes, b.divisor, null);
        assertTrue(value > 0 && Double.isFinite(value), "loss " + value);
    }

    static void checkSmoothL1(SmoothL1Bench b) {
        int nonZero = 0;
        for (int k = 0; k < b.grad.length; k++) {
            if (b.matches[k / 4] < 0) {
                assertEquals(0f, b.grad[k], "non-positive element " + k);
            } else {
                nonZero += b.grad[k] != 0f ? 1 : 0;
            }
        }
        assertTrue(nonZero > 100, "non-zero gradients " + nonZero);
    }

    static void checkNms(NmsBench b) {
        int k = dev.anchorvec.select.Nms.greedy(b.input, b.scores, 0, b.t, b.keep, b.ws);
        int[] torchvision = Workloads.ints("nms_n" + b.boxes + "_keep_t0.5.i32");
        assertTrue(k > 0 && k < b.boxes, "kept " + k);
        assertEquals(java.util.Arrays.toString(torchvision), java.util.Arrays.toString(java.util.Arrays.copyOf(b.keep, k)));
    }

    static void checkSoftNms(SoftNmsBench b) {
        int k = dev.anchorvec.select.SoftNms.run(b.input, b.scores, 0, b.params, b.keep, b.updated, b.ws);
        assertTrue(k > 0 && k <= b.boxes, "kept " + k);
        assertEquals(k, java.util.Arrays.stream(b.keep, 0, k).distinct().count(), "distinct");
        for (int i = 0; i < k; i++) {
            assertTrue(b.updated[i] >= 1e-3f && b.updated[i] <= b.scores[b.keep[i]], "score " + i);
            assertTrue(i == 0 || b.updated[i] <= b.updated[i - 1], "order at " + i);
        }
    }

    static void checkRetinaNet(RetinaNetPostprocessBench b) {
        assertEquals(300, b.run());
        assertEquals(null, RetinaNetPostprocessBench.compare(b.out, RetinaNetPostprocessBench.torchvision()));
        // The check itself can fail: one label changed is reported.
        b.out.labels()[7] ^= 1;
        assertTrue(RetinaNetPostprocessBench.compare(b.out, RetinaNetPostprocessBench.torchvision())
                .startsWith("label of detection 7"));
    }

    static void checkBatchedNms(BatchedNmsBench b) {
        int k = dev.anchorvec.select.BatchedNms.run(b.input, b.scores, 0, b.classes, 0, b.numClasses, b.t, b.keep,
                b.ws);
        int[] torchvision = Workloads.ints("nms_n" + b.boxes + "_batched_keep_t0.5.i32");
        assertEquals(torchvision.length, k);
        for (int i = 1; i < k; i++) {
            float prev = b.scores[b.keep[i - 1]], cur = b.scores[b.keep[i]];
            assertTrue(prev > cur || (prev == cur && b.keep[i - 1] < b.keep[i]), "order at " + i);
        }
        int[] ours = java.util.Arrays.copyOf(b.keep, k);
        java.util.Arrays.sort(ours);
        java.util.Arrays.sort(torchvision);
        assertEquals(java.util.Arrays.toString(torchvision), java.util.Arrays.toString(ours));
    }

    /** The keep Mat holds the last call's result: NMSBoxesBatched's (as a set) or NMSBoxes' (exactly). */
    static void checkOpenCvNms(OpenCvNmsBench b) {
        int[] got = b.keep.toArray();
        int[] plain = Workloads.ints("nms_n" + b.boxes + "_cv2_keep_t0.5.i32");
        int[] batched = Workloads.ints("nms_n" + b.boxes + "_batched_keep_t0.5.i32");
        assertTrue(java.util.Arrays.equals(plain, got) || BatchedNmsBench.sameSet(batched, got),
                "OpenCV kept " + got.length + " boxes, expected " + plain.length + " or " + batched.length);
    }

    static void checkIouLoss(IouLossBench b) {
        int positives = 0, nonZero = 0;
        for (int k = 0; k < b.grad.length; k++) {
            if (b.matches[k / 4] < 0) {
                assertEquals(0f, b.grad[k], "non-positive element " + k);
            } else {
                nonZero += b.grad[k] != 0f ? 1 : 0;
                positives += k % 4 == 0 ? 1 : 0;
            }
        }
        assertTrue(positives > b.anchors / 100, "positives " + positives);
        assertTrue(nonZero > positives, "non-zero gradients " + nonZero);
        double value = b.loss.normalized(b.pred, b.target, b.matches, b.anchors, b.divisor, null);
        assertTrue(value > 0 && value < 2, "mean loss " + value);
    }

    static void checkKMeans(KMeansBench b) {
        assertEquals(b.boxes, b.sizes.size());
        double iou = dev.anchorvec.anchors.fit.AnchorMetrics.meanBestIou(b.sizes, b.anchors);
        assertTrue(iou > 0.3 && iou < 1, "mean best IoU " + iou);
    }

    /** The boxes path's codes equal the quality-matrix path's on the same IoUs; some anchors are positive. */
    static void checkTargets(TargetBench b) {
        int n = b.anchors.size();
        int[] want = dev.anchorvec.match.MaxIouMatcher.torchvision(0.5, 0.4, true).match(b.anchors,
                dev.anchorvec.boxes.Boxes.of(dev.anchorvec.boxes.BoxFormat.XYXY, b.gt.boxes()));
        assertArrayEquals(want, java.util.Arrays.copyOf(b.targets.matches(), n));
        assertTrue(b.targets.totalPositives() >= b.gt.count(0), "too few positives");
    }

    static void checkMatch(MatchBench b) {
        int n = b.anchors.size(), m = b.gt.size();
        int[] want = b.matcher.match(dev.anchorvec.boxes.BoxIou.pairwise(dev.anchorvec.boxes.IouKind.IOU, b.gt,
                b.anchors), m, n);
        assertArrayEquals(want, b.matches);
        assertTrue(java.util.Arrays.stream(b.matches).filter(c -> c >= 0).count() >= m, "too few positives");
    }

    static void checkBestIou(BestIouBench b) {
        Boxes a = b.anchors, g = b.gt;
        int n = a.size(), m = g.size();
        int step = Math.max(1, n / 211);
        for (int i = 0; i < n; i++) {
            int arg = b.argA[i];
            assertTrue(arg >= 0 && arg < m, "argA[" + i + "] = " + arg);
            assertTrue(b.bestA[i] >= 0f && b.bestA[i] <= 1f);
            assertEquals(pair(a, i, g, arg), b.bestA[i], 0f, "bestA[" + i + "]");
            if (i % step == 0) {
                for (int j = 0; j < m; j++) {
                    float v = pair(a, i, g, j);
                    assertTrue(v <= b.bestA[i], "anchor " + i + ": gt " + j + " beats the best");
                    if (j < arg) {
                        assertTrue(v < b.bestA[i], "anchor " + i + ": tie not broken to the lowest index");
                    }
                }
            }
        }
        for (int j = 0; j < m; j++) {
            int arg = b.argB[j];
            assertTrue(arg >= 0 && arg < n, "argB[" + j + "] = " + arg);
            assertEquals(pair(a, arg, g, j), b.bestB[j], 0f, "bestB[" + j + "]");
            assertTrue(b.bestB[j] <= b.bestA[arg], "gt " + j + " beats its best anchor's own best");
        }
        // A gt's best over all anchors is at least any anchor's IoU with it; check against a sample of anchors.
        for (int i = 0; i < n; i += step) {
            for (int j = 0; j < m; j++) {
                assertTrue(pair(a, i, g, j) <= b.bestB[j], "gt " + j + ": anchor " + i + " beats the best");
            }
        }
    }

    private static float pair(Boxes a, int i, Boxes b, int j) {
        return BoxIou.of(IouKind.IOU, a.x1(i), a.y1(i), a.x2(i), a.y2(i), b.x1(j), b.y1(j), b.x2(j), b.y2(j));
    }

    /** IoU in double precision from interleaved rows (the workload boxes are all valid, non-empty). */
    private static double iou(float[] a, int i, float[] b, int j) {
        double ax1 = a[4 * i], ay1 = a[4 * i + 1], ax2 = a[4 * i + 2], ay2 = a[4 * i + 3];
        double bx1 = b[4 * j], by1 = b[4 * j + 1], bx2 = b[4 * j + 2], by2 = b[4 * j + 3];
        double w = Math.max(0, Math.min(ax2, bx2) - Math.max(ax1, bx1));
        double h = Math.max(0, Math.min(ay2, by2) - Math.max(ay1, by1));
        double inter = w * h;
        double union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - inter;
        return union > 0 ? inter / union : 0;
    }
}
