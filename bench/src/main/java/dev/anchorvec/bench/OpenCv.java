package dev.anchorvec.bench;

import org.opencv.core.MatOfFloat;
import org.opencv.core.MatOfInt;
import org.opencv.core.MatOfRect2d;
import org.opencv.core.Rect2d;

/**
 * Loads OpenCV's native library from the {@code org.openpnp:opencv} jar and converts the NMS workloads to the
 * Mats of {@code Dnn.NMSBoxes}, the way the vendored {@code nms_n*_cv2_keep_t0.5.i32} were produced.
 */
final class OpenCv {

    private static boolean loaded;

    private OpenCv() {}

    /**
     * Loads the native library once per JVM ({@code nu.pattern.OpenCV.loadLocally()}: extracts the bundled
     * library to a temporary directory and {@code System.load}s it).
     *
     * @throws IllegalStateException naming the platform when the bundled library cannot be loaded
     *                               ({@code benchmarks.jar} carries Linux x86_64 / aarch64 and macOS arm64)
     */
    static synchronized void load() {
        if (loaded) {
            return;
        }
        try {
            nu.pattern.OpenCV.loadLocally();
            // loadLocally logs and returns on some failures; the first native call tells for sure.
            new MatOfInt().release();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot load OpenCV's native library from org.openpnp:opencv on "
                    + System.getProperty("os.name") + " / " + System.getProperty("os.arch")
                    + " (benchmarks.jar bundles OpenCV's libraries for Linux x86_64 and aarch64 and macOS on "
                    + "Apple silicon): " + e, e);
        }
        loaded = true;
    }

    /**
     * The Rect2d list of {@code cv2.dnn.NMSBoxes}: {@code x1, y1, x2 - x1, y2 - y1} with the width and height
     * computed in float32 then widened, as {@code time_peers.py} did (numpy float32 columns cast to float64).
     *
     * @param raw   {@code n} xyxy float32 boxes, row-major, from index 0
     * @param count n
     */
    static MatOfRect2d rects(float[] raw, int count) {
        Rect2d[] r = new Rect2d[count];
        for (int i = 0; i < count; i++) {
            float x1 = raw[4 * i], y1 = raw[4 * i + 1], x2 = raw[4 * i + 2], y2 = raw[4 * i + 3];
            float w = x2 - x1, h = y2 - y1;
            r[i] = new Rect2d(x1, y1, w, h);
        }
        return new MatOfRect2d(r);
    }

    /** The scores as a Mat. */
    static MatOfFloat scores(float[] scores) {
        return new MatOfFloat(scores);
    }
}
