package dev.anchorvec.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.boxes.Boxes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * {@link SoftNmsParams#opencv} against {@code cv2.dnn.softNMSBoxes} (OpenCV 4.6.0) on 40 vendored small cases
 * ({@code softnms/opencv_softnms.txt}, made by {@code softnms/gen_opencv_softnms.py}; python is not needed to
 * run this test). Kept indices must match exactly, updated scores within 1e-6 relative: OpenCV computes the
 * overlap of integer rectangles in double and its Gaussian weight with {@code expf}.
 */
class OpenCvSoftNmsTest {

    @Test
    void reproducesOpenCvSoftNmsBoxes() throws IOException {
        List<String> lines = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/softnms/opencv_softnms.txt"));
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.startsWith("#")) {
                    lines.add(line);
                }
            }
        }
        assertEquals(0, lines.size() % 5);
        int cases = 0, nonTrivial = 0;
        for (int c = 0; c < lines.size(); c += 5) {
            String[] head = lines.get(c).split(" ");
            SoftNmsParams p = SoftNmsParams.opencv(SoftNmsMethod.valueOf(head[1]), Float.parseFloat(head[2]),
                    Float.parseFloat(head[3]), Integer.parseInt(head[4]), Float.parseFloat(head[5]));
            float[] xywh = floats(lines.get(c + 1), "boxes");
            int n = xywh.length / 4;
            Boxes boxes = Boxes.allocate(n).resize(n);
            for (int i = 0; i < n; i++) {
                float x = xywh[4 * i], y = xywh[4 * i + 1];
                boxes.set(i, x, y, x + xywh[4 * i + 2], y + xywh[4 * i + 3]);
            }
            float[] scores = floats(lines.get(c + 2), "scores");
            int[] keep = ints(lines.get(c + 3), "keep");
            float[] updated = floats(lines.get(c + 4), "updated");
            SoftNmsResult got = SoftNms.run(boxes, scores, p);
            String where = "case " + (c / 5) + ": " + lines.get(c);
            assertArrayEquals(keep, got.keep(), where);
            for (int k = 0; k < keep.length; k++) {
                float want = updated[k], have = got.updatedScores()[k];
                assertTrue(Math.abs(want - have) <= 1e-6 * Math.abs(want), where + " score " + k + ": " + want
                        + " vs " + have);
                nonTrivial += want != scores[keep[k]] ? 1 : 0;
            }
            cases++;
        }
        assertEquals(40, cases);
        assertTrue(nonTrivial > 20, "decayed scores checked: " + nonTrivial);
    }

    private static float[] floats(String line, String tag) {
        String[] t = tokens(line, tag);
        float[] v = new float[t.length];
        for (int i = 0; i < t.length; i++) {
            v[i] = Float.parseFloat(t[i]);
        }
        return v;
    }

    private static int[] ints(String line, String tag) {
        return Arrays.stream(tokens(line, tag)).mapToInt(Integer::parseInt).toArray();
    }

    private static String[] tokens(String line, String tag) {
        assertTrue(line.startsWith(tag), line);
        String rest = line.substring(tag.length()).trim();
        return rest.isEmpty() ? new String[0] : rest.split(" ");
    }
}
