package dev.anchorvec.bench;

import dev.anchorvec.loss.Labels;
import dev.anchorvec.loss.Reduction;
import dev.anchorvec.loss.SigmoidFocalLoss;
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
 * RetinaNet's classification loss for one 640x640 image: sigmoid focal loss value and gradient over
 * {@code anchors x classes} logits (76725 x 80), normalised by the number of positives, with per-anchor labels
 * as the target builder produces them: 300 positives with random classes, 1% ignored, the rest background;
 * logits N(-4, 2) (a trained head's confident negatives). {@code gamma} 2 takes the power-free path, 1.5 the
 * exp/log path. {@code scalar} and {@code vector} have the same body; their forks differ in
 * {@code -Danchorvec.impl}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FocalLossBench {

    /** Anchors of the image (RetinaNet at 640x640). */
    @Param({"76725"})
    public int anchors;

    /** Classes (COCO). */
    @Param({"80"})
    public int classes;

    /** Focusing exponent: 2 (power-free path) or another value (exp/log path). */
    @Param({"2", "1.5"})
    public String gamma;

    float[] logits;
    int[] labels;
    float[] grad;
    SigmoidFocalLoss loss;
    double divisor;

    @Setup(Level.Trial)
    public void setup() {
        SplittableRandom r = new SplittableRandom(4242);
        logits = new float[anchors * classes];
        for (int k = 0; k < logits.length; k++) {
            logits[k] = (float) (r.nextDouble() * 4 - 6 + r.nextDouble() * 4);
        }
        labels = new int[anchors];
        int positives = 0;
        for (int a = 0; a < anchors; a++) {
            int u = r.nextInt(anchors);
            labels[a] = u < 300 ? r.nextInt(classes) : u < 300 + anchors / 100 ? Labels.IGNORE : Labels.BACKGROUND;
            positives += labels[a] >= 0 ? 1 : 0;
        }
        grad = new float[anchors * classes];
        loss = new SigmoidFocalLoss(0.25f, Float.parseFloat(gamma));
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
        return loss.normalized(logits, labels, anchors, classes, divisor, grad);
    }

    @Benchmark
    @Fork(value = 2, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow",
            "-Danchorvec.impl=vector", "-Xmx2g", "-Xms2g", "-XX:+AlwaysPreTouch"})
    public double vector() {
        return loss.normalized(logits, labels, anchors, classes, divisor, grad);
    }
}
