package dev.anchorvec.encode;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.reference.ReferenceDeltaCoder;
import dev.anchorvec.simd.Simd;
import dev.anchorvec.testkit.Gen;
import dev.anchorvec.testkit.Shrink;
import dev.anchorvec.testkit.Sizes;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Test data and implementations for the delta coder tests. */
final class DeltaCases {

    private DeltaCases() {}

    /** The presets under test. */
    static final List<DeltaCoder> CODERS = List.of(
            DeltaCoder.torchvision(),
            DeltaCoder.torchvision(10, 10, 5, 5),
            DeltaCoder.mmdet(new float[] {0.1f, -0.2f, 0.05f, 0f}, new float[] {0.1f, 0.1f, 0.2f, 0.3f}),
            DeltaCoder.mmdet().withCentreClamp(32).withClamp(ClampMode.UPPER),
            DeltaCoder.tensorflow(10, 10, 5, 5),
            DeltaCoder.djl(),
            DeltaCoder.detectron2(20, 20, 10, 10).withClamp(ClampMode.SYMMETRIC, 2f));

    /** The scalar kernels and, when the module is present, the vector kernels at this run's width. */
    static List<DeltaKernels> kernels() {
        List<DeltaKernels> out = new ArrayList<>();
        out.add(new ScalarDeltaKernels());
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            out.add(vector());
        }
        return out;
    }

    static DeltaKernels vector() {
        return Simd.loadVector(MethodHandles.lookup(), DeltaKernels.class, "dev.anchorvec.encode.VectorDeltaKernels");
    }

    /** The reference with the same parameters as {@code coder}. */
    static ReferenceDeltaCoder reference(DeltaCoder coder) {
        DeltaParams p = coder.params();
        return new ReferenceDeltaCoder(coder.weights(), coder.biases(), p.lo, p.hi, p.ctr, p.eps, coder.yxOrder());
    }

    /** A case: {@code n} anchors, k classes, data drawn from {@code seed}, coder {@code coder}. */
    record Case(int n, int k, long seed, int coder) {
        DeltaCoder deltaCoder() {
            return CODERS.get(coder);
        }

        /** Interleaved anchors with positive sizes; with {@code zeroSize}, a few have zero width or height. */
        float[] anchors(boolean zeroSize) {
            SplittableRandom r = new SplittableRandom(seed);
            float offset = r.nextInt(4) == 0 ? (float) r.nextDouble(-1e4, 1e4) : 0f;
            float scale = (float) Math.exp(r.nextDouble(0, 6));
            float[] a = new float[4 * n];
            for (int i = 0; i < n; i++) {
                float x = offset + (float) r.nextDouble(-2, 2) * scale, y = offset + (float) r.nextDouble(-2, 2) * scale;
                float w = scale * (float) Math.exp(r.nextDouble(-2, 2)), h = scale * (float) Math.exp(r.nextDouble(-2, 2));
                if (zeroSize && r.nextInt(8) == 0) {
                    w = 0;
                }
                a[4 * i] = x;
                a[4 * i + 1] = y;
                a[4 * i + 2] = x + w;
                a[4 * i + 3] = y + h;
                if (!(a[4 * i + 2] - a[4 * i] > 0)) {
                    a[4 * i + 2] = zeroSize ? x : Math.nextUp(Math.nextUp(x));
                }
                if (!(a[4 * i + 3] - a[4 * i + 1] > 0)) {
                    a[4 * i + 3] = Math.nextUp(Math.nextUp(y));
                }
            }
            return a;
        }

        /** Ground truth near each anchor: centre shift within the size, size ratio within [1/40, 40]. */
        float[] gt(float[] anchors) {
            SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
            float[] g = new float[anchors.length];
            for (int i = 0; i < n; i++) {
                float aw = anchors[4 * i + 2] - anchors[4 * i], ah = anchors[4 * i + 3] - anchors[4 * i + 1];
                float w = aw * (float) Math.exp(r.nextDouble(-3.6, 3.6));
                float h = ah * (float) Math.exp(r.nextDouble(-3.6, 3.6));
                float x = anchors[4 * i] + aw * (float) r.nextDouble(-1, 1);
                float y = anchors[4 * i + 1] + ah * (float) r.nextDouble(-1, 1);
                g[4 * i] = x;
                g[4 * i + 1] = y;
                g[4 * i + 2] = Math.max(x + w, Math.nextUp(Math.nextUp(x)));
                g[4 * i + 3] = Math.max(y + h, Math.nextUp(Math.nextUp(y)));
            }
            return g;
        }

        /** {@code [n, 4k]} codes: mostly N(0, 1)-like, some large (exercising the clamps), some zero. */
        float[] codes() {
            SplittableRandom r = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
            float[] d = new float[4 * n * k];
            for (int i = 0; i < d.length; i++) {
                int kind = r.nextInt(20);
                d[i] = kind == 0 ? (float) r.nextDouble(-200, 200) : kind == 1 ? 0f : (float) r.nextDouble(-3, 3);
            }
            return d;
        }
    }

    static Gen<Case> cases(int maxK) {
        Gen<Integer> sizes = Sizes.laneEdges();
        Gen<Case> g = rnd -> {
            int n = rnd.nextInt(30) == 0 ? 2100 + rnd.nextInt(40) : sizes.generate(rnd);
            return new Case(n, 1 + rnd.nextInt(maxK), rnd.nextLong(), rnd.nextInt(CODERS.size()));
        };
        return g.withShrinker(c -> Shrink.towards(c.n(), 0).map(n -> new Case(n, c.k(), c.seed(), c.coder())));
    }

    static Boxes planar(float[] xyxy) {
        return Boxes.ofXyxy(xyxy);
    }
}
