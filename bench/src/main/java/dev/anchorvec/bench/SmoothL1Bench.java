package dev.anchorvec.bench;

import dev.anchorvec.loss.Reduction;
import dev.anchorvec.loss.SmoothL1Loss;
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
 * RetinaNet's box-regression loss for one 640x640 image: smooth L1 (beta 1/9) value and gradient over the
 * interleaved {@code [anchors, 4]} offsets, positives only (matcher codes: 1% matched, 1% ignored, the rest
 * background), normalised by the number of positives.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SmoothL1Bench {

    /** Anchors of the image (RetinaNet at 640x640). */
    @Param({"76725"})
    public int anchors;

    float[] pred;
    float[] target;
    int[] matches;
    float[] grad;
    SmoothL1Loss loss;
    double divisor;

    @Setup(Level.Trial)
    public void setup() {
        SplittableRandom r = new SplittableRandom(99);
        pred = new float[4 * anchors];
        target = new float[4 * anchors];
        for (int k = 0; k < pred.length; k++) {
            pred[k] = (float) (r.nextDouble() - 0.5);
            target[k] = (float) (r.nextDouble() - 0.5);
        }
        matches = new int[anchors];
        int positives = 0;
        for (int a = 0; a < anchors; a++) {
            int u = r.nextInt(100);
            matches[a] = u == 0 ? r.nextInt(10) : u == 1 ? -2 : -1;
            positives += matches[a] >= 0 ? 1 : 0;
        }
        grad = new float[4 * anchors];
        loss = new SmoothL1Loss(1f / 9);
        divisor = Reduction.perPositive(positives);
    }

    @Setup(Level.Trial)
    public void checkImplementation(BenchmarkParams params) {
        ImplCheck.verify(params);
    }

    @Benchmark
    @Fork(value = 2, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow",
            "-Danchorvec.impl=scalar", "-Xmx2g", "-Xms2g", "-XX:+AlwaysPreTouch"})
    public double scalar() {
        return loss.normalized(pred, target, matches, anchors, divisor, grad);
    }

    @Benchmark
    @Fork(value = 2, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow",
            "-Danchorvec.impl=vector", "-Xmx2g", "-Xms2g", "-XX:+AlwaysPreTouch"})
    public double vector() {
        return loss.normalized(pred, target, matches, anchors, divisor, grad);
    }
}
