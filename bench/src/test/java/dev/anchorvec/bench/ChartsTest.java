package dev.anchorvec.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The SVG charts parse as XML and hold the expected bars, lines and labels. */
class ChartsTest {

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    static List<String> texts(Document d, String tag) {
        NodeList nl = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", tag);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nl.getLength(); i++) {
            out.add(nl.item(i).getTextContent());
        }
        return out;
    }

    static List<Report.Row> sweepRows() {
        List<Report.Row> rows = new ArrayList<>(ReportTest.sample().rows());
        rows.add(new Report.Row("IouMatrixBench", "vector", "vector", 256, Map.of("kind", "IOU", "workload",
                "20000x100"), "avgt", 2_000_000, 1, 0.0, 1.0, List.of()));
        rows.add(new Report.Row("NmsBench", "scalar", "scalar", 0, Map.of("boxes", "1000", "threshold", "0.5"),
                "avgt", 100_000, 1, 0.0, 0.01, List.of()));
        rows.add(new Report.Row("NmsBench", "scalar", "scalar", 0, Map.of("boxes", "20000", "threshold", "0.5"),
                "avgt", 10_000_000, 1, 0.0, 0.002, List.of()));
        return rows;
    }

    @Test
    void speedupChartHasOneBarPerWidth() throws Exception {
        BarChart c = ReportCharts.speedup(sweepRows());
        assertEquals(List.of("vector 512-bit", "vector 256-bit"), c.series());
        assertTrue(c.categories().contains("IoU matrix 20000x100"), c.categories().toString());
        Document d = parse(c.svg());
        assertEquals("svg", d.getDocumentElement().getLocalName());
        List<String> titles = texts(d, "title");
        assertTrue(titles.contains("vector 512-bit: 8x"), titles.toString());
        assertTrue(titles.contains("vector 256-bit: 4x"), titles.toString());
        assertTrue(texts(d, "text").contains("8x"), "values are written beside the bars");
        assertTrue(texts(d, "text").contains("anchorvec: vector speed-up over scalar"));
    }

    @Test
    void throughputChartsHaveALinePerSeries(@TempDir Path dir) throws Exception {
        Report r = new Report(ReportTest.sample().machine(), ReportTest.sample().anchorvec(),
                ReportTest.sample().jmh(), sweepRows(), "x");
        List<String> files = ReportCharts.write(r, dir);
        assertEquals(List.of("speedup.svg", "throughput-iou.svg", "throughput-nms.svg"), files);
        Document nms = parse(Files.readString(dir.resolve("throughput-nms.svg")));
        NodeList lines = nms.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline");
        assertEquals(2, lines.getLength(), "scalar NMS, and torchvision's figures for the same sizes");
        assertEquals(2, lines.item(0).getAttributes().getNamedItem("points").getNodeValue().split(" ").length);
        assertEquals(null, lines.item(0).getAttributes().getNamedItem("stroke-dasharray"));
        assertEquals("torchvision.ops.nms (other run)", lines.item(1).getTextContent());
        assertTrue(lines.item(1).getAttributes().getNamedItem("stroke-dasharray") != null, "peer drawn dashed");
        Document iou = parse(Files.readString(dir.resolve("throughput-iou.svg")));
        List<String> names = texts(iou, "title");
        assertTrue(names.containsAll(List.of("IoU matrix scalar", "IoU matrix vector 512-bit",
                "IoU matrix vector 256-bit", "best IoU (fused) vector 512-bit")), names.toString());
    }

    @Test
    void textIsEscaped() throws Exception {
        String svg = new BarChart("a < b & \"c\"", "x", List.of("k<1>"), List.of("s&t"), new double[][] {{0.5}})
                .svg();
        Document d = parse(svg);
        assertTrue(texts(d, "text").contains("a < b & \"c\""));
        assertTrue(texts(d, "text").contains("k<1>"));
    }

    @Test
    void widthTableHasAColumnPerWidth() {
        String md = WidthTable.markdown(sweepRows());
        assertTrue(md.startsWith("| kernel | workload | scalar ns/op | 512-bit ns/op (speed-up) | 256-bit ns/op "
                + "(speed-up) |"), md);
        String line = md.lines().filter(l -> l.startsWith("| IoU matrix | 20000x100 |")).findFirst().orElseThrow();
        assertEquals("| IoU matrix | 20000x100 | 8,000,000 | 1,000,000 (8.00x) | 2,000,000 (4.00x) |", line);
        assertEquals("", WidthTable.markdown(ReportTest.sample().rows()), "no sweep table for one width");
        List<Report.Row> unknown = new ArrayList<>(sweepRows());
        unknown.add(new Report.Row("IouMatrixBench", "vector", "vector", null, Map.of("kind", "IOU", "workload",
                "20000x100"), "avgt", 3_000_000, 1, 0.0, 1.0, List.of()));
        assertEquals(line, WidthTable.markdown(unknown).lines().filter(l -> l.startsWith("| IoU matrix | 20000x100 |"))
                .findFirst().orElseThrow(), "a row of unknown width neither replaces scalar nor gets a column");
    }

    @Test
    void widthSweepPasses() {
        assertEquals(List.of(512, 256, 128), WidthSweep.parse("512,256,128,scalar"));
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        List<WidthSweep.Pass> passes = WidthSweep.passes(List.of(512, 256, 128), 256,
                new java.io.PrintStream(log, true, StandardCharsets.UTF_8));
        assertEquals(List.of(128, 256), passes.stream().map(WidthSweep.Pass::bits).toList());
        assertEquals("", passes.get(0).includeSuffix(), "first pass runs scalar too");
        assertTrue("dev.anchorvec.bench.NmsBench.vector".matches(".*NmsBench\\." + passes.get(1).includeSuffix()
                + ".*"));
        assertTrue(!java.util.regex.Pattern.compile("IouMatrixBench\\." + passes.get(1).includeSuffix())
                .matcher("dev.anchorvec.bench.IouMatrixBench.scalar").find(), "scalar runs once");
        assertTrue(java.util.regex.Pattern.compile("IouMatrixBench\\." + passes.get(1).includeSuffix())
                .matcher("dev.anchorvec.bench.IouMatrixBench.vector").find());
        assertEquals(List.of("-Danchorvec.vectorBits=256"), passes.get(1).jvmArgs());
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("skipping 512-bit"));
        assertEquals(1, WidthSweep.passes(null, 512, System.out).size());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> WidthSweep.parse("300"));
    }

    @Test
    void progressLine() {
        assertEquals("[3/14 1m15s] NmsBench. @256-bit", Progress.line(3, 14, "NmsBench. @256-bit", 75_000_000_000L));
    }
}
