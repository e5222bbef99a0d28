package dev.anchorvec.bench;

import dev.anchorvec.select.pipeline.Detections;
import dev.anchorvec.select.pipeline.PostprocessWorkspace;
import dev.anchorvec.select.pipeline.RetinaNetPostprocess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * {@code RetinaNetPostprocess.torchvision().run(...)} on one 640x640 image's head outputs ({@link RetinaNetHeads}:
 * 76725 anchors x 80 classes), from raw logits and offsets to 300 detections, into a reused {@code Detections}
 * with a reused workspace. The setup checks the detections against torchvision's
 * {@code postprocess_detections} on the same tensors ({@code workloads/retinanet_torchvision.json}, written by
 * {@code bench/peers/time_retinanet_postprocess.py}, which also holds its timing on the machine that wrote it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RetinaNetPostprocessBench {

    RetinaNetHeads heads;
    RetinaNetPostprocess post;
    Detections out;
    PostprocessWorkspace ws;

    @Setup(Level.Trial)
    public void setup() {
        heads = RetinaNetHeads.generate();
        post = RetinaNetPostprocess.torchvision();
        out = new Detections();
        ws = new PostprocessWorkspace();
        run();
        String mismatch = compare(out, torchvision());
        if (mismatch != null) {
            throw new IllegalStateException("RetinaNet post-processing differs from torchvision's: " + mismatch);
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

    int run() {
        return post.run(heads.logits, 0, heads.deltas, 0, heads.anchors, heads.anchorsPerLevel,
                RetinaNetHeads.CLASSES, RetinaNetHeads.SIDE, RetinaNetHeads.SIDE, out, ws);
    }

    /** The vendored torchvision result: its JSON object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> torchvision() {
        try (InputStream in = RetinaNetPostprocessBench.class.getResourceAsStream(
                "/workloads/retinanet_torchvision.json")) {
            if (in == null) {
                throw new IllegalStateException("workloads/retinanet_torchvision.json is not on the classpath");
            }
            return (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** torchvision's single-thread median, in ns, from the vendored file. */
    @SuppressWarnings("unchecked")
    static double torchvisionNs() {
        for (Object row : (List<Object>) torchvision().get("rows")) {
            Map<String, Object> r = (Map<String, Object>) row;
            if (((Number) r.get("threads")).intValue() == 1) {
                return ((Number) r.get("median_ms")).doubleValue() * 1e6;
            }
        }
        throw new IllegalStateException("no single-thread row in retinanet_torchvision.json");
    }

    /**
     * Null when {@code d} matches torchvision's detections: same count, same labels in the same order, scores
     * within 2e-7 (torch's float sigmoid and ours may differ by an ulp) and boxes within 1e-3 pixels (the decoders
     * differ by a few ulps of the coordinates), else what differs first.
     */
    @SuppressWarnings("unchecked")
    static String compare(Detections d, Map<String, Object> torchvision) {
        Map<String, Object> det = (Map<String, Object>) torchvision.get("detections");
        List<Object> scores = (List<Object>) det.get("scores"), labels = (List<Object>) det.get("labels");
        List<Object> boxes = (List<Object>) det.get("boxes");
        if (d.count() != scores.size()) {
            return "count " + d.count() + " vs " + scores.size();
        }
        for (int i = 0; i < d.count(); i++) {
            if (d.label(i) != ((Number) labels.get(i)).intValue()) {
                return "label of detection " + i + ": " + d.label(i) + " vs " + labels.get(i);
            }
            if (Math.abs(d.score(i) - ((Number) scores.get(i)).doubleValue()) > 2e-7) {
                return "score of detection " + i + ": " + d.score(i) + " vs " + scores.get(i);
            }
            List<Object> b = (List<Object>) boxes.get(i);
            float[] ours = {d.boxes().x1(i), d.boxes().y1(i), d.boxes().x2(i), d.boxes().y2(i)};
            for (int k = 0; k < 4; k++) {
                if (Math.abs(ours[k] - ((Number) b.get(k)).doubleValue()) > 1e-3) {
                    return "box of detection " + i + ": coordinate " + k + " " + ours[k] + " vs " + b.get(k);
                }
            }
        }
        return null;
    }
}
