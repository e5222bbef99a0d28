package dev.anchorvec.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report writers: JSON structure (parsed back), the Markdown table, the JSON codec, machine flags. */
class ReportTest {

    static Report sample() {
        Map<String, Object> machine = MachineInfo.collect(List.of(
                "model name\t: Test CPU @ 2.50GHz",
                "flags\t\t: fpu sse avx avx2 fma avx512f avx512dq avx512vl avx512bw"));
        machine.put(DigestRecord.KEY, DigestRecord.of("09bda89bb36249e7", "vector 512-bit (16 float lanes)", 512));
        Map<String, Object> anchorvec = new LinkedHashMap<>();
        anchorvec.put("implementation", "vector");
        anchorvec.put("vector_bits", 512);
        anchorvec.put("summary", "vector 512-bit (16 float lanes)");
        anchorvec.put("jvm_args", List.of("--add-modules", "jdk.incubator.vector"));
        Map<String, Object> jmh = new LinkedHashMap<>();
        jmh.put("version", "1.37");
        jmh.put("mode", "avgt");
        jmh.put("forks", 1);
        jmh.put("warmup", "3 x 1 s");
        jmh.put("measurement", "3 x 600 ms");
        Map<String, String> p1 = new LinkedHashMap<>();
        p1.put("kind", "IOU");
        p1.put("workload", "20000x100");
        Map<String, String> p2 = Map.of("workload", "7x13");
        List<String> args = List.of("-Danchorvec.impl=x");
        List<Report.Row> rows = List.of(
                new Report.Row("BestIouBench", "vector", "vector", 512, p2, "avgt", 55.5, 1, null, 91 / 55.5, args),
                new Report.Row("IouMatrixBench", "scalar", "scalar", 0, p1, "avgt", 8_000_000, 80_000, 0.01,
                        2e6 / 8e6, args),
                new Report.Row("IouMatrixBench", "vector", "vector", 512, p1, "avgt", 1_000_000, Double.NaN, 0.02,
                        2.0, args));
        return new Report(machine, anchorvec, jmh, rows, "2026-11-28T00:00:00Z");
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonHasTheDocumentedStructure() {
        Map<String, Object> root = (Map<String, Object>) Json.parse(sample().json());
        assertEquals(List.of("schema", "created", "machine", "anchorvec", "jmh", "results"),
                List.copyOf(root.keySet()));
        Map<String, Object> schema = (Map<String, Object>) root.get("schema");
        assertEquals(Report.SCHEMA_NAME, schema.get("name"));
        assertEquals((double) Report.SCHEMA_VERSION, schema.get("version"));
        Map<String, Object> machine = (Map<String, Object>) root.get("machine");
        assertEquals("Test CPU @ 2.50GHz", machine.get("cpu_model"));
        assertEquals(List.of("avx2", "avx512f", "avx512bw", "avx512dq", "avx512vl", "fma"), machine.get("cpu_flags"));
        for (String k : List.of("cores", "os", "jdk_vendor", "jdk_version", "vm_name")) {
            assertTrue(machine.containsKey(k), k);
        }
        assertEquals(Map.of("total", "09bda89bb36249e7", "computed_with", "vector 512-bit (16 float lanes)",
                "vector_bits", 512.0), machine.get("kernel_digest"));
        List<Object> results = (List<Object>) root.get("results");
        assertEquals(3, results.size());
        Map<String, Object> v = (Map<String, Object>) results.get(2);
        assertEquals(List.of("benchmark", "method", "implementation", "vector_bits", "params", "mode", "ns_per_op",
                "error_ns", "b_per_op", "throughput", "throughput_unit", "peer", "jvm_args"), List.copyOf(v.keySet()));
        assertEquals("vector", v.get("method"));
        assertEquals(512.0, v.get("vector_bits"));
        assertEquals(Map.of("kind", "IOU", "workload", "20000x100"), v.get("params"));
        assertEquals(1_000_000.0, v.get("ns_per_op"));
        assertNull(v.get("error_ns"), "NaN must be written as null");
        assertEquals("pairs/ns", v.get("throughput_unit"));
        Map<String, Object> peer = (Map<String, Object>) v.get("peer");
        assertEquals(64.479e6, (Double) peer.get("ns_per_op"), 1e3, "torchvision 20000x100 from peer_timings.json");
        Map<String, Object> best = (Map<String, Object>) results.get(0);
        assertTrue(best.containsKey("b_per_op"));
        assertNull(best.get("b_per_op"));
        assertTrue(!best.containsKey("peer"), "no peer figure for BestIou");
    }

    @Test
    void markdownPairsScalarWithVector() {
        String md = sample().markdown();
        assertTrue(md.startsWith("# anchorvec benchmark report"), md);
        assertTrue(md.contains("\n- kernel digest: 09bda89bb36249e7 (vector 512-bit (16 float lanes))"), md);
        assertTrue(md.contains("| kernel | workload | scalar ns/op | vector ns/op | speed-up |"), md);
        String iouLine = md.lines().filter(l -> l.startsWith("| IoU matrix | 20000x100 |")).findFirst().orElseThrow();
        assertTrue(iouLine.contains("| 8,000,000 ± 1% | 1,000,000 |"), iouLine);
        assertTrue(iouLine.contains("| 8.00x |"), iouLine);
        assertTrue(iouLine.contains("| 2 pairs/ns |"), iouLine);
        assertEquals("0.000543", Report.significant(0.00054321));
        assertEquals("3.45", Report.significant(3.4512));
        assertEquals("136", Report.significant(135.8));
        assertEquals("0", Report.significant(0));
        assertTrue(iouLine.contains("| 0.010 / 0.020 |"), iouLine);
        assertTrue(iouLine.contains("64,478,749 (torchvision, other run) | 64.5x |"), iouLine);
        String bestLine = md.lines().filter(l -> l.startsWith("| best IoU (fused) | 7x13 |")).findFirst()
                .orElseThrow();
        assertTrue(bestLine.contains("|  | 55.5 ± 2% |"), bestLine);
        assertTrue(bestLine.contains("| - / - |"), bestLine);
        assertTrue(!md.contains("Allocation in the measured operation"), "no warning for 0.02 B/op");
        assertTrue(md.indexOf("| IoU matrix |") < md.indexOf("| best IoU (fused) |"), "IoU matrix rows first");
        assertEquals(sample().table().lines().count(), md.lines().filter(l -> l.startsWith("|")).count());
    }

    @Test
    void allocatingRowsAreFlagged() {
        Report r = sample();
        List<Report.Row> rows = new java.util.ArrayList<>(r.rows());
        rows.add(new Report.Row("IouMatrixBench", "vector", "vector", 512, Map.of("workload", "1000x10"), "avgt",
                14_000, 100, 192_048.0, 0.7, List.of()));
        rows.add(new Report.Row("IouMatrixBench", "scalar", "scalar", 0, Map.of("workload", "100000x100"), "avgt",
                1e8, 1e6, 1_300.0, 0.1, List.of()));
        rows.add(new Report.Row("KMeansBench", "vector", "vector", 256, Map.of("boxes", "1000000", "step",
                "iteration"), "avgt", 8e6, 1e5, 8_001_336.0, 0.1, List.of()));
        Report flagged = new Report(r.machine(), r.anchorvec(), r.jmh(), rows, r.created());
        assertEquals(List.of("IoU matrix 1000x10 vector 512-bit: 192,048 B/op",
                "k-means k=9 boxes=1000000 step=iteration vector 256-bit: 8,001,336 B/op (by design: "
                + "KMeansAnchors.fit allocates its two int[n] assignment arrays per call)"),
                flagged.allocationWarnings());
        assertTrue(flagged.markdown().contains("- IoU matrix 1000x10 vector 512-bit: 192,048 B/op"));
    }

    @Test
    void jsonCodecRoundTrips() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a \"q\" \\ \n\t\u0001 é");
        m.put("n", 1.5);
        m.put("i", 42);
        m.put("nan", Double.NaN);
        m.put("t", true);
        m.put("z", null);
        m.put("l", List.of(1, "x", List.of()));
        m.put("e", Map.of());
        Object back = Json.parse(Json.write(m));
        Map<String, Object> want = new LinkedHashMap<>(m);
        want.put("i", 42.0);
        want.put("nan", null);
        want.put("l", List.of(1.0, "x", List.of()));
        assertEquals(want, back);
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": 1"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1] x"));
    }

    @Test
    void aarch64Flags() {
        assertEquals(List.of("neon", "sve"),
                MachineInfo.flags(List.of("Features\t: fp asimd evtstrm aes sve")));
    }

    @Test
    void cpuIdTellsGenerationsApart() {
        List<String> x86 = List.of("vendor_id\t: AuthenticAMD", "cpu family\t: 26", "model\t\t: 2",
                "model name\t: AMD EPYC", "stepping\t: 1", "flags\t\t: fpu avx2 fma avx512f avx512vl");
        assertEquals("AuthenticAMD family 26 model 2 stepping 1", MachineInfo.cpuId(x86));
        assertEquals(List.of("avx2", "avx512f", "avx512vl", "fma"), MachineInfo.flags(x86));
        Map<String, Object> m = MachineInfo.collect(x86);
        assertEquals("AMD EPYC", m.get("cpu_model"));
        assertEquals("AuthenticAMD family 26 model 2 stepping 1", m.get("cpu_id"));
        List<String> arm = List.of("Features\t: fp asimd sve sve2", "CPU implementer\t: 0x41",
                "CPU variant\t: 0x0", "CPU part\t: 0xd40", "CPU revision\t: 1");
        assertEquals("implementer 0x41 part 0xd40 variant 0x0 revision 1", MachineInfo.cpuId(arm));
        assertEquals(List.of("neon", "sve", "sve2"), MachineInfo.flags(arm));
        assertEquals(null, MachineInfo.cpuId(List.of()));
    }

    @Test
    void macOsMachinesAreReadFromSysctl() {
        Map<String, Object> apple = new LinkedHashMap<>(Map.of("cpu_model", "aarch64", "cpu_flags", List.of()));
        MachineInfo.fromSysctl(apple, List.of("machdep.cpu.brand_string: Apple M2", "hw.optional.AdvSIMD: 1",
                "hw.optional.neon: 1", "hw.optional.arm.FEAT_BF16: 1", "hw.optional.arm.FEAT_SME: 0"));
        assertEquals("Apple M2", apple.get("cpu_model"));
        assertEquals(List.of("neon"), apple.get("cpu_flags"));
        Map<String, Object> intel = new LinkedHashMap<>(Map.of("cpu_model", "x86_64", "cpu_flags", List.of()));
        MachineInfo.fromSysctl(intel, List.of("machdep.cpu.brand_string: Intel(R) Core(TM) i9-9880H CPU @ 2.30GHz",
                "hw.optional.avx2_0: 1", "hw.optional.fma: 1", "hw.optional.avx512f: 0"));
        assertEquals("Intel(R) Core(TM) i9-9880H CPU @ 2.30GHz", intel.get("cpu_model"));
        assertEquals(List.of("avx2", "fma"), intel.get("cpu_flags"));
        Map<String, Object> none = new LinkedHashMap<>(Map.of("cpu_model", "aarch64"));
        MachineInfo.fromSysctl(none, List.of());
        assertEquals(Map.of("cpu_model", "aarch64"), none, "no sysctl output changes nothing");
    }

    @Test
    void argsParse() {
        BenchMain.Args a = BenchMain.Args.parse("--full", "--include", "Iou", "--out", "x", "--no-prof-gc",
                "--bits", "256", "--jvm-arg", "-XX:UseAVX=2", "--param", "workload=1x1,7x13", "");
        assertTrue(a.full);
        assertEquals("Iou", a.include);
        assertEquals(256, a.bits);
        assertEquals(List.of("-XX:UseAVX=2"), a.jvmArgs);
        assertEquals(List.of("1x1", "7x13"), List.of(a.params.get("workload")));
        assertTrue(!a.profGc);
        assertEquals(1, BenchMain.selections(a).size());
        assertEquals(15, BenchMain.selections(BenchMain.Args.parse()).size());
        assertThrows(IllegalArgumentException.class, () -> BenchMain.Args.parse("--bogus"));
    }

    @Test
    void fullRunsEveryCuratedClassWithItsOwnParamLists() {
        List<BenchMain.Selection> full = BenchMain.selections(BenchMain.Args.parse("--full"));
        List<BenchMain.Selection> quick = BenchMain.selections(BenchMain.Args.parse("--quick"));
        assertEquals(16, full.size());
        assertTrue(full.stream().allMatch(s -> s.params().isEmpty()), "full keeps the @Param lists");
        assertTrue(full.stream().anyMatch(s -> s.include().contains("SoftNmsBench")));
        assertTrue(quick.stream().noneMatch(s -> s.include().contains("SoftNmsBench")), "soft-NMS is full only");
        // Every NMS size OpenCV runs in quick mode is also a size of ours, so its same-run column is filled.
        List<String> cv = boxes(quick, "OpenCvNmsBench");
        assertTrue(boxes(quick, "NmsBench").containsAll(cv), "greedy NMS sizes " + cv);
        assertTrue(boxes(quick, "BatchedNmsBench").containsAll(cv), "batched NMS sizes " + cv);
    }

    @Test
    void everyBenchmarkClassIsInTheFullReportInPipelineOrder() throws Exception {
        List<String> all = BenchmarksSmokeTest.benchmarkClasses().stream()
                .map(c -> c.substring(c.lastIndexOf('.') + 1)).sorted().toList();
        List<String> full = BenchMain.selections(BenchMain.Args.parse("--full")).stream()
                .map(s -> s.include().replace("dev\\.anchorvec\\.bench\\.", "").replace("\\.", "")).toList();
        assertEquals(all, full.stream().sorted().toList(), "a new benchmark class must join the curated suite");
        assertEquals(Kernels.ORDER, full, "the suite runs in the tables' pipeline order");
    }

    private static List<String> boxes(List<BenchMain.Selection> selections, String benchmark) {
        return List.of(selections.stream().filter(s -> s.include().endsWith("." + benchmark + "\\."))
                .findFirst().orElseThrow().params().get("boxes"));
    }

    @Test
    void anUnloadableOpenCvDropsOnlyThePeerFromTheCuratedSuite() {
        BenchMain.Args quick = BenchMain.Args.parse();
        List<BenchMain.Selection> all = BenchMain.selections(quick);
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        List<BenchMain.Selection> kept = BenchMain.withoutUnavailablePeers(all, quick, () -> {
            throw new IllegalStateException("no library for riscv64");
        }, new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(all.size() - 1, kept.size());
        assertTrue(kept.stream().noneMatch(s -> s.include().contains("OpenCv")));
        assertTrue(log.toString(java.nio.charset.StandardCharsets.UTF_8).contains("no library for riscv64"));
        assertEquals(all, BenchMain.withoutUnavailablePeers(all, quick, () -> { }, System.out));
        // An explicit selection is the user's: it is kept (and fails loudly if the library is missing).
        BenchMain.Args include = BenchMain.Args.parse("--include", "OpenCvNmsBench");
        assertEquals(BenchMain.selections(include), BenchMain.withoutUnavailablePeers(
                BenchMain.selections(include), include, () -> {
                    throw new IllegalStateException("x");
                }, System.out));
    }

    @Test
    void sizesSortNumerically() {
        List<Report.Row> rows = new java.util.ArrayList<>();
        for (String image : List.of("1024", "640")) {
            rows.add(new Report.Row("AnchorTilingBench", "vector", "vector", 512, Map.of("image", image, "output",
                    "planar"), "avgt", 1, 0, 0.0, 1.0, List.of()));
        }
        for (String boxes : List.of("20000", "5000", "1000")) {
            rows.add(new Report.Row("NmsBench", "vector", "vector", 512, Map.of("boxes", boxes, "threshold", "0.5"),
                    "avgt", 1, 0, 0.0, 1.0, List.of()));
        }
        assertEquals(List.of("640", "1024", "1000", "5000", "20000"), Kernels.sorted(rows).stream()
                .map(r -> r.params().getOrDefault("image", r.params().get("boxes"))).toList());
    }

    @Test
    void baselinesHaveNoPeerFigure() {
        Map<String, String> params = Map.of("image", "640", "output", "interleaved");
        Report.Row kernel = new Report.Row("AnchorTilingBench", "vector", "vector", 512, params, "avgt", 25_000, 1,
                0.0, 48.0, List.of());
        Report.Row fill = new Report.Row("AnchorTilingBench", "fill", "vector", 512, params, "avgt", 9_000, 1, 0.0,
                130.0, List.of());
        assertEquals("AnchorGenerator.forward RetinaNet 5 lvl 640x640", PeerKey.of(kernel));
        assertNull(PeerKey.of(fill), "Arrays.fill is a bandwidth yardstick, not the peer's operation");
        Report r = new Report(sample().machine(), sample().anchorvec(), sample().jmh(), List.of(kernel, fill), "t");
        List<?> results = (List<?>) r.toJsonTree().get("results");
        assertTrue(((Map<?, ?>) results.get(0)).containsKey("peer"));
        assertTrue(!((Map<?, ?>) results.get(1)).containsKey("peer"));
    }

    @Test
    void boxCoderPeerFiguresAndUnits() {
        assertEquals(3.98255e6, Report.PeerTimings.ns("BoxCoder.encode_single N=100000 w=(1,1,1,1)"), 1e2);
        assertEquals(4.18432e6, Report.PeerTimings.ns("BoxCoder.decode_single N=100000 w=(1,1,1,1)"), 1e2);
        assertEquals("boxes/ns", Kernels.throughputUnit("BoxCoderBench"));
        assertEquals("boxes/ns", Kernels.throughputUnit("LinearYoloBench"));
        assertEquals(1000.0, Kernels.work("LinearYoloBench", java.util.Map.of("boxes", "1000", "op", "encode")));
        assertEquals(100000.0, Kernels.work("BoxCoderBench", java.util.Map.of("boxes", "100000", "op", "decode")));
    }

    @Test
    void nmsPeerFiguresAndUnits() {
        assertEquals(1.23008e6, Report.PeerTimings.ns("nms n=1000 thr=0.5"), 1e2);
        assertEquals(1.23169e8, Report.PeerTimings.ns("nms n=20000 thr=0.5"), 1e3);
        assertEquals("boxes/ns", Kernels.throughputUnit("NmsBench"));
        assertEquals(20000.0, Kernels.work("NmsBench", java.util.Map.of("boxes", "20000", "threshold", "0.5")));
        assertEquals("torchvision.ops.nms", Report.peerName(new Report.Row("NmsBench", "vector", "vector", 512,
                java.util.Map.of("boxes", "1000", "threshold", "0.5"), "avgt", 1.0, 0.0, null, null, List.of())));
    }

    @Test
    void batchedNmsPeerFiguresAndUnits() {
        assertEquals(2.2354e7, Report.PeerTimings.ns("batched_nms n=20000 80 classes thr=0.5"), 1e4);
        assertEquals("boxes/ns", Kernels.throughputUnit("BatchedNmsBench"));
        assertEquals(20000.0, Kernels.work("BatchedNmsBench", java.util.Map.of("boxes", "20000", "threshold", "0.5")));
        Report.Row row = new Report.Row("BatchedNmsBench", "vector", "vector", 512,
                java.util.Map.of("boxes", "20000", "threshold", "0.5"), "avgt", 1.0, 0.0, null, null, List.of());
        assertEquals("torchvision.ops.batched_nms", Report.peerName(row));
        assertEquals(Report.PeerTimings.ns("batched_nms n=20000 80 classes thr=0.5"), Report.peerNs(row));
    }

    @Test
    void retinaNetPipelinePeerIsTheVendoredTorchvisionTiming() {
        Report.Row row = new Report.Row("RetinaNetPostprocessBench", "vector", "vector", 512, java.util.Map.of(),
                "avgt", 1.0, 0.0, null, null, List.of());
        double ns = Report.peerNs(row);
        assertTrue(ns > 1e5 && ns < 1e9, "torchvision ns " + ns);
        assertEquals(76725.0, Kernels.work("RetinaNetPostprocessBench", java.util.Map.of()));
        assertTrue(Report.peerName(row).contains("postprocess_detections"));
        assertTrue(Report.peerNote(row).contains("retinanet_torchvision.json"), Report.peerNote(row));
    }

    @Test
    void nmsRowsShowTheInJmhOpenCvFigureOfTheSameWorkload() {
        Map<String, String> p = Map.of("boxes", "5000", "threshold", "0.5");
        Report report = new Report(Map.of(), Map.of(), Map.of(), List.of(
                new Report.Row("NmsBench", "scalar", "scalar", 0, p, "avgt", 2_000_000, 1, 1.0, null, List.of()),
                new Report.Row("NmsBench", "vector", "vector", 512, p, "avgt", 400_000, 1, 1.0, null, List.of()),
                new Report.Row("OpenCvNmsBench", "nmsBoxes", "vector", 512, p, "avgt", 9_200_000, 1, 60.0, null,
                        List.of()),
                new Report.Row("OpenCvNmsBench", "nmsBoxesBatched", "vector", 512, p, "avgt", 9_400_000, 1, 60.0,
                        null, List.of())), "t");
        String nms = report.table().lines().filter(l -> l.startsWith("| greedy NMS")).findFirst().orElseThrow();
        assertTrue(nms.endsWith("| 9,200,000 ± 0% | 23.0x |"), nms);
    }
}
