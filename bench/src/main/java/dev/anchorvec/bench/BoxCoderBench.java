package dev.anchorvec.bench;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.encode.DeltaCoder;
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
 * {@link DeltaCoder} encode and decode on torchvision's {@code BoxCoder} workload: the 100000 IoU anchors
 * (planar), the reference boxes {@code boxcoder_reference_n100000} (encode: {@code encode_single(reference,
 * anchors)}) and the codes {@code boxcoder_codes_n100000} (decode: {@code decode_single(codes, anchors)}, rows of
 * 4 interleaved), into preallocated interleaved output; weights (1, 1, 1, 1). {@code boxes} below 100000 takes
 * the first boxes (a size sweep). {@code scalar} and {@code vector} have the same body; their forks differ only
 * in {@code -Danchorvec.impl}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BoxCoderBench {

    /** Codes file of the decode workload: {@code [100000, 4]} float32. */
    static final String CODES = "boxcoder_codes_n100000.f32";
    /** Reference (gt) boxes of the encode workload: {@code [100000, 4]} xyxy. */
    static final String REFERENCE = "boxcoder_reference_n100000.f32";

    /**
     * encode, decode, or matched: {@code encodeMatched} with every 256th anchor matched to one of the 100 gt
     * boxes (~390 positives in 100000, like a RetinaNet image with a few objects) and the rest background.
     */
    @Param({"encode", "decode", "matched"})
    public String op;

    /** Number of boxes (the peer workload is 100000). */
    @Param({"100000", "1000", "10007"})
    public int boxes;

    DeltaCoder coder;
    Boxes anchors;
    Boxes gt;
    float[] codes;
    float[] out;
    boolean encode;
    Boxes matchGt;
    int[] matches;

    @Setup(Level.Trial)
    public void setup() {
        if (boxes < 1 || boxes > 100000) {
            throw new IllegalArgumentException("boxes must be in [1, 100000], got " + boxes);
        }
        encode = switch (op) {
            case "encode", "matched" -> true;
            case "decode" -> false;
            default -> throw new IllegalArgumentException("op must be encode, decode or matched, got " + op);
        };
        matchGt = Workloads.boxes(Workloads.IOU_GT, 100);
        matches = new int[boxes];
        for (int i = 0; i < boxes; i++) {
            matches[i] = i % 256 == 0 ? (i / 256) % 100 : -1 - (i % 3 == 0 ? 1 : 0);
        }
        coder = DeltaCoder.torchvision();
        anchors = Workloads.boxes(Workloads.IOU_ANCHORS, boxes);
        gt = Workloads.boxes(REFERENCE, boxes);
        codes = java.util.Arrays.copyOf(Workloads.floats(CODES), 4 * boxes);
        out = new float[4 * boxes];
    }

    @Setup(Level.Trial)
    public void checkImplementation(BenchmarkParams params) {
        ImplCheck.verify(params);
    }

    @Benchmark
    @Fork(value = 2, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow",
            "-Danchorvec.impl=scalar", "-Xmx2g", "-Xms2g", "-XX:+AlwaysPreTouch"})
    public float[] scalar() {
        return run();
    }

    @Benchmark
    @Fork(value = 2, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow",
            "-Danchorvec.impl=vector", "-Xmx2g", "-Xms2g", "-XX:+AlwaysPreTouch"})
    public float[] vector() {
        return run();
    }

    private float[] run() {
        if (op.equals("matched")) {
            coder.encodeMatched(anchors, matchGt, matches, out, 0);
        } else if (encode) {
            coder.encode(anchors, gt, out, 0);
        } else {
            coder.decode(anchors, codes, 0, 1, out, 0);
        }
        return out;
    }
}
