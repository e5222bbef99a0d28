package dev.anchorvec.targets;

import dev.anchorvec.adversarial.AdversarialSuite;
import dev.anchorvec.adversarial.Attack;
import dev.anchorvec.adversarial.Attacks;
import dev.anchorvec.adversarial.BoxAttacks;
import dev.anchorvec.adversarial.EntryPoint;
import dev.anchorvec.adversarial.Invocation;
import dev.anchorvec.adversarial.Variant;
import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.encode.DeltaCoder;
import dev.anchorvec.match.MatchWorkspace;
import dev.anchorvec.match.MaxIouMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The adversarial suite over {@code dev.anchorvec.targets}: {@link GroundTruthBatch}, {@link BatchTargets},
 * {@link TargetBuilder} (one image, a batch on several executors, the sequential batch) and
 * {@link TargetWorkspace}. Every build returning normally is repeated on the scalar and the vector label kernels
 * ({@link LabelTwins}) and must give the same targets bit for bit. Rules: per image, the matches are the builder's
 * matcher's codes, the classes follow the codes and labels, exactly one mask per anchor, the offsets of positives
 * are the coder's codes saturated at {@code +-Float.MAX_VALUE} and zero elsewhere, the positives counted, and
 * images that were not built untouched.
 */
class TargetsAdversarialTest {

    private static final int ANCHORS = 37;
    private static final int CLASSES = 6;

    /** Two pools the batch entry points run on (daemon threads: they outlive the test class harmlessly). */
    private static final ExecutorService POOL = Executors.newFixedThreadPool(3, r -> {
        Thread t = new Thread(r, "targets-adversarial");
        t.setDaemon(true);
        return t;
    });
    private static final ExecutorService SHUT_DOWN = shutDown();

    private static ExecutorService shutDown() {
        ExecutorService e = Executors.newSingleThreadExecutor();
        e.shutdown();
        return e;
    }

    @Test
    void targets() {
        AdversarialSuite suite = new AdversarialSuite("targets");
        groundTruth(suite);
        batchTargets(suite);
        builders(suite);
        build(suite);
        suite.run().assertNoDefects();
    }

    // ---------------------------------------------------------------- GroundTruthBatch

    /** Three images with 2, 0 and 3 boxes (one spare value and label at the end). */
    private static float[] gtBoxes() {
        return new float[] {10, 12, 40, 30, 50, 50, 90, 95, 5, 5, 25, 60, 60, 10, 80, 35, 30, 30, 31, 31, 8};
    }

    private static int[] gtCounts() {
        return new int[] {2, 0, 3};
    }

    private static int[] gtLabels() {
        return new int[] {1, 3, 5, 2, 1, 4};
    }

    /** Box 1 of the baseline replaced. */
    private static Variant box1(String label, float x1, float y1, float x2, float y2) {
        return Variant.of("box 1 = [" + x1 + ", " + y1 + ", " + x2 + ", " + y2 + "] (" + label + ")", () -> {
            float[] b = gtBoxes();
            b[4] = x1;
            b[5] = y1;
            b[6] = x2;
            b[7] = y2;
            return b;
        });
    }

    private static Attack gtBoxAttacks() {
        return Attacks.floatArrays().and(ctx -> List.of(
                box1("width overflows", -3e38f, 0, 3e38f, 1),
                box1("height overflows", 0, -Float.MAX_VALUE, 1, Float.MAX_VALUE),
                box1("subnormal size", 0, 0, Float.MIN_VALUE, Float.MIN_VALUE),
                box1("huge but finite size", -1.7e38f, -1.7e38f, 1.7e38f, 1.7e38f),
                box1("far away", 3e38f, 3e38f, 3.1e38f, 3.1e38f),
                box1("zero width", 5, 5, 5, 9),
                box1("inverted", 9, 9, 5, 5)));
    }

