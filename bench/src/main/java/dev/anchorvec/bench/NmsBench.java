package dev.anchorvec.bench;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.select.Nms;
import dev.anchorvec.select.NmsWorkspace;
import java.util.Arrays;
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
 * {@code Nms.greedy(boxes, scores, 0, 0.5, keep, ws)} on the clustered boxes torchvision's and OpenCV's NMS
 * were timed on ({@code nms_n{boxes}.f32}), into a preallocated keep array with a reused workspace. The setup
 * checks the kept indices against torchvision's ({@code nms_n{boxes}_keep_t0.5.i32}). {@code scalar},
 * {@code vector} and {@code vector256} have the same body; their forks differ only in {@code -Danchorvec.impl}
 * (and {@code -Danchorvec.vectorBits=256}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class NmsBench {

    /** Number of boxes: a vendored workload. */
    @Param({"1000", "5000", "20000"})
    public int boxes;

    /** IoU threshold; the peers were timed at 0.5 (and only 0.5 has vendored keep lists). */
    @Param({"0.5"})
    public String threshold;

    double t;
    Boxes input;
    float[] scores;
    int[] keep;
    NmsWorkspace ws;

    @Setup(Level.Trial)
    public void setup() {
        NmsWorkload w = NmsWorkload.load(boxes);
        input = w.boxes();
        scores = w.scores();
        t = Double.parseDouble(threshold);
        keep = new int[boxes];
        ws = new NmsWorkspace(boxes);
        if (t == 0.5) {
            int[] expected = Workloads.ints("nms_n" + boxes + "_keep_t0.5.i32");
            int k = Nms.greedy(input, scores, 0, t, keep, ws);
            if (!Arrays.equals(expected, Arrays.copyOf(keep, k))) {
                throw new IllegalStateException("NMS differs from torchvision's keep on nms_n" + boxes);
            }
        }
    }

    @Setup(Level.Trial)
    public void checkImplementation(BenchmarkParams params) {
        ImplCheck.verify(params);
    }

    @Benchmark
    @Fork(value = 2, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow",
            "-Danchorvec.impl=scalar", "-Xmx2g", "-Xms2g", "-XX:+AlwaysPreTouch"})
    public int scalar() {
        return Nms.greedy(input, scores, 0, t, keep, ws);
    }

    @Benchmark
    @Fork(value = 2, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow",
            "-Danchorvec.impl=vector", "-Xmx2g", "-Xms2g", "-XX:+AlwaysPreTouch"})
    public int vector() {
        return Nms.greedy(input, scores, 0, t, keep, ws);
    }

    /** The vector implementation held to 256-bit vectors (AVX2 machines), whatever this machine prefers. */
    @Benchmark
    @Fork(value = 2, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow",
            "-Danchorvec.impl=vector", "-Danchorvec.vectorBits=256", "-Xmx2g", "-Xms2g", "-XX:+AlwaysPreTouch"})
    public int vector256() {
        return Nms.greedy(input, scores, 0, t, keep, ws);
    }
}
