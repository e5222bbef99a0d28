package dev.anchorvec.bench;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.select.SoftNms;
import dev.anchorvec.select.SoftNmsMethod;
import dev.anchorvec.select.SoftNmsParams;
import dev.anchorvec.select.SoftNmsWorkspace;
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
 * {@code SoftNms.run} with mmcv's defaults ({@code SoftNmsParams.mmcv(method)}: IoU 0.3, sigma 0.5, min_score
 * 1e-3) on the clustered boxes of the NMS workloads ({@code nms_n{boxes}.f32}), into preallocated arrays with a
 * reused workspace. {@code scalar} and {@code vector} have the same body; their forks differ only in
 * {@code -Danchorvec.impl}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SoftNmsBench {

    /** Number of boxes: a vendored workload. */
    @Param({"1000", "5000"})
    public int boxes;

    /** Decay method. */
    @Param({"GAUSSIAN", "LINEAR"})
    public String method;

    Boxes input;
    float[] scores;
    int[] keep;
    float[] updated;
    SoftNmsParams params;
    SoftNmsWorkspace ws;

    @Setup(Level.Trial)
    public void setup() {
        NmsWorkload w = NmsWorkload.load(boxes);
        input = w.boxes();
        scores = w.scores();
        params = SoftNmsParams.mmcv(SoftNmsMethod.valueOf(method));
        keep = new int[boxes];
        updated = new float[boxes];
        ws = new SoftNmsWorkspace(boxes);
    }

    @Setup(Level.Trial)
    public void checkImplementation(BenchmarkParams params) {
        ImplCheck.verify(params);
    }

    @Benchmark
    @Fork(value = 2, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow",
            "-Danchorvec.impl=scalar", "-Xmx2g", "-Xms2g", "-XX:+AlwaysPreTouch"})
    public int scalar() {
        return SoftNms.run(input, scores, 0, params, keep, updated, ws);
    }

    @Benchmark
    @Fork(value = 2, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow",
            "-Danchorvec.impl=vector", "-Xmx2g", "-Xms2g", "-XX:+AlwaysPreTouch"})
    public int vector() {
        return SoftNms.run(input, scores, 0, params, keep, updated, ws);
    }
}