    private static void groundTruth(AdversarialSuite suite) {
        suite.add(EntryPoint.named("new GroundTruthBatch(boxes, counts, labels, numClasses)")
                .in("boxes", TargetsAdversarialTest::gtBoxes, gtBoxAttacks())
                .in("counts", TargetsAdversarialTest::gtCounts, Attacks.intArrays())
                .in("labels", TargetsAdversarialTest::gtLabels, Attacks.intArrays())
                .in("numClasses", () -> CLASSES, Attacks.ints())
                .call(x -> {
                    float[] boxes = copy(x.<float[]>get(0));
                    int[] counts = copy(x.<int[]>get(1)), labels = copy(x.<int[]>get(2));
                    GroundTruthBatch gt = new GroundTruthBatch(boxes, counts, labels, x.get(3));
                    // The batch holds copies: what the caller does to its arrays later changes nothing.
                    List<Object> seen = List.of(gt.images(), gt.maxCount(), gt.boxes().clone(), gt.labels().clone(),
                            starts(gt));
                    Arrays.fill(boxes, Float.NaN);
                    Arrays.fill(counts, -1);
                    Arrays.fill(labels, -1);
                    List<Object> after = List.of(gt.images(), gt.maxCount(), gt.boxes().clone(), gt.labels().clone(),
                            starts(gt));
                    return List.of(seen, after);
                })
                .rule((x, before, r) -> {
                    List<?> l = (List<?>) r;
                    if (!Arrays.deepEquals(((List<?>) l.get(0)).toArray(), ((List<?>) l.get(1)).toArray())) {
                        return "the batch changed with the caller's arrays: " + l;
                    }
                    return null;
                })
                .build());
        suite.add(EntryPoint.named("GroundTruthBatch.count(b), start(b)")
                .in("b", () -> 1, Attacks.ints())
                .call(x -> {
                    GroundTruthBatch gt = new GroundTruthBatch(gtBoxes(), gtCounts(), gtLabels(), CLASSES);
                    int b = x.get(0);
                    return List.of(gt.count(b), gt.start(b));
                })
                .rule((x, before, r) -> {
                    int b = x.get(0);
                    List<Integer> want = List.of(gtCounts()[b], new int[] {0, 2, 2}[b]);
                    return r.equals(want) ? null : "count and start of image " + b + ": " + r + ", expected " + want;
                })
                .build());
        suite.add(EntryPoint.named("GroundTruthBatch.start(b) for b = images()")
                .in("b", () -> 3, Attacks.ints())
                .call(x -> new GroundTruthBatch(gtBoxes(), gtCounts(), gtLabels(), CLASSES).start(x.get(0)))
                .rule((x, before, r) -> {
                    int b = x.get(0), want = new int[] {0, 2, 2, 5}[b];
                    return (Integer) r == want ? null : "start(" + b + ") = " + r + ", expected " + want;
                })
                .build());
    }

    private static float[] copy(float[] a) {
        return a == null ? null : a.clone();
    }

    private static int[] copy(int[] a) {
        return a == null ? null : a.clone();
    }

    /** Every image's start, then the total. */
    private static List<Integer> starts(GroundTruthBatch gt) {
        List<Integer> s = new ArrayList<>();
        for (int b = 0; b <= gt.images(); b++) {
            s.add(gt.start(b));
        }
        return s;
    }

    private static GroundTruthBatch batch(float[] boxes, int[] counts, int[] labels) {
        return new GroundTruthBatch(boxes, counts, labels, CLASSES);
    }

    // ---------------------------------------------------------------- BatchTargets

    private static void batchTargets(AdversarialSuite suite) {
        suite.add(EntryPoint.named("new BatchTargets(images, anchors)")
                .in("images", () -> 3, Attacks.sizes(BatchTargets.MAX_IMAGES))
                .in("anchors", () -> ANCHORS, Attacks.sizes(BatchTargets.MAX_SLOTS))
                .pair("images", "anchors")
                .call(x -> {
                    BatchTargets t = new BatchTargets(x.<Integer>get(0), x.<Integer>get(1));
                    return List.of(t.images(), t.anchors(), t.totalPositives(), t.matches().length,
                            t.offsets().length, t.positives().length);
                })
                .rule((x, before, r) -> {
                    int images = x.get(0), anchors = x.get(1);
                    return r.equals(List.of(images, anchors, 0, images * anchors, 4 * images * anchors, images))
                            ? null : "shapes " + r;
                })
                .build());
    }

    // ---------------------------------------------------------------- TargetBuilder construction

