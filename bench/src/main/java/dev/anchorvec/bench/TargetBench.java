package dev.anchorvec.bench;

import dev.anchorvec.anchors.AnchorPresets;
import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.targets.BatchTargets;
import dev.anchorvec.targets.GroundTruthBatch;
import dev.anchorvec.targets.TargetBuilder;
import dev.anchorvec.targets.TargetWorkspace;
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
 * One image's full training-target build for RetinaNet: torchvision's anchors at 640 x 640 (76725) against M seeded
 * gt boxes ({@link MatchBench#gtBoxes}), {@link TargetBuilder#retinaNet}: match (fused best IoU, thresholds,
 * low-quality pass), encode of the positives with zeros elsewhere, class targets and the three masks, with a reused
 * workspace. Workload "NxM": N anchors, M gt.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TargetBench {

    @Param({"76725x10", "76725x100"})
    public String workload;

    Boxes anchors;
    GroundTruthBatch gt;
    TargetBuilder builder;
    BatchTargets targets;
    final TargetWorkspace ws = new TargetWorkspace();

    @Setup(Level.Trial)
    public void setup() {
        int[] nm = Workloads.size(workload);
        anchors = AnchorPresets.torchvisionRetinaNet(640, 640).toBoxes();
        if (anchors.size() != nm[0]) {
            throw new IllegalStateException("RetinaNet 640x640 has " + anchors.size() + " anchors, workload says "
                    + nm[0]);
        }
        Boxes g = MatchBench.gtBoxes(nm[1], 640, 42);
        float[] boxes = g.toInterleaved(dev.anchorvec.boxes.BoxFormat.XYXY);
        int[] labels = new int[nm[1]];
        SplittableRandom r = new SplittableRandom(7);
        for (int j = 0; j < labels.length; j++) {
            labels[j] = r.nextInt(80);
        }
        gt = new GroundTruthBatch(boxes, new int[] {nm[1]}, labels, 80);
        builder = TargetBuilder.retinaNet(anchors);
        targets = new BatchTargets(1, anchors.size());
    }

    @Setup(Level.Trial)
    public void checkImplementation(BenchmarkParams params) {
        ImplCheck.verify(params);
    }

    @Benchmark
    @Fork(value = 2, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow",
            "-Danchorvec.impl=scalar", "-Xmx2g", "-Xms2g", "-XX:+AlwaysPreTouch"})
    public int scalar() {
        return builder.build(gt, 0, targets, ws);
    }

    @Benchmark
    @Fork(value = 2, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow",
            "-Danchorvec.impl=vector", "-Xmx2g", "-Xms2g", "-XX:+AlwaysPreTouch"})
    public int vector() {
        return builder.build(gt, 0, targets, ws);
    }
}
