package dev.anchorvec.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The benchmark report: {@code results.json} (schema {@value #SCHEMA_NAME} version {@value #SCHEMA_VERSION},
 * documented in {@code bench/README.md}) and {@code results.md}, a table pairing each benchmark's scalar and
 * vector rows. Independent of JMH so that it can be unit-tested; {@link BenchMain} fills it from JMH results.
 *
 * @param machine   the {@code machine} object (see {@link MachineInfo})
 * @param anchorvec the {@code anchorvec} object (implementation seen by the host JVM, its JVM args)
 * @param jmh       the {@code jmh} object (version and run settings)
 * @param rows      one per JMH result
 * @param created   ISO-8601 instant
 */
public record Report(Map<String, Object> machine, Map<String, Object> anchorvec, Map<String, Object> jmh,
                     List<Row> rows, String created) {

    /** Schema name in {@code results.json}. */
    public static final String SCHEMA_NAME = "anchorvec-bench-results";
    /** Schema version; bump on any incompatible change. */
    public static final int SCHEMA_VERSION = 1;

    /**
     * One JMH result.
     *
     * @param benchmark      simple class name, e.g. {@code IouMatrixBench}
     * @param method         {@code scalar} or {@code vector}
     * @param implementation what the fork really ran: {@code scalar} or {@code vector}
     * @param vectorBits     vector width of the fork (0 for scalar), or null if unknown
     * @param params         JMH parameters, e.g. {@code workload=20000x100, kind=IOU}
     * @param mode           JMH mode, {@code avgt}
     * @param nsPerOp        mean time per operation in ns
     * @param errorNs        99.9% confidence half-width in ns (NaN when not computable)
     * @param bPerOp         {@code gc.alloc.rate.norm} in bytes per operation, null if not profiled
     * @param throughput     work per ns (pairs, bytes or boxes; see {@link Kernels#throughputUnit}), else null
     * @param jvmArgs        the fork's JVM arguments
     */
    public record Row(String benchmark, String method, String implementation, Integer vectorBits,
                      Map<String, String> params, String mode, double nsPerOp, double errorNs, Double bPerOp,
                      Double throughput, List<String> jvmArgs) {}

    /** The whole report as a JSON tree (maps keep the documented key order). */
    public Map<String, Object> toJsonTree() {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("name", SCHEMA_NAME);
        schema.put("version", SCHEMA_VERSION);
        root.put("schema", schema);
        root.put("created", created);
        root.put("machine", machine);
        root.put("anchorvec", anchorvec);
        root.put("jmh", jmh);
        List<Object> results = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("benchmark", r.benchmark());
            m.put("method", r.method());
            m.put("implementation", r.implementation());
            m.put("vector_bits", r.vectorBits());
            m.put("params", new LinkedHashMap<>(r.params()));
            m.put("mode", r.mode());
            m.put("ns_per_op", r.nsPerOp());
            m.put("error_ns", r.errorNs());
            m.put("b_per_op", r.bPerOp());
            m.put("throughput", r.throughput());
            m.put("throughput_unit", r.throughput() == null ? null : Kernels.throughputUnit(r.benchmark()));
            Double peer = peerNs(r);
            if (peer != null) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("name", peerName(r));
                p.put("threads", 1);
                p.put("ns_per_op", peer);
                p.put("note", peerNote(r));
                m.put("peer", p);
            }
            m.put("jvm_args", r.jvmArgs());
            results.add(m);
        }
        root.put("results", results);
        return root;
    }

    /** {@code results.json}. */
    public String json() {
        return Json.write(toJsonTree());
    }

    /** The table of {@code results.md}: one line per (benchmark, params), scalar beside vector. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("| kernel | workload | scalar ns/op | vector ns/op | speed-up | throughput (vector) "
                + "| B/op (scalar / vector) | torchvision, 1 thread | vector vs torchvision | OpenCV, same run "
                + "| vector vs OpenCV |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<String, Row[]> pairs = new LinkedHashMap<>();
        for (Row r : Kernels.sorted(rows)) {
            // A baseline method (AnchorTilingBench.fill) gets a line of its own, in the vector column.
            Row[] pair = pairs.computeIfAbsent(Kernels.lineKey(r), k -> new Row[2]);
            pair[r.method().equals("scalar") ? 0 : 1] = r;
        }
        for (Row[] pair : pairs.values()) {
            Row s = pair[0], v = pair[1], any = s != null ? s : v;
            Double peer = peerNs(any);
            boolean baseline = !any.method().equals("scalar") && !any.method().equals("vector");
            Row cv = baseline ? null : openCv(any);
            sb.append("| ").append(baseline ? Kernels.otherMethodName(any) : Kernels.name(any.benchmark()))
                    .append(" | ").append(Kernels.workload(any))
                    .append(" | ").append(s == null ? "" : time(s))
                    .append(" | ").append(v == null ? "" : time(v))
                    .append(" | ").append(s != null && v != null ? ratio(s.nsPerOp() / v.nsPerOp()) : "")
                    .append(" | ").append(v != null && v.throughput() != null ? significant(v.throughput()) + " "
                            + Kernels.throughputUnit(v.benchmark()) : "")
                    .append(" | ").append(bytes(s)).append(" / ").append(bytes(v))
                    .append(" | ").append(peer == null || baseline ? "" : ns(peer) + " (torchvision, other run)")
                    .append(" | ").append(peer != null && v != null && !baseline ? ratio(peer / v.nsPerOp()) : "")
                    .append(" | ").append(cv == null ? "" : time(cv))
                    .append(" | ").append(cv != null && v != null ? ratio(cv.nsPerOp() / v.nsPerOp()) : "")
                    .append(" |\n");
        }
        return sb.toString();
    }

    /**
     * The in-JMH OpenCV row on the same workload as an NMS row ({@code OpenCvNmsBench.nmsBoxes} for greedy NMS,
     * {@code nmsBoxesBatched} for batched NMS), or null.
     */
    private Row openCv(Row r) {
        String method = switch (r.benchmark()) {
            case "NmsBench" -> "nmsBoxes";
            case "BatchedNmsBench" -> "nmsBoxesBatched";
            default -> null;
        };
        for (Row o : rows) {
            if (method != null && o.benchmark().equals("OpenCvNmsBench") && o.method().equals(method)
                    && o.params().equals(r.params())) {
                return o;
            }
        }
        return null;
    }

    /** {@code results.md}: a header naming the machine and settings, the table, and how to read it. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("# anchorvec benchmark report\n\n");
        sb.append("- machine: ").append(machine.get("cpu_model"))
                .append(machine.get("cpu_id") == null ? "" : " (" + machine.get("cpu_id") + ")")
                .append(", ").append(machine.get("cores"))
                .append(" cores, flags ").append(machine.get("cpu_flags")).append(", ").append(machine.get("os"))
                .append('\n');
        sb.append("- JDK: ").append(machine.get("jdk_vendor")).append(' ').append(machine.get("jdk_version"))
                .append(" (").append(machine.get("vm_name")).append(")\n");
        sb.append("- anchorvec (host JVM): ").append(anchorvec.get("summary")).append('\n');
        String digest = DigestRecord.describe(machine);
        if (digest != null) {
            sb.append("- kernel digest: ").append(digest).append(" (the same total on two machines: the same bits)\n");
        }
        Object bits = rows.stream().filter(r -> "vector".equals(r.method())).map(Row::vectorBits)
                .filter(Objects::nonNull).distinct().toList();
        sb.append("- vector width in the forks: ").append(bits).append(" bits\n");
        sb.append("- JMH ").append(jmh.get("version")).append(", ").append(jmh.get("mode")).append(", forks ")
                .append(jmh.get("forks")).append(", warm-up ").append(jmh.get("warmup")).append(", measurement ")
                .append(jmh.get("measurement")).append('\n');
        sb.append("- created ").append(created).append("\n\n");
        sb.append(table());
        List<String> warnings = allocationWarnings();
        if (!warnings.isEmpty()) {
            sb.append("\n**Allocation in the measured operation** (the kernels promise ~0 B/op):\n\n");
            warnings.forEach(w -> sb.append("- ").append(w).append('\n'));
        }
        sb.append("\nns/op: JMH average time (± 99.9% confidence half-width). speed-up: scalar / vector. "
                + "throughput: pairs/ns (IoU, matching, targets: N * M / ns), GB/s (anchor tiling: bytes written / "
                + "ns), boxes/ns (k-means, coders, IoU losses, NMS, the RetinaNet pipeline: anchors), elements/ns "
                + "(focal loss: logits, smooth L1: offsets). B/op: gc.alloc.rate.norm. torchvision: median "
                + "single-thread time of "
                + "the same workload from the vendored peer_timings.json (the RetinaNet pipeline: from "
                + "bench/peers/time_retinanet_postprocess.py), measured in another run on a machine of this kind "
                + "(2 vCPU, torch AVX2 kernels): a rough yardstick, not a same-run comparison. OpenCV: "
                + "`Dnn.NMSBoxes` / `NMSBoxesBatched` on the same inputs in this JMH run (OpenCvNmsBench).\n");
        return sb.toString();
    }

    /** Rows whose operation allocates more than JMH's own background noise (see {@link AllocationRule}). */
    List<String> allocationWarnings() {
        List<String> out = new ArrayList<>();
        for (Row r : Kernels.sorted(rows)) {
            if (r.bPerOp() != null && AllocationRule.allocates(r.bPerOp(), r.nsPerOp())) {
                String why = Kernels.expectedAllocation(r);
                String width = r.method().equals("vector") && r.vectorBits() != null ? " " + r.vectorBits() + "-bit"
                        : "";
                out.add(Kernels.name(r.benchmark()) + " " + Kernels.workload(r) + " " + r.method() + width + ": "
                        + String.format(Locale.ROOT, "%,.0f", r.bPerOp()) + " B/op" + (why == null ? "" : " (" + why
                        + ")"));
            }
        }
        return out;
    }

    /**
     * torchvision's single-thread median (ns) for the same workload: the vendored {@code peer_timings.json} row
     * {@link PeerKey} names, or, for the RetinaNet pipeline, the vendored script result; else null.
     */
    static Double peerNs(Row r) {
        if (r.benchmark().equals("RetinaNetPostprocessBench")) {
            return RetinaNetPostprocessBench.torchvisionNs();
        }
        String key = PeerKey.of(r);
        return key == null ? null : PeerTimings.ns(key);
    }

    /** Where the peer figure of a row comes from (the results.json {@code peer.note}). */
    static String peerNote(Row r) {
        return r.benchmark().equals("RetinaNetPostprocessBench")
                ? "torchvision, other run (vendored retinanet_torchvision.json, bench/peers/time_retinanet_postprocess.py)"
                : "torchvision, other run (vendored peer_timings.json)";
    }

    /** The peer function behind {@link #peerNs}. */
    static String peerName(Row r) {
        return switch (r.benchmark()) {
            case "BoxCoderBench" -> "torchvision BoxCoder." + r.params().get("op") + "_single";
            case "AnchorTilingBench" -> "torchvision AnchorGenerator.forward";
            case "NmsBench" -> "torchvision.ops.nms";
            case "BatchedNmsBench" -> "torchvision.ops.batched_nms";
            case "RetinaNetPostprocessBench" -> "torchvision RetinaNet.postprocess_detections (bench/peers script)";
            default -> "torchvision.ops.box_iou";
        };
    }

    private static String time(Row r) {
        String t = ns(r.nsPerOp());
        if (Double.isFinite(r.errorNs()) && r.nsPerOp() > 0) {
            t += " ± " + fmt(100 * r.errorNs() / r.nsPerOp(), 0) + "%";
        }
        return t;
    }

    /** Three significant digits (OpenCV's NMS runs at 0.000543 boxes/ns, the IoU matrix at 3.45 pairs/ns). */
    static String significant(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : new java.math.BigDecimal(v)
                .round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** Grouped digits, one decimal below 100 ns. */
    static String ns(double v) {
        return v < 100 ? fmt(v, 1) : String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String ratio(double x) {
        return fmt(x, x < 10 ? 2 : 1) + "x";
    }

    private static String bytes(Row r) {
        return r == null || r.bPerOp() == null ? "-" : fmt(r.bPerOp(), r.bPerOp() < 10 ? 3 : 0);
    }

    private static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** The vendored torchvision timings ({@code /workloads/peer_timings.json}). */
    static final class PeerTimings {
        private static final Map<String, Double> NS = load();

        private PeerTimings() {}

        /** The single-thread median in ns of the row recorded under {@code key} (see {@link PeerKey}), or null. */
        static Double ns(String key) {
            return NS.get(key);
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Double> load() {
            Map<String, Double> out = new LinkedHashMap<>();
            try (InputStream in = Report.class.getResourceAsStream("/workloads/peer_timings.json")) {
                if (in == null) {
                    return out;
                }
                Map<String, Object> root = (Map<String, Object>) Json.parse(
                        new String(in.readAllBytes(), StandardCharsets.UTF_8));
                for (Object o : (List<Object>) root.get("rows")) {
                    Map<String, Object> row = (Map<String, Object>) o;
                    if (Double.valueOf(1).equals(row.get("threads"))) {
                        out.put(row.get("name") + " " + row.get("params"), (Double) row.get("median_s") * 1e9);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out;
        }
    }
}
