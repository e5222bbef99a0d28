package dev.anchorvec.bench;

import dev.anchorvec.boxes.BoxConvert;
import dev.anchorvec.boxes.BoxFormat;
import dev.anchorvec.boxes.Boxes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.GZIPInputStream;

/**
 * The vendored peer workloads ({@code src/main/resources/workloads/*.gz}, see the README there): raw
 * little-endian float32 / int32 files, gzip-compressed, read from the classpath.
 */
public final class Workloads {

    /** 100000 anchors, xyxy (the torchvision {@code box_iou} workload). */
    public static final String IOU_ANCHORS = "iou_anchors_n100000.f32";
    /** 100 ground-truth boxes, xyxy. */
    public static final String IOU_GT = "iou_gt_m100.f32";

    private Workloads() {}

    /** All little-endian float32 values of a workload file (name without {@code .gz}). */
    public static float[] floats(String name) {
        ByteBuffer bytes = bytes(name);
        if (bytes.remaining() % Float.BYTES != 0) {
            throw new IllegalStateException(name + ": size " + bytes.remaining() + " is not a multiple of 4");
        }
        float[] out = new float[bytes.remaining() / Float.BYTES];
        bytes.asFloatBuffer().get(out);
        return out;
    }

    /** All little-endian int32 values of a workload file (name without {@code .gz}). */
    public static int[] ints(String name) {
        ByteBuffer bytes = bytes(name);
        if (bytes.remaining() % Integer.BYTES != 0) {
            throw new IllegalStateException(name + ": size " + bytes.remaining() + " is not a multiple of 4");
        }
        int[] out = new int[bytes.remaining() / Integer.BYTES];
        bytes.asIntBuffer().get(out);
        return out;
    }

    /**
     * The first {@code count} boxes of an xyxy {@code [n,4]} file as planar {@link Boxes}. When {@code count}
     * exceeds the file's boxes they repeat cyclically (box {@code i} is file box {@code i % n}): used for size
     * sweeps wider than the 100 ground-truth boxes; the kernels are branch-free, so timing does not depend on
     * the values.
     */
    public static Boxes boxes(String name, int count) {
        float[] rows = floats(name);
        int n = rows.length / 4;
        if (n == 0 && count > 0) {
            throw new IllegalStateException(name + " holds no boxes");
        }
        Boxes out = Boxes.allocate(count);
        for (int start = 0; start < count; start += n) {
            int len = Math.min(n, count - start);
            Boxes part = BoxConvert.fromInterleaved(rows, 0, len, BoxFormat.XYXY, Boxes.allocate(len));
            float[] src = part.data(), dst = out.data();
            for (int k = 0; k < 4; k++) {
                System.arraycopy(src, part.plane(k), dst, out.plane(k) + start, len);
            }
        }
        return out;
    }

    /** Parses a workload size {@code "NxM"} into {@code {N, M}} (both >= 1). */
    public static int[] size(String workload) {
        String[] parts = workload.trim().toLowerCase(java.util.Locale.ROOT).split("x");
        if (parts.length != 2) {
            throw new IllegalArgumentException("workload must look like NxM (e.g. 20000x100), got " + workload);
        }
        int n = Integer.parseInt(parts[0].trim()), m = Integer.parseInt(parts[1].trim());
        if (n < 1 || m < 1) {
            throw new IllegalArgumentException("workload sizes must be >= 1, got " + workload);
        }
        return new int[] {n, m};
    }

    private static ByteBuffer bytes(String name) {
        String path = "/workloads/" + name + ".gz";
        try (InputStream raw = Workloads.class.getResourceAsStream(path)) {
            if (raw == null) {
                throw new IllegalArgumentException("no workload " + path + " on the classpath");
            }
            try (InputStream in = new GZIPInputStream(raw, 1 << 16)) {
                return ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
