package dev.anchorvec.bench;

import dev.anchorvec.anchors.AnchorPresets;
import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.match.MatchWorkspace;
import dev.anchorvec.match.MaxIouMatcher;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One image's anchor matching as a RetinaNet target builder runs it: torchvision's RetinaNet anchors at
 * 640 x 640 (76725, {@link AnchorPresets#torchvisionRetinaNet}) against M seeded gt boxes of realistic sizes,
 * {@code MaxIouMatcher.torchvision(0.5, 0.4, true)} with a reused workspace (fused best IoU, thresholds, then the
 * fused low-quality tie pass). Workload "NxM": N anchors, M gt. {@code scalar} and {@code vector} differ only in
 * their forks' {@code -Danchorvec.impl}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MatchBench {

    @Param({"76725x10", "76725x100"})
    public String workload;

    Boxes anchors;
    Boxes gt;
    int[] matches;
    final MaxIouMatcher matcher = MaxIouMatcher.torchvision(0.5, 0.4, true);
    final MatchWorkspace ws = new MatchWorkspace();

    @Setup(Level.Trial)
    public void setup() {
        int[] nm = Workloads.size(workload);
        anchors = AnchorPresets.torchvisionRetinaNet(640, 640).toBoxes();
        if (anchors.size() != nm[0]) {
            throw new IllegalStateException("RetinaNet 640x640 has " + anchors.size() + " anchors, workload says "
                    + nm[0]);
        }
        gt = gtBoxes(nm[1], 640, 42);
        matches = new int[nm[0]];
    }

    /** {@code m} boxes inside a square image: sides log-uniform in [12, 400] px, aspect in [1/3, 3], seeded. */
    static Boxes gtBoxes(int m, int image, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Boxes b = Boxes.allocate(m);
        for (int j = 0; j < m; j++) {
            double side = 12 * Math.exp(r.nextDouble() * Math.log(400 / 12.0));
            double aspect = Math.exp((r.nextDouble() * 2 - 1) * Math.log(3));
            float w = (float) Math.min(image, side * Math.sqrt(aspect));
            float h = (float) Math.min(image, side / Math.sqrt(aspect));
            float x = (float) (r.nextDouble() * (image - w)), y = (float) (r.nextDouble() * (image - h));
            b.set(j, x, y, x + w, y + h);
        }
        return b;
    }

    @Setup(Level.Trial)
    public void checkImplementation(BenchmarkParams params) {
        ImplCheck.verify(params);
    }

    @Benchmark
    @Fork(value = 2, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow",
            "-Danchorvec.impl=scalar", "-Xmx2g", "-Xms2g", "-XX:+AlwaysPreTouch"})
    public int[] scalar() {
        matcher.match(anchors, gt, matches, 0, ws);
        return matches;
    }

    @Benchmark
    @Fork(value = 2, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow",
            "-Danchorvec.impl=vector", "-Xmx2g", "-Xms2g", "-XX:+AlwaysPreTouch"})
    public int[] vector() {
        matcher.match(anchors, gt, matches, 0, ws);
        return matches;
    }
}
