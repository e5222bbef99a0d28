package dev.anchorvec.bench;

import dev.anchorvec.boxes.BoxConvert;
import dev.anchorvec.boxes.BoxFormat;
import dev.anchorvec.boxes.Boxes;
import java.util.Arrays;

/**
 * A vendored NMS workload, {@code nms_n{boxes}.f32}: {@code [n, 4]} clustered xyxy boxes then {@code n} scores,
 * the inputs torchvision's and OpenCV's NMS were timed on.
 *
 * @param boxes  planar boxes
 * @param scores their scores
 */
record NmsWorkload(Boxes boxes, float[] scores) {

    static NmsWorkload load(int n) {
        float[] raw = Workloads.floats("nms_n" + n + ".f32");
        if (raw.length != 5 * n) {
            throw new IllegalStateException("nms_n" + n + ".f32 holds " + raw.length + " floats");
        }
        return new NmsWorkload(BoxConvert.fromInterleaved(raw, 0, n, BoxFormat.XYXY, Boxes.allocate(n)),
                Arrays.copyOfRange(raw, 4 * n, 5 * n));
    }
}
