package dev.anchorvec.bench;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.select.BatchedNms;
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
 * {@code BatchedNms.run(...)} (exact per-class NMS, 80 classes) on the clustered boxes and class ids
 * torchvision's {@code batched_nms} was timed on ({@code nms_n{boxes}.f32}, {@code nms_n{boxes}_classes.i32}),
 * into a preallocated keep array with a reused workspace. The setup checks the kept indices against
 * torchvision's ({@code nms_n{boxes}_batched_keep_t0.5.i32}) as a set: above 1000 boxes torchvision runs its
 * per-class loop and re-sorts the kept boxes with an unstable sort, so boxes with equal scores (the workload
 * clips scores to [0.05, 1]) come out in another order than anchorvec's documented lower-index-first. {@code scalar} and {@code vector} have the same body; their forks differ only in
 * {@code -Danchorvec.impl}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BatchedNmsBench {

    /** Number of boxes: a vendored workload. */
    @Param({"1000", "5000", "20000"})
    public int boxes;

    /** IoU threshold; the peers were timed at 0.5 (and only 0.5 has vendored keep lists). */
    @Param({"0.5"})
    public String threshold;

    double t;
    Boxes input;
    float[] scores;
    int[] classes;
    int numClasses;
    int[] keep;
    NmsWorkspace ws;

    @Setup(Level.Trial)
    public void setup() {
        NmsWorkload w = NmsWorkload.load(boxes);
        input = w.boxes();
        scores = w.scores();
        t = Double.parseDouble(threshold);
        classes = Workloads.ints("nms_n" + boxes + "_classes.i32");
        numClasses = 1 + Arrays.stream(classes).max().orElse(0);
        keep = new int[boxes];
        ws = new NmsWorkspace(boxes);
        if (t == 0.5) {
            int[] expected = Workloads.ints("nms_n" + boxes + "_batched_keep_t0.5.i32");
            int k = run();
            int[] ours = Arrays.copyOf(keep, k);
            Arrays.sort(expected);
            Arrays.sort(ours);
            if (!Arrays.equals(expected, ours)) {
                throw new IllegalStateException("batched NMS differs from torchvision's keep on nms_n" + boxes);
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
        return run();
    }

    @Benchmark
    @Fork(value = 2, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow",
            "-Danchorvec.impl=vector", "-Xmx2g", "-Xms2g", "-XX:+AlwaysPreTouch"})
    public int vector() {
        return run();
    }

    private int run() {
        return BatchedNms.run(input, scores, 0, classes, 0, numClasses, t, keep, ws);
    }

    /** Whether two index lists hold the same indices, in any order. */
    static boolean sameSet(int[] a, int[] b) {
        int[] x = a.clone(), y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        return Arrays.equals(x, y);
    }
}
