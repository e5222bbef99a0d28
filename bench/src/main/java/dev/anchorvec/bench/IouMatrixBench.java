package dev.anchorvec.bench;

import dev.anchorvec.boxes.BoxIou;
import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.boxes.IouKind;
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
 * {@code BoxIou.pairwise(kind, anchors[:N], gt[:M], out)}: the N x M matrix into a preallocated array, on the
 * torchvision {@code box_iou} workload (workload "NxM" = the first N anchors and the first M gt boxes; M above
 * 100 repeats the gt boxes) and a sweep of odd sizes. {@code scalar} and {@code vector} have the same body;
 * their forks differ only in {@code -Danchorvec.impl}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class IouMatrixBench {

    /** Peer workloads (also timed in torchvision) first, then odd sizes around the vector width. */
    @Param({"1000x10", "1000x100", "20000x10", "20000x100", "100000x10", "100000x100",
            "1x1", "7x13", "100x37", "1003x10", "4099x61", "257x1001"})
    public String workload;

    /** The IoU family member; IOU by default, {@code -p kind=GIOU,DIOU,CIOU} for the others. */
    @Param({"IOU"})
    public String kind;

    IouKind iouKind;
    Boxes anchors;
    Boxes gt;
    float[] out;

    @Setup(Level.Trial)
    public void setup() {
        int[] nm = Workloads.size(workload);
        iouKind = IouKind.valueOf(kind);
        anchors = Workloads.boxes(Workloads.IOU_ANCHORS, nm[0]);
        gt = Workloads.boxes(Workloads.IOU_GT, nm[1]);
        out = new float[nm[0] * nm[1]];
    }

    @Setup(Level.Trial)
    public void checkImplementation(BenchmarkParams params) {
        ImplCheck.verify(params);
    }

    @Benchmark
    @Fork(value = 2, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow",
            "-Danchorvec.impl=scalar", "-Xmx2g", "-Xms2g", "-XX:+AlwaysPreTouch"})
    public float[] scalar() {
        BoxIou.pairwise(iouKind, anchors, gt, out);
        return out;
    }

    @Benchmark
    @Fork(value = 2, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow",
            "-Danchorvec.impl=vector", "-Xmx2g", "-Xms2g", "-XX:+AlwaysPreTouch"})
    public float[] vector() {
        BoxIou.pairwise(iouKind, anchors, gt, out);
        return out;
    }
}