    private static Supplier<Boxes> anchors() {
        return () -> grid(1f, 0f);
    }

    /** 37 anchors on a small grid, scaled by {@code scale} and moved by {@code shift}. */
    private static Boxes grid(float scale, float shift) {
        Boxes b = Boxes.allocate(ANCHORS);
        for (int i = 0; i < ANCHORS; i++) {
            float x = (i % 7) * 14f, y = (i / 7) * 18f, s = 10 + (i % 3) * 12;
            b.set(i, (x - s) * scale + shift, (y - s) * scale + shift, (x + s) * scale + shift,
                    (y + s) * scale + shift);
        }
        return b;
    }

    private static final MaxIouMatcher[] MATCHERS = {MaxIouMatcher.torchvision(0.5, 0.4, true), MaxIouMatcher.ssd(0.5),
            MaxIouMatcher.detectron2Rpn(), MaxIouMatcher.builder().thresholds(0.3, 0.1).negativeFloor(0.05).build()};
    private static final DeltaCoder[] CODERS = {DeltaCoder.torchvision(), DeltaCoder.ssd(), DeltaCoder.mmdet(),
            DeltaCoder.tensorflow(), DeltaCoder.djl()};

    private static void builders(AdversarialSuite suite) {
        List<Object> matchers = new ArrayList<>(Arrays.asList(MATCHERS).subList(1, MATCHERS.length));
        matchers.add(null);
        List<Object> coders = new ArrayList<>(Arrays.asList(CODERS).subList(1, CODERS.length));
        coders.add(null);
        suite.add(EntryPoint.named("new TargetBuilder(anchors, matcher, coder, backgroundClass)")
                .in("anchors", anchors(), BoxAttacks.boxes())
                .in("matcher", () -> MATCHERS[0], Attacks.values(matchers.toArray()))
                .in("coder", () -> CODERS[0], Attacks.values(coders.toArray()))
                .in("backgroundClass", () -> -1, Attacks.ints())
                .call(x -> {
                    TargetBuilder b = new TargetBuilder(x.get(0), x.get(1), x.get(2), x.<Integer>get(3));
                    return List.of(b.anchors(), b.matcher().toString(), b.coder().toString(), b.backgroundClass());
                })
                .build());
        suite.add(EntryPoint.named("TargetBuilder.retinaNet(anchors), ssd(anchors)")
                .in("anchors", anchors(), BoxAttacks.boxes())
                .call(x -> List.of(TargetBuilder.retinaNet(x.get(0)).anchors(), TargetBuilder.ssd(x.get(0)).anchors()))
                .build());
    }

    // ---------------------------------------------------------------- TargetBuilder: building

    /** A builder with the anchors it was made from (the rules re-match and re-encode them). */
    record Built(TargetBuilder builder, Boxes anchors, String label) {
        @Override
        public String toString() {
            return label;
        }
    }

    private static Built retina() {
        return new Built(TargetBuilder.retinaNet(grid(1, 0)), grid(1, 0), "retinaNet");
    }

    private static Variant built(String label, Supplier<Boxes> anchors, MaxIouMatcher m, DeltaCoder c,
                                 int background) {
        return Variant.of(label, () -> {
            Boxes a = anchors.get();
            return new Built(new TargetBuilder(a, m, c, background), a, label);
        });
    }

    /** Other presets, and builders over extreme (valid) anchors: tiny, far away, huge. */
    private static Attack builtBuilders() {
        return ctx -> List.of(built("ssd", () -> grid(1, 0), MATCHERS[1], CODERS[1], 0),
                built("detectron2Rpn + mmdet coder", () -> grid(1, 0), MATCHERS[2], DeltaCoder.mmdet(), -1),
                built("floor + TF coder, background 0", () -> grid(1, 0), MATCHERS[3], DeltaCoder.tensorflow(), 0),
                built("retinaNet on anchors at 1e-30 scale", () -> grid(1e-30f, 0), MATCHERS[0], CODERS[0], -1),
                built("ssd on anchors near -3e38", () -> grid(1e34f, -3e38f), MATCHERS[1], CODERS[1], 0),
                built("retinaNet on anchors spanning 1e38", () -> grid(1e36f, 0), MATCHERS[0], CODERS[0], -1));
    }

