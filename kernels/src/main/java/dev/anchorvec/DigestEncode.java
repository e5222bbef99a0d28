package dev.anchorvec;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.encode.ClampMode;
import dev.anchorvec.encode.DeltaCoder;
import dev.anchorvec.encode.LinearCoder;
import dev.anchorvec.encode.YoloCoder;
import java.util.Arrays;
import java.util.List;

/**
 * {@link KernelDigest}'s workload for {@code dev.anchorvec.encode}: the delta coder of every peer (encode, the
 * matched encode, decode in every layout with and without clipping and clamps), the linear (FCOS) coder and the
 * YOLO coders. Encoders get boxes of positive size from subnormal to huge; decoders any anchor and codes up to
 * {@code +-60} (beyond {@code exp}'s float range before the clamp).
 */
final class DigestEncode {

    static final List<DigestFamily> FAMILIES = List.of(
            new DigestFamily("encode.delta-encode", DigestEncode::deltaEncode),
            new DigestFamily("encode.delta-decode", DigestEncode::deltaDecode),
            new DigestFamily("encode.linear", DigestEncode::linear),
            new DigestFamily("encode.yolo-decode", DigestEncode::yoloDecode),
            new DigestFamily("encode.yolo-encode", DigestEncode::yoloEncode));

    private DigestEncode() {}

    private static List<DeltaCoder> coders() {
        return List.of(DeltaCoder.torchvision(), DeltaCoder.torchvision(10, 10, 5, 5),
                DeltaCoder.detectron2(1, 1, 1, 1), DeltaCoder.mmdet(),
                DeltaCoder.mmdet(new float[] {0.1f, -0.2f, 0f, 0.05f}, new float[] {0.1f, 0.1f, 0.2f, 0.2f}),
                DeltaCoder.tensorflow(), DeltaCoder.ssd(), DeltaCoder.djl(),
                DeltaCoder.torchvision().withClamp(ClampMode.SYMMETRIC, 3f),
                DeltaCoder.mmdet().withCentreClamp(32f));
    }

    /** {@code 4 * n} codes: mostly moderate, every 8th large enough to overflow {@code exp} unclamped. */
    private static float[] deltas(DigestInputs in, int n) {
        float[] d = new float[4 * n];
        for (int i = 0; i < d.length; i++) {
            d[i] = in.nextInt(8) == 0 ? in.uniform(-60f, 60f) : in.uniform(-4f, 4f);
        }
        return d;
    }

    private static void deltaEncode(DigestInputs in, DigestHash out) {
        List<DeltaCoder> coders = coders();
        for (int k = 0; k < coders.size(); k++) {
            DeltaCoder c = coders.get(k);
            for (int n : new int[] {3, 37, 100}) {
                Boxes anchors = in.positiveBoxes(n);
                Boxes gt = n == 37 ? in.positiveBoxes(n) : in.positiveRelated(anchors, n);
                String l = k + " encode " + n;
                out.call(l, () -> out.floats(l, c.encode(anchors, gt)));
            }
            Boxes anchors = in.positiveBoxes(259), gt = in.positiveRelated(anchors, 9);
            int[] matches = in.matches(259 + 2, 9);
            float[] codes = new float[4 * 259 + 1];
            String l = k + " matched";
            out.call(l, () -> {
                c.encodeMatched(anchors, gt, matches, 2, codes, 1);
                out.floats(l, codes);
            });
        }
    }

