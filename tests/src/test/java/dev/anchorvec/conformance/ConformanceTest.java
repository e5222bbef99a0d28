package dev.anchorvec.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.conformance.ConformanceRunner.IndexEntry;
import dev.anchorvec.conformance.ConformanceRunner.Result;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vendored torchvision/OpenCV corpus (src/test/resources/conformance) through {@link ConformanceRunner}. */
class ConformanceTest {

    private static final int CORPUS_CASES = 122;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    static Path corpus() throws URISyntaxException {
        URL index = ConformanceTest.class.getResource("/conformance/index.tsv");
        assertNotNull(index, "the vendored corpus is not on the test classpath");
        return Path.of(index.toURI()).getParent();
    }

    @Test
    void vendoredCorpusPasses() throws Exception {
        Path dir = corpus();
        List<IndexEntry> index = ConformanceRunner.readIndex(dir);
        assertEquals(CORPUS_CASES, index.size());
        assertEquals(11, count(index, "iou_family"));
        assertEquals(5, count(index, "anchor_generator"));
        assertEquals(3, count(index, "default_box_generator"));
        assertEquals(16, count(index, "matcher"));
        assertEquals(4, count(index, "box_coder_encode"));
        assertEquals(6, count(index, "box_coder_decode"));
        assertEquals(2, count(index, "sigmoid_focal_loss"));
        assertEquals(57, count(index, "nms"));
        assertEquals(18, count(index, "batched_nms"));

        Result result = ConformanceRunner.run(dir, out);

        String output = printed.toString(StandardCharsets.UTF_8);
        assertEquals(0, result.failed(), output);
        assertEquals(11 + 5 + 3 + 16 + 4 + 6 + 2 + 57 + 18, result.passed(), output);
        assertEquals(CORPUS_CASES, result.passed() + result.failed() + result.skipped(), output);
        assertLastLine(output, result);
    }

    @Test
    void reportsMismatchesWithIndexExpectedActualAndRule(@TempDir Path dir) throws Exception {
        Bxt original = Bxt.read(corpus().resolve("iou_family/rand_7x13.bxt"));
        Map<String, BxtArray> arrays = new LinkedHashMap<>(original.arrays());
        float[] iou = original.floats("iou").clone();
        iou[3] = Math.nextUp(iou[3]); // one ulp off breaks bit-exactness
        arrays.put("iou", new BxtArray("iou", BxtType.F32, new int[] {7, 13}, iou));
        float[] ciou = original.floats("ciou").clone();
        double[] ciou64 = original.doubles("ciou_f64").clone();
        ciou64[14] += 1e-5; // well outside the CIoU tolerance
        arrays.put("ciou_f64", new BxtArray("ciou_f64", BxtType.F64, new int[] {7, 13}, ciou64));
        writeCorpus(dir, "iou_family", "rand_7x13", arrays, "x\tnms_rotated\tnms_rotated/x.bxt\n");

        Result result = ConformanceRunner.run(dir, out);

        String output = printed.toString(StandardCharsets.UTF_8);
        assertEquals(new Result(0, 1, 1), result, output);
        assertTrue(output.contains("FAIL rand_7x13 (iou_family"), output);
        assertTrue(output.contains("iou: 1 of 91 elements break the rule: bit-exact"), output);
        assertTrue(output.contains("[0, 3]: expected " + iou[3] + ", actual " + original.floats("iou")[3]), output);
        assertTrue(output.contains("ciou: 1 of 91 elements break the rule: |ours - ciou_f64| <= tol"), output);
        assertTrue(output.contains(String.format(Locale.ROOT, "[1, 1]: expected %.9g +- ", ciou64[14])), output);
        assertTrue(output.contains("(torchvision float32 " + ciou[14] + "), actual "), output);
        assertLastLine(output, result);
    }

    @Test
    void anchorCheckersReportOneUlpOff(@TempDir Path dir) throws Exception {
        Bxt original = Bxt.read(corpus().resolve("anchor_generator/two_level_640x640.bxt"));
        Map<String, BxtArray> arrays = new LinkedHashMap<>(original.arrays());
        float[] anchors = original.floats("anchors").clone();
        anchors[4 * 17 + 2] = Math.nextUp(anchors[4 * 17 + 2]);
        arrays.put("anchors", new BxtArray("anchors", BxtType.F32, original.array("anchors").shape(), anchors));
        writeCorpus(dir, "anchor_generator", "two_level_640x640", arrays, "");

        Result result = ConformanceRunner.run(dir, out);

        String output = printed.toString(StandardCharsets.UTF_8);
        assertEquals(new Result(0, 1, 0), result, output);
        assertTrue(output.contains("anchors: 1 of 24000 elements break the rule: bit-exact with torchvision"), output);
        assertTrue(output.contains("[17, 2]: expected " + anchors[4 * 17 + 2]), output);
        assertLastLine(output, result);
    }

    @Test
    void missingIndexIsAnIoError(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class,
                () -> ConformanceRunner.run(dir, out));
        assertTrue(e.getMessage().startsWith("no index.tsv in "), e.getMessage());
    }

    /** Writes one case (gzip'd) and an index listing it, then {@code moreIndexLines}. */
    private static void writeCorpus(Path dir, String op, String id, Map<String, BxtArray> arrays,
                                    String moreIndexLines) throws IOException {
        Files.createDirectories(dir.resolve(op));
        Files.write(dir.resolve(op + "/" + id + ".bxt.gz"), BxtBytes.gzip(BxtBytes.of(arrays.values())));
        Files.writeString(dir.resolve("index.tsv"),
                "id\top\tfile\n" + id + "\t" + op + "\t" + op + "/" + id + ".bxt\n" + moreIndexLines);
    }

    private static long count(List<IndexEntry> index, String op) {
        return index.stream().filter(e -> e.op().equals(op)).count();
    }

    private static void assertLastLine(String output, Result result) {
        String[] lines = output.split("\\R");
        String last = lines[lines.length - 1];
        assertTrue(last.matches("\\d+ passed, \\d+ failed, \\d+ skipped"), "last line: " + last);
        assertEquals(result.summary(), last);
        assertTrue(output.endsWith(last + System.lineSeparator()), "nothing may follow the summary");
    }
}
