package dev.anchorvec.bench;

import dev.anchorvec.anchors.fit.AnchorMetrics;
import dev.anchorvec.anchors.fit.AnchorSet;
import dev.anchorvec.anchors.fit.BoxSizes;
import dev.anchorvec.anchors.fit.KMeansAnchors;
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
 * Anchor fitting on {@code boxes} synthetic box shapes (log-uniform sides 4 to 512 px, aspect ratios within a
 * factor 3; seed 7) with k = 9. {@code step=assign}: one assignment pass (every box against the 9 anchors: best
 * IoU and its index; the vectorised part of a k-means iteration, {@code AnchorMetrics.meanBestIou}).
 * {@code step=iteration}: {@code KMeansAnchors.fit} with random initialisation, one restart and one iteration
 * (an assignment, the mean update with its guard, and the reassignment): the time a k-means iteration costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class KMeansBench {

    /** Number of boxes. */
    @Param({"1000000"})
    public int boxes;

    /** What is timed. */
    @Param({"assign", "iteration"})
    public String step;

    BoxSizes sizes;
    AnchorSet anchors;
    KMeansAnchors.Options oneIteration;

    @Setup(Level.Trial)
    public void setup() {
        sizes = synthetic(boxes, 7);
        anchors = AnchorSet.yolov5Default();
        oneIteration = KMeansAnchors.Options.of(9).withInit(KMeansAnchors.Init.RANDOM).withRestarts(1)
                .withMaxIterations(1).withSeed(3);
    }

    @Setup(Level.Trial)
    public void checkImplementation(BenchmarkParams params) {
        ImplCheck.verify(params);
    }

    static BoxSizes synthetic(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] w = new float[n], h = new float[n];
        for (int i = 0; i < n; i++) {
            double side = Math.exp(r.nextDouble(Math.log(4), Math.log(512)));
            double ratio = Math.exp(r.nextDouble(-Math.log(3), Math.log(3)));
            w[i] = (float) (side * Math.sqrt(ratio));
            h[i] = (float) (side / Math.sqrt(ratio));
        }
        return BoxSizes.of(w, h);
    }

    @Benchmark
    @Fork(value = 2, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow",
            "-Danchorvec.impl=scalar", "-Xmx2g", "-Xms2g", "-XX:+AlwaysPreTouch"})
    public Object scalar() {
        return run();
    }

    @Benchmark
    @Fork(value = 2, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow",
            "-Danchorvec.impl=vector", "-Xmx2g", "-Xms2g", "-XX:+AlwaysPreTouch"})
    public Object vector() {
        return run();
    }

    private Object run() {
        if (step.equals("assign")) {
            return AnchorMetrics.meanBestIou(sizes, anchors);
        }
        return KMeansAnchors.fit(sizes, oneIteration);
    }
}