    private static void deltaDecode(DigestInputs in, DigestHash out) {
        List<DeltaCoder> coders = coders();
        for (int k = 0; k < coders.size(); k++) {
            DeltaCoder c = coders.get(k);
            String l = String.valueOf(k);
            Boxes anchors = k % 2 == 0 ? in.positiveBoxes(103) : in.boxes(103);
            float[] deltas = deltas(in, 103);
            out.floats(l + " decode", c.decode(anchors, deltas));
            Boxes a13 = in.positiveBoxes(13), a37 = in.boxes(37);
            float[] multi = deltas(in, 3 * 13);
            float[] rows = new float[multi.length + 2];
            c.decode(a13, multi, 0, 3, rows, 2);
            out.floats(l + " decode k=3", rows);
            c.decode(a13, multi, 0, 3, 800f, 600f, rows, 1);
            out.floats(l + " decode clipped", rows);
            float[] inPlace = deltas(in, 37);
            c.decode(a37, inPlace, 0, 1, inPlace, 0);
            out.floats(l + " decode in place", inPlace);
            float[] d37 = deltas(in, 37);
            out.boxes(l + " planar", c.decode(a37, d37, 0, Boxes.allocate(37)));
            out.boxes(l + " planar clipped", c.decode(a37, d37, 0, 640f, 0f, Boxes.allocate(40)));
            Boxes a3 = in.boxes(3);
            out.floats(l + " decode 3", c.decode(a3, deltas(in, 3)));
        }
    }

    private static void linear(DigestInputs in, DigestHash out) {
        for (boolean normalize : new boolean[] {false, true}) {
            LinearCoder c = LinearCoder.torchvision(normalize);
            for (int n : new int[] {3, 37, 259}) {
                Boxes anchors = in.positiveBoxes(n), gt = in.boxes(n);
                String l = normalize + " " + n;
                out.call(l + " encode", () -> out.floats(l + " encode", c.encode(anchors, gt)));
                float[] codes = in.uniform(4 * n + 1, -50f, 300f);
                out.floats(l + " decode", c.decode(in.boxes(n), Arrays.copyOf(codes, 4 * n)));
                float[] rows = new float[4 * n + 3];
                c.decode(anchors, codes, 1, rows, 3);
                out.floats(l + " decode offset", rows);
            }
        }
    }

    private static float[] strides(DigestInputs in, int n) {
        float[] s = new float[n];
        float[] levels = {8f, 16f, 32f, 0.5f, 1000f};
        for (int i = 0; i < n; i++) {
            s[i] = levels[in.nextInt(levels.length)];
        }
        return s;
    }

    private static void yoloDecode(DigestInputs in, DigestHash out) {
        for (YoloCoder c : new YoloCoder[] {YoloCoder.yolov5(), YoloCoder.mmdet()}) {
            for (int n : new int[] {3, 37, 259}) {
                for (int rawStride : new int[] {4, 7}) {
                    Boxes anchors = rawStride == 4 ? in.positiveBoxes(n) : in.boxes(n);
                    float[] raw = new float[2 + n * rawStride];
                    for (int i = 0; i < raw.length; i++) {
                        raw[i] = in.nextInt(10) == 0 ? in.uniform(-100f, 100f) : in.uniform(-3f, 3f);
                    }
                    float[] rows = new float[4 * n + 1];
                    c.decode(anchors, strides(in, n), raw, 2, rawStride, rows, 1);
                    out.floats(c + " " + n + " " + rawStride, rows);
                }
            }
        }
    }

    private static void yoloEncode(DigestInputs in, DigestHash out) {
        for (YoloCoder c : new YoloCoder[] {YoloCoder.yolov5(), YoloCoder.mmdet()}) {
            for (int n : new int[] {3, 37, 259}) {
                Boxes anchors = in.positiveBoxes(n);
                Boxes gt = in.positiveRelated(anchors, n);
                Boxes positive = in.positiveBoxes(n);
                float[] strides = strides(in, n);
                float[] rows = new float[4 * n + 2];
                String l = c + " " + n;
                out.call(l + " related", () -> {
                    c.encode(anchors, strides, gt, rows, 2);
                    out.floats(l + " related", rows);
                });
                out.call(l + " positive", () -> {
                    c.encode(anchors, strides, positive, rows, 2);
                    out.floats(l + " positive", rows);
                });
            }
        }
    }
}