    /** Ground-truth batches: the baseline's shape with extreme boxes, and other shapes. */
    private static Attack batches() {
        List<Variant> v = new ArrayList<>();
        v.add(Variant.constant("null", null));
        v.add(Variant.of("no images", () -> batch(new float[0], new int[0], new int[0])));
        v.add(Variant.of("3 images without boxes", () -> batch(new float[0], new int[3], new int[0])));
        float[][] extreme = {{1e38f, 1e38f, 1.1e38f, 1.2e38f}, {-3e38f, -3e38f, -2.9e38f, -2.9e38f},
                {-1.7e38f, -1.7e38f, 1.7e38f, 1.7e38f}, {0, 0, Float.MIN_VALUE, Float.MIN_VALUE},
                {40, 40, 40.000004f, 40.000004f}, {1e-30f, 1e-30f, 3e-30f, 2e-30f}};
        for (float[] e : extreme) {
            v.add(Variant.of("box 4 = " + Arrays.toString(e), () -> {
                float[] b = gtBoxes();
                System.arraycopy(e, 0, b, 16, 4);
                return batch(b, gtCounts(), gtLabels());
            }));
        }
        v.add(Variant.of("a label 0 (the SSD background)", () -> {
            int[] l = gtLabels();
            l[3] = 0;
            return batch(gtBoxes(), gtCounts(), l);
        }));
        v.add(Variant.of("image 2 with 300 boxes", () -> {
            SplittableRandom r = new SplittableRandom(3);
            int n = 302;
            float[] b = new float[4 * n];
            int[] l = new int[n];
            for (int j = 0; j < n; j++) {
                float x = (float) r.nextDouble(0, 90), y = (float) r.nextDouble(0, 110);
                b[4 * j] = x;
                b[4 * j + 1] = y;
                b[4 * j + 2] = x + 1 + (float) r.nextDouble(40);
                b[4 * j + 3] = y + 1 + (float) r.nextDouble(40);
                l[j] = 1 + r.nextInt(CLASSES - 1);
            }
            return batch(b, new int[] {2, 0, 300}, l);
        }));
        return ctx -> v;
    }

    /** Targets with every array holding a sentinel, so that writes show. */
    private static BatchTargets sentinelTargets(int images, int anchors) {
        BatchTargets t = new BatchTargets(images, anchors);
        Arrays.fill(t.matches(), 77);
        Arrays.fill(t.classes(), 99);
        Arrays.fill(t.offsets(), Attacks.FLOAT_SENTINEL);
        Arrays.fill(t.positive(), (byte) 7);
        Arrays.fill(t.negative(), (byte) 7);
        Arrays.fill(t.ignored(), (byte) 7);
        Arrays.fill(t.positives(), 55);
        return t;
    }

    private static Attack outs() {
        return ctx -> List.of(Variant.constant("null", null),
                Variant.of("BatchTargets[3 x 36]", () -> sentinelTargets(3, ANCHORS - 1)),
                Variant.of("BatchTargets[2 x 37]", () -> sentinelTargets(2, ANCHORS)),
                Variant.of("BatchTargets[4 x 37]", () -> sentinelTargets(4, ANCHORS)),
                Variant.of("BatchTargets[0 x 37]", () -> sentinelTargets(0, ANCHORS)));
    }

    private static Attack targetWorkspaces() {
        return Attacks.nulls().and(ctx -> List.of(Variant.of("a TargetWorkspace in use by another call", () -> {
            TargetWorkspace w = new TargetWorkspace();
            w.guard.claim();
            return w;
        })));
    }

    private static Attack workspaceArrays() {
        return ctx -> List.of(Variant.constant("null", null),
                Variant.of("TargetWorkspace[0]", () -> new TargetWorkspace[0]),
                Variant.of("{null, ws}", () -> new TargetWorkspace[] {null, new TargetWorkspace()}),
                Variant.of("{ws, ws} (one workspace twice)", () -> {
                    TargetWorkspace w = new TargetWorkspace();
                    return new TargetWorkspace[] {w, w};
                }),
                Variant.of("{in use, ws}", () -> {
                    TargetWorkspace w = new TargetWorkspace();
                    w.guard.claim();
                    return new TargetWorkspace[] {w, new TargetWorkspace()};
                }),
                Variant.of("{ws, ws, ws} (three distinct)", () -> new TargetWorkspace[] {new TargetWorkspace(),
                        new TargetWorkspace(), new TargetWorkspace()}));
    }

