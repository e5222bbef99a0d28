package dev.anchorvec.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.opencv.core.MatOfFloat;
import org.opencv.core.MatOfInt;
import org.opencv.core.MatOfRect2d;
import org.opencv.dnn.Dnn;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-JMH peer of {@link NmsBench} and {@link BatchedNmsBench}: OpenCV 4.9's {@code Dnn.NMSBoxes} and
 * {@code Dnn.NMSBoxesBatched} through the Java binding ({@code org.openpnp:opencv}) on the same clustered boxes
 * ({@code nms_n{boxes}.f32}, classes {@code nms_n{boxes}_classes.i32}), score threshold 0, IoU threshold 0.5.
 *
 * <p>Measured: one JNI call ({@code NMSBoxes(Mat, Mat, float, float, Mat)}), which inside OpenCV copies the
 * Mats to {@code std::vector}s, sorts the candidates, runs the greedy sweep and copies the kept indices back
 * into the output Mat (reallocated by OpenCV when its size changes, i.e. not after the first call). Not
 * measured: converting the float32 xyxy boxes to the {@code MatOfRect2d} of float64 {@code x, y, w, h}
 * and the scores and classes to Mats (done once in the setup), and reading the keep list back into a Java
 * array. anchorvec's kernels in {@link NmsBench} start from the float32 arrays, so OpenCV gets the
 * conversion for free. The setup checks the kept indices against the vendored {@code cv2.dnn.NMSBoxes} output
 * (OpenCV 4.6 in Python, {@code nms_n{boxes}_cv2_keep_t0.5.i32}, identical to torchvision's keep on these
 * inputs) and, for the batched call, against torchvision's {@code batched_nms} as a set (OpenCV orders equal
 * scores differently).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OpenCvNmsBench {

    /** Number of boxes: a vendored workload. */
    @Param({"1000", "5000", "20000"})
    public int boxes;

    /** IoU threshold; the vendored keep lists are at 0.5. */
    @Param({"0.5"})
    public String threshold;

    float t;
    MatOfRect2d rects;
    MatOfFloat scores;
    MatOfInt classes;
    MatOfInt keep;

    @Setup(Level.Trial)
    public void setup() {
        OpenCv.load();
        float[] raw = Workloads.floats("nms_n" + boxes + ".f32");
        if (raw.length != 5 * boxes) {
            throw new IllegalStateException("nms_n" + boxes + ".f32 holds " + raw.length + " floats");
        }
        rects = OpenCv.rects(raw, boxes);
        scores = OpenCv.scores(Arrays.copyOfRange(raw, 4 * boxes, 5 * boxes));
        classes = new MatOfInt(Workloads.ints("nms_n" + boxes + "_classes.i32"));
        t = Float.parseFloat(threshold);
        keep = new MatOfInt();
        if (t == 0.5f) {
            Dnn.NMSBoxes(rects, scores, 0f, t, keep);
            if (!Arrays.equals(Workloads.ints("nms_n" + boxes + "_cv2_keep_t0.5.i32"), keep.toArray())) {
                throw new IllegalStateException("OpenCV's NMSBoxes differs from cv2's keep on nms_n" + boxes);
            }
            Dnn.NMSBoxesBatched(rects, scores, classes, 0f, t, keep);
            if (!BatchedNmsBench.sameSet(Workloads.ints("nms_n" + boxes + "_batched_keep_t0.5.i32"), keep.toArray())) {
                throw new IllegalStateException("OpenCV's NMSBoxesBatched differs from torchvision's batched_nms "
                        + "keep (as a set) on nms_n" + boxes);
            }
        }
    }

    @TearDown(Level.Trial)
    public void release() {
        for (var m : new org.opencv.core.Mat[] {rects, scores, classes, keep}) {
            if (m != null) {
                m.release();
            }
        }
    }

    /** {@code Dnn.NMSBoxes}; returns the number of kept boxes. */
    @Benchmark
    @Fork(value = 2, jvmArgsPrepend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
            "-Xmx2g", "-Xms2g", "-XX:+AlwaysPreTouch"})
    public int nmsBoxes() {
        Dnn.NMSBoxes(rects, scores, 0f, t, keep);
        return keep.rows();
    }

    /**
     * {@code Dnn.NMSBoxesBatched} with the 80 class ids (OpenCV shifts each class's boxes apart by a per-class
     * offset, then runs one {@code NMSBoxes} over all boxes); returns the number of kept boxes.
     */
    @Benchmark
    @Fork(value = 2, jvmArgsPrepend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
            "-Xmx2g", "-Xms2g", "-XX:+AlwaysPreTouch"})
    public int nmsBoxesBatched() {
        Dnn.NMSBoxesBatched(rects, scores, classes, 0f, t, keep);
        return keep.rows();
    }
}
