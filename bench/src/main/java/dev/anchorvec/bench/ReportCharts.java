package dev.anchorvec.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The charts of one report: {@code speedup.svg} (scalar / vector per kernel and workload, one series per vector
 * width found), {@code throughput-iou.svg} (IoU matrix and fused best IoU against N x M) and
 * {@code throughput-nms.svg} (greedy NMS and OpenCV's, same run, against the number of boxes); torchvision's
 * figures for the same workloads are drawn dashed.
 */
final class ReportCharts {

    private ReportCharts() {}

    /** Writes the charts into {@code dir}; returns the file names written. */
    static List<String> write(Report report, Path dir) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("speedup.svg", speedup(report.rows()).svg());
        files.put("throughput-iou.svg", throughput("IoU kernels: throughput against size",
                "pairs (N x M)", "pairs/ns", report.rows(), List.of("IouMatrixBench", "BestIouBench")).svg());
        files.put("throughput-nms.svg", throughput("greedy NMS: throughput against size", "boxes", "boxes/ns",
                report.rows(), List.of("NmsBench", "OpenCvNmsBench")).svg());
        for (Map.Entry<String, String> e : files.entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }
        return List.copyOf(files.keySet());
    }

    /** Speed-up bars: a category per (kernel, workload) with a scalar row, a series per vector width. */
    static BarChart speedup(List<Report.Row> rows) {
        List<Report.Row> sorted = Kernels.sorted(rows);
        List<Integer> widths = sorted.stream().filter(r -> r.method().equals("vector")).map(Report.Row::vectorBits)
                .filter(Objects::nonNull).distinct().sorted((a, b) -> b - a).toList();
        Map<String, Report.Row> scalar = new LinkedHashMap<>();
        for (Report.Row r : sorted) {
            if (r.method().equals("scalar")) {
                scalar.putIfAbsent(Kernels.workloadKey(r), r);
            }
        }
        List<String> categories = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (Map.Entry<String, Report.Row> e : scalar.entrySet()) {
            double[] v = new double[Math.max(1, widths.size())];
            java.util.Arrays.fill(v, Double.NaN);
            for (Report.Row r : sorted) {
                if (r.method().equals("vector") && Kernels.workloadKey(r).equals(e.getKey())) {
                    int k = widths.isEmpty() ? 0 : Math.max(0, widths.indexOf(r.vectorBits()));
                    v[k] = e.getValue().nsPerOp() / r.nsPerOp();
                }
            }
            categories.add(Kernels.name(e.getValue().benchmark()) + " " + Kernels.workload(e.getValue()));
            values.add(v);
        }
        List<String> series = widths.isEmpty() ? List.of("vector") : widths.stream().map(w -> "vector " + w
                + "-bit").toList();
        return new BarChart("anchorvec: vector speed-up over scalar", "speed-up (scalar ns / vector ns)",
                categories, series, values.toArray(double[][]::new));
    }

    /**
     * Throughput lines of {@code benchmarks}: one series per benchmark, method and width (the in-JMH OpenCV peer
     * included when listed), plus a dashed torchvision series where the vendored peer timings have the same
     * workloads (another run: a yardstick).
     */
    static LineChart throughput(String title, String xLabel, String yLabel, List<Report.Row> rows,
                                List<String> benchmarks) {
        Map<String, TreeMap<Double, Double>> lines = new LinkedHashMap<>();
        Map<String, TreeMap<Double, Double>> peers = new LinkedHashMap<>();
        for (Report.Row r : Kernels.sorted(rows)) {
            if (!benchmarks.contains(r.benchmark()) || r.throughput() == null || !(r.throughput() > 0)
                    || !"IOU".equals(r.params().getOrDefault("kind", "IOU"))
                    || !"0.5".equals(r.params().getOrDefault("threshold", "0.5"))
                    || r.method().equals("nmsBoxesBatched")) {
                continue;
            }
            Double work = Kernels.work(r.benchmark(), r.params());
            if (work == null || !(work > 0)) {
                continue;
            }
            boolean kernel = r.method().equals("scalar") || r.method().equals("vector");
            String name = !kernel ? Kernels.otherMethodName(r) : Kernels.name(r.benchmark()) + " " + r.method()
                    + (r.method().equals("vector") && r.vectorBits() != null ? " " + r.vectorBits() + "-bit" : "");
            lines.computeIfAbsent(name, k -> new TreeMap<>()).put(work, r.throughput());
            Double peer = kernel ? Report.peerNs(r) : null;
            if (peer != null && peer > 0) {
                peers.computeIfAbsent(Report.peerName(r) + " (other run)", k -> new TreeMap<>()).put(work, work / peer);
            }
        }
        List<LineChart.Series> series = new ArrayList<>();
        lines.forEach((name, pts) -> series.add(series(name, pts, false)));
        peers.forEach((name, pts) -> series.add(series(name, pts, true)));
        return new LineChart(title, xLabel, yLabel, series);
    }

    private static LineChart.Series series(String name, TreeMap<Double, Double> pts, boolean dashed) {
        return new LineChart.Series(name, pts.keySet().stream().mapToDouble(Double::doubleValue).toArray(),
                pts.values().stream().mapToDouble(Double::doubleValue).toArray(), dashed);
    }
}