    private static Attack executors() {
        return Attacks.values(POOL, (Executor) r -> Thread.ofVirtual().start(r), SHUT_DOWN, null);
    }

    private static void build(AdversarialSuite suite) {
        suite.add(EntryPoint.named("TargetBuilder.build(gt, b, out, ws)")
                .in("builder", TargetsAdversarialTest::retina, builtBuilders())
                .in("gt", () -> batch(gtBoxes(), gtCounts(), gtLabels()), batches())
                .in("b", () -> 2, Attacks.ints())
                .out("out", () -> sentinelTargets(3, ANCHORS), outs())
                .in("ws", TargetWorkspace::new, targetWorkspaces())
                .call(x -> x.<Built>get(0).builder().build(x.get(1), x.get(2), x.get(3), x.get(4)))
                .twin("scalar", x -> buildWith(LabelTwins.SCALAR, x))
                .twin("vector", x -> buildWith(LabelTwins.VECTOR, x))
                .rule((x, before, r) -> {
                    int b = x.get(2);
                    String bad = image(x.get(0), x.get(1), b, x.get(3), (Integer) r);
                    return bad != null ? bad : untouchedExcept(before.get(3), x.get(3), b, b + 1);
                })
                .build());
        suite.add(EntryPoint.named("TargetBuilder.buildBatch(gt, out, executor, workspaces, parallelism)")
                .in("builder", TargetsAdversarialTest::retina, builtBuilders())
                .in("gt", () -> batch(gtBoxes(), gtCounts(), gtLabels()), batches())
                .out("out", () -> sentinelTargets(3, ANCHORS), outs())
                .in("executor", () -> (Executor) Runnable::run, executors())
                .in("workspaces", () -> new TargetWorkspace[] {new TargetWorkspace(), new TargetWorkspace()},
                        workspaceArrays())
                .in("parallelism", () -> 2, Attacks.ints())
                .documents(RejectedExecutionException.class)
                .call(x -> {
                    x.<Built>get(0).builder().buildBatch(x.get(1), x.get(2), x.get(3), x.get(4), x.<Integer>get(5));
                    return null;
                })
                .twin("scalar", x -> batchWith(LabelTwins.SCALAR, x))
                .twin("vector", x -> batchWith(LabelTwins.VECTOR, x))
                .rule((x, before, r) -> batchRule(x.get(0), x.get(1), x.get(2), before.get(2)))
                .build());
        suite.add(EntryPoint.named("TargetBuilder.buildBatch(gt, out, ws)")
                .in("builder", TargetsAdversarialTest::retina, builtBuilders())
                .in("gt", () -> batch(gtBoxes(), gtCounts(), gtLabels()), batches())
                .out("out", () -> sentinelTargets(3, ANCHORS), outs())
                .in("ws", TargetWorkspace::new, targetWorkspaces())
                .call(x -> {
                    x.<Built>get(0).builder().buildBatch(x.get(1), x.get(2), x.<TargetWorkspace>get(3));
                    return null;
                })
                .twin("scalar", x -> batchWith(LabelTwins.SCALAR, x))
                .twin("vector", x -> batchWith(LabelTwins.VECTOR, x))
                .rule((x, before, r) -> batchRule(x.get(0), x.get(1), x.get(2), before.get(2)))
                .build());
    }

    private static Object buildWith(LabelTwins k, Invocation x) {
        return x.<Built>get(0).builder().build(k.labels(), x.get(1), x.get(2), x.get(3), new TargetWorkspace());
    }

    private static Object batchWith(LabelTwins k, Invocation x) {
        x.<Built>get(0).builder().buildBatch(k.labels(), x.get(1), x.get(2), Runnable::run,
                new TargetWorkspace[] {new TargetWorkspace()}, 1);
        return null;
    }

