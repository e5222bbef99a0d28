package dev.anchorvec.bench;

import dev.anchorvec.anchors.AnchorGrid;
import dev.anchorvec.anchors.AnchorPresets;
import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.encode.DeltaCoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Synthetic head outputs of a trained RetinaNet on one 640x640 image (torchvision's anchors: 76725 anchors in
 * five levels, 80 classes), deterministic (seed 7300), so that anchorvec and torchvision's
 * {@code postprocess_detections} can be timed on the same tensors.
 *
 * <p>The score distribution: 12 objects (centres uniform in the image, sides {@code exp(U(ln 24, ln 320))},
 * classes uniform). Every logit starts as background noise {@code N(-7, 1.2)}, so about 0.04 % of the 6.1 million
 * class scores pass 0.05 by chance (some 2000, most of them on the large P3 level, where top-1000 then cuts).
 * An anchor with IoU {@code u >= 0.3} to an object gets, for that object's class, {@code -4 + 9u + N(0, 0.7)} (a
 * confident cluster around each object, so NMS has work) and regression offsets that encode the object plus
 * {@code N(0, 0.05)} noise; the other anchors get offsets {@code N(0, 0.1)}.
 *
 * <p>{@code main(dir)} writes the tensors for the torchvision script ({@code bench/peers/}): little-endian
 * float32 {@code retinanet_logits.f32} {@code [76725, 80]}, {@code retinanet_deltas.f32} {@code [76725, 4]},
 * {@code retinanet_anchors.f32} {@code [76725, 4]} xyxy, and {@code retinanet_levels.txt} (anchors per level).
 */
public final class RetinaNetHeads {

    /** Image side. */
    public static final int SIDE = 640;
    /** Number of anchors (torchvision's RetinaNet anchors at 640x640). */
    public static final int ANCHORS = 76725;
    /** Number of classes. */
    public static final int CLASSES = 80;

    final Boxes anchors;
    final int[] anchorsPerLevel;
    final float[] logits;
    final float[] deltas;

    private RetinaNetHeads(Boxes anchors, int[] anchorsPerLevel, float[] logits, float[] deltas) {
        this.anchors = anchors;
        this.anchorsPerLevel = anchorsPerLevel;
        this.logits = logits;
        this.deltas = deltas;
    }

    /** The deterministic head outputs. */
    public static RetinaNetHeads generate() {
        AnchorGrid grid = AnchorPresets.torchvisionRetinaNet(SIDE, SIDE);
        Boxes anchors = grid.toBoxes();
        int[] perLevel = new int[grid.levels()];
        for (int l = 0; l < perLevel.length; l++) {
            perLevel[l] = grid.levelSize(l);
        }
        int a = anchors.size();
        if (a != ANCHORS) {
            throw new IllegalStateException(a + " anchors, expected " + ANCHORS);
        }
        SplittableRandom rnd = new SplittableRandom(7300);
        float[] logits = new float[a * CLASSES];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) (-7 + 1.2 * gaussian(rnd));
        }
        float[] deltas = new float[4 * a];
        for (int i = 0; i < deltas.length; i++) {
            deltas[i] = (float) (0.1 * gaussian(rnd));
        }
        DeltaCoder coder = DeltaCoder.torchvision();
        float[] one = new float[4];
        for (int o = 0; o < 12; o++) {
            double cx = rnd.nextDouble() * SIDE, cy = rnd.nextDouble() * SIDE;
            double w = Math.exp(Math.log(24) + rnd.nextDouble() * (Math.log(320) - Math.log(24)));
            double h = Math.exp(Math.log(24) + rnd.nextDouble() * (Math.log(320) - Math.log(24)));
            int cls = rnd.nextInt(CLASSES);
            float[] obj = {(float) (cx - w / 2), (float) (cy - h / 2), (float) (cx + w / 2), (float) (cy + h / 2)};
            Boxes gt = Boxes.ofXyxy(obj);
            for (int i = 0; i < a; i++) {
                float u = dev.anchorvec.boxes.BoxIou.of(dev.anchorvec.boxes.IouKind.IOU, anchors.x1(i), anchors.y1(i),
                        anchors.x2(i), anchors.y2(i), obj[0], obj[1], obj[2], obj[3]);
                if (u >= 0.3f) {
                    logits[i * CLASSES + cls] = (float) (-4 + 9 * u + 0.7 * gaussian(rnd));
                    coder.encode(Boxes.ofXyxy(anchors.x1(i), anchors.y1(i), anchors.x2(i), anchors.y2(i)), gt, one, 0);
                    for (int k = 0; k < 4; k++) {
                        deltas[4 * i + k] = (float) (one[k] + 0.05 * gaussian(rnd));
                    }
                }
            }
        }
        return new RetinaNetHeads(anchors, perLevel, logits, deltas);
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box-Muller from two uniforms: the same stream on every JDK (nextGaussian's algorithm may change).
        double u = 1 - rnd.nextDouble(), v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** Writes the tensors for {@code bench/peers/time_retinanet_postprocess.py} into the directory {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        Files.createDirectories(dir);
        RetinaNetHeads h = generate();
        write(dir.resolve("retinanet_logits.f32"), h.logits);
        write(dir.resolve("retinanet_deltas.f32"), h.deltas);
        write(dir.resolve("retinanet_anchors.f32"), h.anchors.toInterleaved(dev.anchorvec.boxes.BoxFormat.XYXY));
        StringBuilder sb = new StringBuilder();
        for (int count : h.anchorsPerLevel) {
            sb.append(count).append('\n');
        }
        Files.writeString(dir.resolve("retinanet_levels.txt"), sb.toString());
    }

    private static void write(Path file, float[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        Files.write(file, b.array());
    }
}
