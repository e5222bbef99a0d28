package dev.anchorvec.bench;

import dev.anchorvec.boxes.IouKind;
import dev.anchorvec.loss.IouLoss;
import dev.anchorvec.loss.Reduction;
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
 * IoU-family box losses (value and gradient, normalised by the positives) on decoded xyxy boxes: one RetinaNet
 * image at 640x640 (76725 anchors, 2 % positive, the rest background or ignored) and a dense batch of 10000
 * all-positive pairs (as after a sampler or in anchor-free heads).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class IouLossBench {

    /** {@code anchors x positive fraction}. */
    @Param({"76725x0.02", "10000x1"})
    public String workload;

    /** The loss. */
    @Param({"GIOU", "CIOU"})
    public String kind;

    int anchors;
    float[] pred;
    float[] target;
    int[] matches;
    float[] grad;
    IouLoss loss;
    double divisor;

    /** Anchors of a workload label. */
    static int anchors(String workload) {
        return Integer.parseInt(workload.substring(0, workload.indexOf('x')));
    }

    @Setup(Level.Trial)
    public void setup() {
        anchors = anchors(workload);
        double fraction = Double.parseDouble(workload.substring(workload.indexOf('x') + 1));
        SplittableRandom r = new SplittableRandom(7);
        pred = new float[4 * anchors];
        target = new float[4 * anchors];
        matches = new int[anchors];
        int positives = 0;
        for (int a = 0; a < anchors; a++) {
            float x = (float) (r.nextDouble() * 600), y = (float) (r.nextDouble() * 600);
            float w = (float) (8 + r.nextDouble() * 200), h = (float) (8 + r.nextDouble() * 200);
            float[] t = {x, y, x + w, y + h};
            for (int c = 0; c < 4; c++) {
                target[4 * a + c] = t[c];
                pred[4 * a + c] = t[c] + (float) (r.nextGaussian() * 0.2 * (c % 2 == 0 ? w : h));
            }
            matches[a] = r.nextDouble() < fraction ? r.nextInt(10) : r.nextInt(2) == 0 ? -1 : -2;
            positives += matches[a] >= 0 ? 1 : 0;
        }
        grad = new float[4 * anchors];
        loss = new IouLoss(IouKind.valueOf(kind));
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