    private static String batchRule(Built built, GroundTruthBatch gt, BatchTargets out, BatchTargets was) {
        int total = 0;
        for (int b = 0; b < gt.images(); b++) {
            String bad = image(built, gt, b, out, out.positives()[b]);
            if (bad != null) {
                return bad;
            }
            total += out.positives()[b];
        }
        String bad = untouchedExcept(was, out, 0, gt.images());
        if (bad != null) {
            return bad;
        }
        return gt.images() == out.images() && out.totalPositives() != total
                ? "totalPositives() " + out.totalPositives() + " != " + total : null;
    }

    /**
     * Image {@code b} of {@code out}: the matcher's codes on the anchors and the image's gt; classes and masks from
     * them; offsets of positives equal to the coder's codes saturated at {@code +-Float.MAX_VALUE}, zero elsewhere;
     * {@code positives} counted.
     */
    private static String image(Built built, GroundTruthBatch gt, int b, BatchTargets out, int positives) {
        TargetBuilder builder = built.builder();
        int n = builder.anchors(), m = gt.count(b), start = gt.start(b), base = b * n;
        float[] all = gt.boxes();
        Boxes g = Boxes.allocate(m);
        for (int j = 0; j < m; j++) {
            int s = 4 * (start + j);
            g.set(j, all[s], all[s + 1], all[s + 2], all[s + 3]);
        }
        int[] want = new int[n];
        builder.matcher().match(built.anchors(), g, want, 0, new MatchWorkspace());
        int[] labels = gt.labels();
        int count = 0;
        for (int i = 0; i < n; i++) {
            int o = base + i, code = out.matches()[o];
            if (code != want[i]) {
                return "image " + b + " anchor " + i + ": match " + code + ", the matcher says " + want[i];
            }
            int cls = code >= 0 ? labels[start + code] : code == -1 ? builder.backgroundClass() : -2;
            if (out.classes()[o] != cls) {
                return "image " + b + " anchor " + i + ": class " + out.classes()[o] + ", expected " + cls;
            }
            byte p = out.positive()[o], ng = out.negative()[o], ig = out.ignored()[o];
            if (p != (code >= 0 ? 1 : 0) || ng != (code == -1 ? 1 : 0) || ig != (code == -2 ? 1 : 0)) {
                return "image " + b + " anchor " + i + ": masks " + p + ng + ig + " for code " + code;
            }
            float[] expect = new float[4];
            if (code >= 0) {
                count++;
                Boxes a1 = Boxes.allocate(1).set(0, built.anchors().x1(i), built.anchors().y1(i),
                        built.anchors().x2(i), built.anchors().y2(i));
                Boxes g1 = Boxes.allocate(1).set(0, g.x1(code), g.y1(code), g.x2(code), g.y2(code));
                expect = builder.coder().encode(a1, g1);
                for (int k = 0; k < 4; k++) {
                    expect[k] = Math.max(-Float.MAX_VALUE, Math.min(Float.MAX_VALUE, expect[k]));
                }
            }
            for (int k = 0; k < 4; k++) {
                float got = out.offsets()[4 * o + k];
                if (Float.floatToIntBits(got) != Float.floatToIntBits(expect[k])) {
                    return "image " + b + " anchor " + i + ": offsets[" + k + "] = " + got + ", expected "
                            + expect[k] + " (code " + code + ")";
                }
            }
        }
        if (count != positives || out.positives()[b] != positives) {
            return "image " + b + ": " + count + " positive codes, returned " + positives + ", positives()[b] = "
                    + out.positives()[b];
        }
        return null;
    }

    /** Every image outside {@code [from, to)} of {@code out} holds what it held before. */
    private static String untouchedExcept(BatchTargets was, BatchTargets out, int from, int to) {
        int n = out.anchors();
        for (int b = 0; b < out.images(); b++) {
            if (b >= from && b < to) {
                continue;
            }
            for (int i = b * n; i < (b + 1) * n; i++) {
                if (out.matches()[i] != was.matches()[i] || out.classes()[i] != was.classes()[i]
                        || out.positive()[i] != was.positive()[i]) {
                    return "image " + b + ", not built, changed at anchor " + (i - b * n);
                }
            }
            if (out.positives()[b] != was.positives()[b]) {
                return "positives()[" + b + "] of an image not built changed";
            }
        }
        return null;
    }
}
