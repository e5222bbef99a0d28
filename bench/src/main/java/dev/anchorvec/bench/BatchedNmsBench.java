package dev.anchorvec.bench;

import dev.anchorvec.boxes.BoxConvert;
import dev.anchorvec.boxes.BoxFormat;
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
 * {@code BatchedNms.run(boxes, scores, 0, classes, 0, 80, 0.5, keep, ws)} on the clustered boxes and 80 class
 * ids torchvision's {@code batched_nms} was timed on ({@code nms_n{boxes}.f32}, {@code nms_n{boxes}_classes.i32}),
 * into a preallocated keep array with a reused workspace. The setup checks the kept indices against
 * torchvision's ({@code nms_n{boxes}_batched_keep_t0.5.i32}): the same set, with the same score at every
 * position. Not the same order: torchvision's final sort by score ({@code torch.sort}, not stable) orders
 * equal scores arbitrarily (55 of 1881 positions differ at n=5000, 137 of 6374 at n=20000, all among equal
 * scores, many boxes score exactly 1.0), anchorvec's puts the lower index first. {@code scalar} and {@code vector}
 * have the same body; their forks differ only in {@code -Danchorvec.impl}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BatchedNmsBench {

    /** Number of boxes: a vendored workload. */
    @Param({"20000", "5000"})
    public int boxes;

    /** IoU threshold; the peers were timed at 0.5 (and only 0.5 has vendored keep lists). */
    @Param({"0.5"})
    public String threshold;

    /** Number of classes of the vendored class ids. */
    static final int CLASSES = 80;

    double t;
    Boxes input;
    float[] scores;
    int[] classes;
    int[] keep;
    NmsWorkspace ws;

    @Setup(Level.Trial)
    public void setup() {
        float[] raw = Workloads.floats("nms_n" + boxes + ".f32");
        classes = Workloads.ints("nms_n" + boxes + "_classes.i32");
        if (raw.length != 5 * boxes || classes.length != boxes) {
            throw new IllegalStateException("nms_n" + boxes + ": " + raw.length + " floats, " + classes.length
                    + " classes");
        }
        input = BoxConvert.fromInterleaved(raw, 0, boxes, BoxFormat.XYXY, Boxes.allocate(boxes));
        scores = Arrays.copyOfRange(raw, 4 * boxes, 5 * boxes);
        t = Double.parseDouble(threshold);
        keep = new int[boxes];
        ws = new NmsWorkspace(boxes);
        if (t == 0.5) {
            int[] expected = Workloads.ints("nms_n" + boxes + "_batched_keep_t0.5.i32");
            int k = BatchedNms.run(input, scores, 0, classes, 0, CLASSES, t, keep, ws);
            if (!sameSet(expected, Arrays.copyOf(keep, k)) || !sameScores(expected, keep)) {
                throw new IllegalStateException("batched NMS differs from torchvision's batched_nms keep on nms_n"
                        + boxes);
            }
        }
    }

    @Setup(Level.Trial)
    public void checkImplementation(BenchmarkParams params) {
        ImplCheck.verify(params);
    }

    /** Whether {@code keep} lists boxes with the same scores as {@code expected}, position by position. */
    private boolean sameScores(int[] expected, int[] keep) {
        for (int i = 0; i < expected.length; i++) {
            if (scores[expected[i]] != scores[keep[i]]) {
                return false;
            }
        }
        return true;
    }

    /** Whether two index lists hold the same indices, each once. */
    static boolean sameSet(int[] a, int[] b) {
        int[] x = a.clone(), y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        for (int i = 1; i < x.length; i++) {
            if (x[i] == x[i - 1]) {
                return false;
            }
        }
        return Arrays.equals(x, y);
    }

    @Benchmark
    @Fork(value = 2, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow",
            "-Danchorvec.impl=scalar", "-Xmx2g", "-Xms2g", "-XX:+AlwaysPreTouch"})
    public int scalar() {
        return BatchedNms.run(input, scores, 0, classes, 0, CLASSES, t, keep, ws);
    }

    @Benchmark
    @Fork(value = 2, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow",
            "-Danchorvec.impl=vector", "-Xmx2g", "-Xms2g", "-XX:+AlwaysPreTouch"})
    public int vector() {
        return BatchedNms.run(input, scores, 0, classes, 0, CLASSES, t, keep, ws);
    }
}
