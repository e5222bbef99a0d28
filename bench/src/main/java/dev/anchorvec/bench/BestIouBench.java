package dev.anchorvec.bench;

import dev.anchorvec.boxes.BestIou;
import dev.anchorvec.boxes.Boxes;
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
 * {@code BestIou.compute(anchors[:N], gt[:M], ...)}: each anchor's best gt and each gt's best anchor, fused,
 * into preallocated arrays, on the torchvision {@code box_iou} inputs (workload "NxM" as in
 * {@link IouMatrixBench}) and odd sizes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BestIouBench {

    @Param({"20000x10", "20000x100", "100000x10", "100000x100", "1x1", "7x13", "1003x37", "4099x61"})
    public String workload;

    Boxes anchors;
    Boxes gt;
    float[] bestA;
    int[] argA;
    float[] bestB;
    int[] argB;

    @Setup(Level.Trial)
    public void setup() {
        int[] nm = Workloads.size(workload);
        anchors = Workloads.boxes(Workloads.IOU_ANCHORS, nm[0]);
        gt = Workloads.boxes(Workloads.IOU_GT, nm[1]);
        bestA = new float[nm[0]];
        argA = new int[nm[0]];
        bestB = new float[nm[1]];
        argB = new int[nm[1]];
    }

    @Setup(Level.Trial)
    public void checkImplementation(BenchmarkParams params) {
        ImplCheck.verify(params);
    }

    @Benchmark
    @Fork(value = 2, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow",
            "-Danchorvec.impl=scalar", "-Xmx2g", "-Xms2g", "-XX:+AlwaysPreTouch"})
    public int[] scalar() {
        BestIou.compute(anchors, gt, bestA, argA, bestB, argB);
        return argA;
    }

    @Benchmark
    @Fork(value = 2, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow",
            "-Danchorvec.impl=vector", "-Xmx2g", "-Xms2g", "-XX:+AlwaysPreTouch"})
    public int[] vector() {
        BestIou.compute(anchors, gt, bestA, argA, bestB, argB);
        return argA;
    }
}
