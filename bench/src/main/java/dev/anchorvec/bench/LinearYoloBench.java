package dev.anchorvec.bench;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.encode.LinearCoder;
import dev.anchorvec.encode.YoloCoder;
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
 * {@link LinearCoder} (FCOS, {@code normalize_by_size}) and {@link YoloCoder#yolov5()} encode and decode on
 * {@link BoxCoderBench}'s data: the IoU anchors, its reference boxes as ground truth, its codes as predictions
 * (rows of 4; YOLO strides 16), into preallocated interleaved output. A separate class rather than a parameter
 * of {@link BoxCoderBench} because its {@code matched} workload exists only for the delta coder.
 * {@code scalar} and {@code vector} have the same body; their forks differ only in {@code -Danchorvec.impl}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LinearYoloBench {

    /** The YOLO stride of every anchor. */
    static final float STRIDE = 16f;

    /** linear (FCOS, normalised) or yolo (YOLOv5). */
    @Param({"linear", "yolo"})
    public String coder;

    /** encode or decode. */
    @Param({"encode", "decode"})
    public String op;

    /** Number of boxes. */
    @Param({"100000", "1000", "10007"})
    public int boxes;

    LinearCoder linear;
    YoloCoder yolo;
    Boxes anchors;
    Boxes gt;
    float[] codes;
    float[] strides;
    float[] out;
    boolean encode;

    @Setup(Level.Trial)
    public void setup() {
        if (boxes < 1 || boxes > 100000) {
            throw new IllegalArgumentException("boxes must be in [1, 100000], got " + boxes);
        }
        if (!coder.equals("linear") && !coder.equals("yolo")) {
            throw new IllegalArgumentException("coder must be linear or yolo, got " + coder);
        }
        encode = switch (op) {
            case "encode" -> true;
            case "decode" -> false;
            default -> throw new IllegalArgumentException("op must be encode or decode, got " + op);
        };
        linear = LinearCoder.torchvision(true);
        yolo = YoloCoder.yolov5();
        anchors = Workloads.boxes(Workloads.IOU_ANCHORS, boxes);
        gt = Workloads.boxes(BoxCoderBench.REFERENCE, boxes);
        codes = Arrays.copyOf(Workloads.floats(BoxCoderBench.CODES), 4 * boxes);
        strides = new float[boxes];
        Arrays.fill(strides, STRIDE);
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
        boolean lin = coder.equals("linear");
        if (encode) {
            if (lin) {
                linear.encode(anchors, gt, out, 0);
            } else {
                yolo.encode(anchors, strides, gt, out, 0);
            }
        } else if (lin) {
            linear.decode(anchors, codes, 0, out, 0);
        } else {
            yolo.decode(anchors, strides, codes, 0, 4, out, 0);
        }
        return out;
    }
}
