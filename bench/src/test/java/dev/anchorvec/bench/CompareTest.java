package dev.anchorvec.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two results files and a time_peers.py JSON side by side. */
class CompareTest {

    static String peers() throws Exception {
        try (InputStream in = CompareTest.class.getResourceAsStream("/peer_timings_fixture.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Report other() {
        Report a = ReportTest.sample();
        List<Report.Row> rows = new ArrayList<>();
        for (Report.Row r : a.rows()) {
            rows.add(new Report.Row(r.benchmark(), r.method(), r.implementation(), r.vectorBits(), r.params(),
                    r.mode(), r.nsPerOp() * 2, r.errorNs(), r.bPerOp(), r.throughput(), r.jvmArgs()));
        }
        return new Report(a.machine(), a.anchorvec(), a.jmh(), rows, a.created());
    }

    @Test
    void sideBySideWithPeers(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Path p = dir.resolve("peers.json");
        Files.writeString(a, ReportTest.sample().json());
        Files.writeString(b, other().json());
        Files.writeString(p, peers());
        Path out = dir.resolve("out");
        // The peer file first: it must still be mapped onto the results rows.
        Compare.main(new String[] {p.toString(), a.toString(), b.toString(), "--out", out.toString()});
        String md = Files.readString(out.resolve("compare.md"));
        assertTrue(md.contains("| kernel | workload | A (peer) | B vector | C vector | B scalar | C scalar |"), md);
        String iou = md.lines().filter(l -> l.startsWith("| IoU matrix | 20000x100 |")).findFirst().orElseThrow();
        assertEquals("| IoU matrix | 20000x100 | 64,478,749 | 1,000,000 (64.48x) | 2,000,000 (32.24x) | 8,000,000 | 16,000,000 |",
                iou);
        String best = md.lines().filter(l -> l.startsWith("| best IoU (fused) | 7x13 |")).findFirst().orElseThrow();
        assertEquals("| best IoU (fused) | 7x13 |  | 55.5 | 111 |  |  |", best);
        assertTrue(md.contains("A: torchvision 0.14.1a0"), md);
        assertTrue(md.contains("a.json: Test CPU @ 2.50GHz, JDK " + System.getProperty("java.runtime.version")
                + ", vector 512-bit (16 float lanes), kernel digest 09bda89bb36249e7 (vector 512-bit (16 float lanes))"),
                md);
        ChartsTest.parse(Files.readString(out.resolve("compare.svg")));
    }

    @Test
    void theReportsEntryPointComparesToo(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Files.writeString(a, ReportTest.sample().json());
        Files.writeString(b, other().json());
        Path out = dir.resolve("cmp");
        BenchMain.main(new String[] {"--compare", a.toString(), b.toString(), "--out", out.toString()});
        String md = Files.readString(out.resolve("compare.md"));
        assertTrue(md.contains("| IoU matrix | 20000x100 | 1,000,000 | 2,000,000 (0.50x) |"), md);
        ChartsTest.parse(Files.readString(out.resolve("compare.svg")));
    }

    @Test
    void aWidthSweepIsComparedAtItsWidestWidth() {
        Report a = ReportTest.sample();
        List<Report.Row> rows = new ArrayList<>();
        for (Report.Row r : a.rows()) {
            if (r.method().equals("vector")) {
                // The narrower (slower) rows come after the widest: file order must not decide.
                rows.add(r);
                rows.add(new Report.Row(r.benchmark(), r.method(), r.implementation(), 256, r.params(), r.mode(),
                        r.nsPerOp() * 3, r.errorNs(), r.bPerOp(), r.throughput(), r.jvmArgs()));
            } else {
                rows.add(r);
            }
        }
        Report sweep = new Report(a.machine(), a.anchorvec(), a.jmh(), rows, a.created());
        List<Report> reports = new ArrayList<>();
        List<Compare.Source> sources = Compare.loadAll(List.of("a", "sweep"), List.of(a.json(), sweep.json()),
                reports);
        String md = Compare.markdown(sources, Compare.labels(reports));
        assertTrue(md.contains("| IoU matrix | 20000x100 | 1,000,000 | 1,000,000 (1.00x) |"), md);
    }

    @Test
    void theCommittedReferenceRunReadsBack() throws Exception {
        Path ref = Path.of("results/2026-11-28-amd-epyc-family26-2vcpu/results.json");
        Report r = ResultsFile.parse(Files.readString(ref));
        assertEquals(List.of(128, 256, 512), WidthTable.widths(r.rows()).reversed());
        assertTrue(r.rows().stream().anyMatch(x -> x.benchmark().equals("OpenCvNmsBench")));
        assertEquals("AuthenticAMD family 26 model 2 stepping 1", r.machine().get("cpu_id"));
        assertEquals(ResultsFile.parse(r.json()), r, "the reference run round-trips");
        Report full = ResultsFile.parse(Files.readString(Path.of(
                "results/2026-11-28-amd-epyc-family26-2vcpu-full/results.json")));
        assertEquals(151, full.rows().size(), "every benchmark x parameter combination");
        assertEquals("full", full.jmh().get("preset"));
        assertEquals(ResultsFile.parse(full.json()), full);
    }

    @Test
    void ratiosAgainstTheFirstFile() throws Exception {
        List<Report> reports = new ArrayList<>();
        List<Compare.Source> sources = Compare.loadAll(List.of("a", "b", "peers"),
                List.of(ReportTest.sample().json(), other().json(), peers()), reports);
        assertEquals(2, reports.size());
        Map<String, String> labels = Compare.labels(reports);
        String md = Compare.markdown(sources, labels);
        assertTrue(md.contains("| IoU matrix | 20000x100 | 1,000,000 | 2,000,000 (0.50x) | 64,478,749 (0.02x) |"),
                md);
        BarChart c = Compare.chart(sources, labels);
        assertEquals(2, c.series().size());
        int k = c.categories().indexOf("IoU matrix 20000x100");
        assertEquals(0.5, c.values()[k][0], 1e-12);
        assertEquals(1e6 / 64.478749e6, c.values()[k][1], 1e-6);
        assertTrue(Double.isNaN(c.values()[c.categories().indexOf("best IoU (fused) 7x13")][1]), "no peer");
    }
}
