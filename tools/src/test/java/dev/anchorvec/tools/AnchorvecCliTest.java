package dev.anchorvec.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anchorvec.tools.io.Unwritable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class AnchorvecCliTest {

    @TempDir
    static Path shared;
    static Path coco;

    @TempDir
    Path dir;

    @BeforeAll
    static void dataset() throws IOException {
        coco = SyntheticCoco.write(shared.resolve("instances_synthetic.json"));
    }

    /** Exit status, stdout and stderr of one run. */
    record Run(int status, String out, String err) {}

    static Run run(boolean terminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = AnchorvecCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), terminal);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Run run(String... args) {
        return run(false, args);
    }

    private String[] fit(String... more) {
        List<String> args = new ArrayList<>(List.of("fit", "--coco", coco.toString(), "--k", "6", "--img", "640",
                "--generations", "200", "--seed", "3"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void fitsThePlantedClustersAndWritesJsonAndSvg() throws Exception {
        Path json = dir.resolve("report.json"), svg = dir.resolve("anchors.svg");
        Run r = run(fit("--json", json.toString(), "--svg", svg.toString()));
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        String out = r.out();
        for (String part : List.of("Dataset", "images 120", "labels " + (SyntheticCoco.boxes() + 5),
                SyntheticCoco.ZERO + " zero-size dropped", SyntheticCoco.CROWD + " crowd skipped",
                "-> " + SyntheticCoco.boxes() + " boxes used", "size sqrt(w*h)", "aspect ratio h/w",
                "YOLOv5 default anchors (baseline)", "k-means", "converged", "Evolution", "before", "after",
                "P3/8", "P4/16", "P5/32", "anchors:", "Wrote " + json, "Wrote " + svg)) {
            assertTrue(out.contains(part), "'" + part + "' not in:\n" + out);
        }
        // The YOLOv5 yaml block: "  - [12,24, 40,20]  # P3/8", one line per level, 2 anchors each.
        Matcher m = Pattern.compile("(?m)^  - \\[(.*)\\]  # P\\d/\\d+$").matcher(out);
        List<float[]> printed = new ArrayList<>();
        while (m.find()) {
            for (String pair : m.group(1).split(", ")) {
                String[] wh = pair.split(",");
                printed.add(new float[] {Float.parseFloat(wh[0]), Float.parseFloat(wh[1])});
            }
        }
        assertEquals(6, printed.size(), out);
        assertPlanted(printed, 0.12);

        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertEquals("anchorvec-fit/1", report.get("schema").asText());
        assertEquals("coco", report.at("/input/format").asText());
        assertEquals(coco.toString(), report.at("/input/path").asText());
        assertEquals(6, report.at("/options/k").asInt());
        assertEquals(640, report.at("/options/img").asInt());
        assertEquals(3, report.at("/options/seed").asInt());
        assertEquals("bpr", report.at("/options/fitness").asText());
        assertEquals(SyntheticCoco.IMAGES, report.at("/dataset/images").asInt());
        assertEquals(SyntheticCoco.boxes(), report.at("/dataset/boxes").asInt());
        assertEquals(SyntheticCoco.CROWD, report.at("/dataset/crowd_skipped").asInt());
        assertEquals(SyntheticCoco.ZERO, report.at("/dataset/zero_size_dropped").asInt());
        long counted = 0;
        for (JsonNode c : report.at("/dataset/size_histogram/counts")) {
            counted += c.asLong();
        }
        assertEquals(SyntheticCoco.boxes(), counted);
        assertEquals(3, report.at("/levels").size());
        assertEquals(32, report.at("/levels/2/stride").asInt());
        assertEquals(3, report.at("/baseline/anchors").size());
        double before = report.at("/evolution/before/bpr").asDouble(), after = report.at("/evolution/after/bpr")
                .asDouble();
        assertTrue(after >= before && after > 0.99, before + " -> " + after);
        assertTrue(report.at("/kmeans/metrics/mean_iou").asDouble() > 0.85, report.at("/kmeans").toString());
        assertEquals(report.at("/evolution/anchors"), report.get("anchors"));
        JsonNode levels = report.get("anchors");
        assertEquals(3, levels.size());
        List<float[]> fromJson = new ArrayList<>();
        for (JsonNode level : levels) {
            assertEquals(2, level.size());
            for (JsonNode wh : level) {
                fromJson.add(new float[] {(float) wh.get(0).asDouble(), (float) wh.get(1).asDouble()});
            }
        }
        assertPlanted(fromJson, 0.1);

        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getNodeName());
        assertEquals("http://www.w3.org/2000/svg", doc.getDocumentElement().getNamespaceURI() == null
                ? doc.getDocumentElement().getAttribute("xmlns") : doc.getDocumentElement().getNamespaceURI());
        assertTrue(doc.getElementsByTagName("rect").getLength() >= 6 + 3 + 3, "anchors, legend swatches, image");
        assertTrue(doc.getElementsByTagName("line").getLength() == 2 * (640 / 32 - 1), "stride-32 grid");
        assertTrue(doc.getDocumentElement().getTextContent().contains("P5/32"));
        assertNoTempFiles();
    }

    /** Every planted shape has an anchor within {@code tolerance} (relative) on both sides. */
    private static void assertPlanted(List<float[]> anchors, double tolerance) {
        for (float[] shape : SyntheticCoco.SHAPES) {
            boolean found = anchors.stream().anyMatch(a -> Math.abs(a[0] / shape[0] - 1) <= tolerance
                    && Math.abs(a[1] / shape[1] - 1) <= tolerance);
            assertTrue(found, shape[0] + "x" + shape[1] + " not among " + anchors.stream()
                    .map(a -> a[0] + "x" + a[1]).toList());
        }
    }

    private void assertNoTempFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> temps = s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
            assertTrue(temps.isEmpty(), temps.toString());
        }
    }

    @Test
    void sameSeedSameReport() throws IOException {
        Path a = dir.resolve("a.json"), b = dir.resolve("b.json");
        assertEquals(0, run(fit("--json", a.toString(), "--update", "median")).status());
        assertEquals(0, run(fit("--json", b.toString(), "--update", "median")).status());
        JsonNode ja = new ObjectMapper().readTree(a.toFile()), jb = new ObjectMapper().readTree(b.toFile());
        assertEquals(ja.get("anchors"), jb.get("anchors"));
        assertEquals(Files.readString(a), Files.readString(b));
        assertEquals("median", ja.at("/options/update").asText());
    }

    @Test
    void progressLineOnlyOnATerminalAndNotWhenQuiet() {
        Run shown = run(true, fit());
        assertEquals(0, shown.status());
        assertTrue(shown.err().contains("\r") && shown.err().contains("evolving: generation"), shown.err());
        assertTrue(shown.err().endsWith("\r"), "the line is erased at the end");
        assertFalse(shown.out().contains("\r"));
        Run quiet = run(true, fit("--quiet"));
        assertEquals(0, quiet.status());
        assertEquals("", quiet.err());
    }

    @Test
    void badArgumentsExitWith2AndTheUsage() throws IOException {
        String[][] cases = {
            {},
            {"frobnicate"},
            {"fit", "--k", "9", "--img", "640"},
            {"fit", "--coco", "a.json", "--csv", "b.csv", "--k", "9", "--img", "640"},
            {"fit", "--coco", "a.json", "--img", "640"},
            {"fit", "--coco", "a.json", "--k", "0", "--img", "640"},
            {"fit", "--coco", "a.json", "--k", "9", "--img", "six"},
            {"fit", "--coco", "a.json", "--k", "9", "--img", "640", "--levels", "4"},
            {"fit", "--coco", "a.json", "--k", "9", "--img", "640", "--fitness", "best"},
            {"fit", "--coco", "a.json", "--k", "9", "--img", "640", "--update", "mode"},
            {"fit", "--coco", "a.json", "--k", "9", "--img", "640", "--thr", "1"},
            {"fit", "--coco", "a.json", "--k", "9", "--img", "640", "--bogus"},
            {"fit", "--coco", "a.json", "--k", "9", "--img", "640", "--k", "3"},
            {"fit", "--coco", "a.json", "--k", "9", "--img", "640", "--images", "imgs"},
            {"fit", "--coco", "a.json", "--k", "9", "--img", "640", "--seed"},
            {"fit", "--coco", "a.json", "--k", "9", "--img", "640", "--json", "r.json", "--svg", "./r.json"},
            {"fit", "--coco", "a.json", "--k", "9", "--img", "640", "--json", "a.json"},
            {"fit", "--csv", "b.csv", "--k", "9", "--img", "640", "--svg", "x/../b.csv"},
            {"fit", "--coco", "a.json", "--k", "9", "--img", "640", "--json", "r\0.json"},
            {"fit", "--coco", "a.json", "--k", "9", "--img", "640", "--json", ""},
        };
        for (String[] args : cases) {
            Run r = run(args);
            assertEquals(2, r.status(), String.join(" ", args) + "\n" + r.err());
            assertTrue(r.err().contains("usage: anchorvec fit"), r.err());
            assertEquals("", r.out());
        }
        assertTrue(run("fit", "--coco", "a.json", "--k", "9", "--img", "640", "--levels", "4").err()
                .contains("anchorvec: --levels 4 must divide --k 9"));
        assertTrue(run("fit", "--bogus").err().contains("unknown option --bogus"));
        assertTrue(run("fit", "--coco", "a.json", "--k", "9", "--img", "640", "--json", "a.json").err()
                .contains("anchorvec: --json a.json is the --coco input file; it would be overwritten"));
        assertTrue(run("fit", "--coco", "a.json", "--k", "9", "--img", "640", "--json", "r\0.json").err()
                .contains("anchorvec: --json is not a valid path"));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.count(), "nothing written");
        }
    }

    @Test
    void badInputExitsWith1NamingFileAndRecordAndWritesNothing() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), """
                {"images": [{"id": 1, "width": 640, "height": 480}],
                 "annotations": [{"image_id": 1, "bbox": [0, 0, 10, 10]},
                                 {"image_id": 1, "bbox": [0, 0, -10, 10]}]}
                """);
        Path json = dir.resolve("r.json"), svg = dir.resolve("r.svg");
        Run r = run("fit", "--coco", bad.toString(), "--k", "2", "--img", "640", "--json", json.toString(), "--svg",
                svg.toString());
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().contains(bad + ": annotations[1] (line 3, column 18): bbox width is negative (-10)"),
                r.err());
        assertEquals("", r.out());
        assertFalse(Files.exists(json));
        assertFalse(Files.exists(svg));
        assertNoTempFiles();

        Path few = Files.writeString(dir.resolve("few.csv"), "w,h\n10,10\n20,20\n1,1\n");
        Run r2 = run("fit", "--csv", few.toString(), "--k", "3", "--img", "640");
        assertEquals(1, r2.status());
        assertTrue(r2.err().contains("too few boxes to fit k = 3 anchors: 2 boxes left after --min-side 2 (of 3)"),
                r2.err());

        Run r3 = run("fit", "--voc", dir.resolve("missing").toString(), "--k", "3", "--img", "640");
        assertEquals(1, r3.status());
        assertTrue(r3.err().contains("missing: no such directory"), r3.err());
    }

    @AfterEach
    void restorePermissions() throws IOException {
        Unwritable.restoreAll(dir.resolve("svg"));
        Unwritable.restoreAll(dir.resolve("json"));
    }

    /** No temporary file (a dot-file) in {@code folder}, if it is a folder. */
    private static void assertNoDotFiles(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            try (Stream<Path> s = Files.list(folder)) {
                List<Path> dots = s.filter(p -> p.getFileName().toString().startsWith(".")).toList();
                assertTrue(dots.isEmpty(), dots.toString());
            }
        }
    }

    @Test
    void anSvgThatCannotBeWrittenFailsBeforeTheFitAndWritesNoJson() throws IOException {
        int i = 0;
        for (Path svg : Unwritable.all(Files.createDirectories(dir.resolve("svg")), "anchors.svg")) {
            for (boolean previous : new boolean[] {false, true}) {
                Path out = Files.createDirectories(dir.resolve("out" + i++));
                Path json = out.resolve("report.json");
                byte[] before = "{\"previous\": \"report\"}\n".getBytes(StandardCharsets.UTF_8);
                if (previous) {
                    Files.write(json, before);
                }
                Run r = run(fit("--json", json.toString(), "--svg", svg.toString()));
                String what = svg + (previous ? " with a previous report.json" : "");
                assertEquals(1, r.status(), what + "\n" + r.err());
                assertTrue(r.err().startsWith("anchorvec: cannot write --svg " + svg + ": "), what + "\n" + r.err());
                assertFalse(r.err().contains(".tmp") || r.err().contains(".probe"), r.err());
                assertEquals("", r.out(), "checked before the fit, which prints its report: " + what);
                if (previous) {
                    assertArrayEquals(before, Files.readAllBytes(json), what);
                } else {
                    assertFalse(Files.exists(json), what);
                }
                try (Stream<Path> s = Files.list(out)) {
                    assertEquals(previous ? 1 : 0, s.count(), what);
                }
                assertNoDotFiles(svg.getParent());
            }
        }
    }

    @Test
    void aJsonThatCannotBeWrittenIsNamedByItsOwnPathBeforeTheFit() throws IOException {
        Path svg = dir.resolve("anchors.svg");
        for (Path json : Unwritable.all(Files.createDirectories(dir.resolve("json")), "report.json")) {
            Run r = run(fit("--json", json.toString(), "--svg", svg.toString()));
            assertEquals(1, r.status(), json + "\n" + r.err());
            assertTrue(r.err().startsWith("anchorvec: cannot write --json " + json + ": "), r.err());
            assertFalse(r.err().contains(".tmp") || r.err().contains(".probe"), r.err());
            assertEquals("", r.out());
            assertFalse(Files.exists(svg));
            assertNoDotFiles(json.getParent());
            assertNoDotFiles(dir);
        }
        // The reasons, in the words of the message.
        Path missing = Unwritable.missingFolder(dir, "r.json");
        assertTrue(run(fit("--json", missing.toString())).err().contains("folder " + missing.getParent()
                + " does not exist"));
        Path directory = Unwritable.directory(dir, "r.json");
        assertTrue(run(fit("--json", directory.toString())).err().contains("it is a directory"));
    }

    @Test
    void oversizeLabelValuesNameTheFileTheRecordTheValueAndTheLimit() throws IOException {
        String limit = "above the limit of 16777216 px (2^24)";
        Path coco = Files.writeString(dir.resolve("big.json"), """
                {"images": [{"id": 1, "width": 640, "height": 480}],
                 "annotations": [{"image_id": 1, "bbox": [0, 0, 10, 10]},
                                 {"image_id": 1, "bbox": [0, 0, 1e300, 10]}]}
                """);
        assertInputError(new String[] {"--coco", coco.toString()},
                coco + ": annotations[1] (line 3, column 18): box width is 1.0E300 px at img 640: " + limit
                + "; its image: images[0], 640 x 480");

        Path labels = Files.createDirectories(dir.resolve("labels"));
        Files.writeString(labels.resolve("a.txt"), "0 0.5 0.5 0.1 0.1\n0 0.5 0.5 1e400 0.1\n");
        assertInputError(new String[] {"--yolo", labels.toString()}, labels.resolve("a.txt")
                + ":2: w is 1e400, beyond the largest number a double holds (1.7976931348623157E308)");

        Path voc = Files.createDirectories(dir.resolve("voc"));
        Files.writeString(voc.resolve("a.xml"), """
                <annotation>
                  <size><width>1e30</width><height>480</height></size>
                  <object><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>9</xmax><ymax>9</ymax></bndbox></object>
                </annotation>
                """);
        assertInputError(new String[] {"--voc", voc.toString()}, voc.resolve("a.xml")
                + ": line 2: annotation/size: image width is 1.0E30, " + limit);

        Path csv = Files.writeString(dir.resolve("big.csv"), "w,h\n10,10\n1e39,20\n");
        assertInputError(new String[] {"--csv", csv.toString()}, csv + ":3: box width is 1.0E39 px at img 640: "
                + limit);
    }

    private void assertInputError(String[] dataset, String message) {
        List<String> args = new ArrayList<>(List.of("fit"));
        args.addAll(List.of(dataset));
        args.addAll(List.of("--k", "2", "--img", "640", "--json", dir.resolve("r.json").toString()));
        Run r = run(args.toArray(String[]::new));
        assertEquals(1, r.status(), r.err());
        assertEquals("anchorvec: " + message + "\n", r.err().replace(System.lineSeparator(), "\n"));
        assertFalse(Files.exists(dir.resolve("r.json")));
    }

    @Test
    void helpPrintsEveryOption() {
        Run r = run("help");
        assertEquals(0, r.status());
        for (String option : List.of("--coco", "--yolo", "--images", "--voc", "--csv", "--k", "--img", "--levels",
                "--update", "--restarts", "--generations", "--fitness", "--thr", "--min-side", "--seed", "--json",
                "--svg", "--quiet", "--include-crowd", "exit status")) {
            assertTrue(r.out().contains(option), option);
        }
        assertEquals(r.out(), run("fit", "--help").out());
    }
}
