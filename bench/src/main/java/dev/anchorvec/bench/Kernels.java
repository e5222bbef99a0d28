package dev.anchorvec.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the report knows about each benchmark class: its display name, its place in the pipeline order of the
 * tables and charts, and the work of one operation (for the throughput column) with its unit.
 */
final class Kernels {

    /** Pipeline order: anchors, match, encode, losses, select. Unknown classes go last, by name. */
    static final List<String> ORDER = List.of("IouMatrixBench", "BestIouBench", "AnchorTilingBench", "KMeansBench",
            "MatchBench", "TargetBench", "BoxCoderBench", "LinearYoloBench", "FocalLossBench", "SmoothL1Bench",
            "IouLossBench", "NmsBench", "BatchedNmsBench", "OpenCvNmsBench", "SoftNmsBench",
            "RetinaNetPostprocessBench");

    private Kernels() {}

    /** Rows in table order: {@link #ORDER}, then workloads by N and M, then the other parameters, then method. */
    static List<Report.Row> sorted(List<Report.Row> rows) {
        return rows.stream().sorted(Comparator
                .comparingInt((Report.Row r) -> ORDER.contains(r.benchmark()) ? ORDER.indexOf(r.benchmark())
                        : ORDER.size())
                .thenComparing(Report.Row::benchmark)
                .thenComparingLong(r -> sizeKey(r.params()))
                .thenComparing(r -> r.params().toString())
                .thenComparing(Report.Row::method)).toList();
    }

    /**
     * The identity of a row's workload across methods, widths and files: the benchmark and its parameters sorted by
     * name (JMH's order and a parsed file's may differ).
     */
    static String workloadKey(Report.Row r) {
        return r.benchmark() + "|" + new TreeMap<>(r.params());
    }

    /** {@link #workloadKey}, plus the method of rows that are not a kernel's scalar / vector (baselines, peers). */
    static String lineKey(Report.Row r) {
        boolean kernel = r.method().equals("scalar") || r.method().equals("vector");
        return workloadKey(r) + (kernel ? "" : "|" + r.method());
    }

    /** N then M of an {@code NxM} workload, else the box count or image side, so that sizes sort numerically. */
    private static long sizeKey(Map<String, String> params) {
        try {
            for (String size : List.of("boxes", "image", "anchors")) {
                if (params.containsKey(size)) {
                    return Long.parseLong(params.get(size));
                }
            }
            int[] nm = Workloads.size(params.get("workload"));
            return (long) nm[0] << 32 | nm[1];
        } catch (RuntimeException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The name of a benchmark class in tables and charts. */
    static String name(String benchmark) {
        return switch (benchmark) {
            case "IouMatrixBench" -> "IoU matrix";
            case "BestIouBench" -> "best IoU (fused)";
            case "AnchorTilingBench" -> "anchor tiling (RetinaNet)";
            case "KMeansBench" -> "k-means k=9";
            case "MatchBench" -> "max-IoU match (RetinaNet, low quality)";
            case "BoxCoderBench" -> "box coder (delta, weights 1)";
            case "LinearYoloBench" -> "box coder (FCOS linear / YOLOv5)";
            case "TargetBench" -> "training targets (RetinaNet, 1 image)";
            case "FocalLossBench" -> "focal loss + gradient";
            case "SmoothL1Bench" -> "smooth L1 + gradient";
            case "IouLossBench" -> "IoU-family loss + gradient";
            case "NmsBench" -> "greedy NMS (clustered boxes)";
            case "BatchedNmsBench" -> "batched NMS, 80 classes (exact per class)";
            case "RetinaNetPostprocessBench" -> "RetinaNet post-processing";
            case "SoftNmsBench" -> "Soft-NMS, mmcv defaults (clustered boxes)";
            case "OpenCvNmsBench" -> "OpenCV NMS (in-JMH peer)";
            default -> benchmark;
        };
    }

    /**
     * The label of a row that is neither {@code scalar} nor {@code vector}: the in-JMH OpenCV peer, a fixed-width
     * vector method, or a baseline such as {@code AnchorTilingBench.fill}.
     */
    static String otherMethodName(Report.Row r) {
        return switch (r.benchmark() + "." + r.method()) {
            case "OpenCvNmsBench.nmsBoxes" -> "OpenCV Dnn.NMSBoxes (in-JMH peer)";
            case "OpenCvNmsBench.nmsBoxesBatched" -> "OpenCV Dnn.NMSBoxesBatched, 80 classes (in-JMH peer)";
            case "NmsBench.vector256" -> "greedy NMS, vector held to 256 bits";
            default -> "baseline: " + r.method() + " (same bytes)";
        };
    }

    /**
     * The work of one operation, for the throughput column: pairs (N * M) for the IoU kernels and matching, bytes
     * written for anchor tiling (GB/s once divided by ns), boxes for k-means, the coders, the IoU losses (all
     * anchors), NMS and the RetinaNet pipeline (anchors), elements (logits, offsets) for the other losses; null
     * when unknown.
     */
    static Double work(String benchmark, Map<String, String> params) {
        try {
            return switch (benchmark) {
                case "AnchorTilingBench" -> 16.0 * AnchorTilingBench.retinaNet(Integer.parseInt(params.get("image")))
                        .size();
                case "RetinaNetPostprocessBench" -> (double) RetinaNetHeads.ANCHORS;
                case "KMeansBench", "BoxCoderBench", "LinearYoloBench", "NmsBench", "BatchedNmsBench",
                     "SoftNmsBench", "OpenCvNmsBench" -> Double.parseDouble(params.get("boxes"));
                case "FocalLossBench" -> Double.parseDouble(params.get("anchors"))
                        * Double.parseDouble(params.get("classes"));
                case "SmoothL1Bench" -> 4 * Double.parseDouble(params.get("anchors"));
                case "IouLossBench" -> (double) IouLossBench.anchors(params.get("workload"));
                default -> {
                    int[] nm = Workloads.size(params.get("workload"));
                    yield (double) nm[0] * nm[1];
                }
            };
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The unit of {@code work / ns}. */
    static String throughputUnit(String benchmark) {
        return switch (benchmark) {
            case "AnchorTilingBench" -> "GB/s";
            case "KMeansBench", "BoxCoderBench", "LinearYoloBench", "IouLossBench", "NmsBench", "BatchedNmsBench",
                 "RetinaNetPostprocessBench", "SoftNmsBench", "OpenCvNmsBench" -> "boxes/ns";
            case "FocalLossBench", "SmoothL1Bench" -> "elements/ns";
            default -> "pairs/ns";
        };
    }

    /**
     * Why a benchmark's operation allocates by design (shown beside the allocation flag), or null: the kernels
     * themselves promise ~0 B/op.
     */
    static String expectedAllocation(Report.Row r) {
        return r.benchmark().equals("KMeansBench") && "iteration".equals(r.params().get("step"))
                ? "by design: KMeansAnchors.fit allocates its two int[n] assignment arrays per call"
                : null;
    }

    /** The workload column: {@code NxM}, then the other parameters by name (kind IOU, the default, left out). */
    static String workload(Report.Row r) {
        if (r.benchmark().equals("RetinaNetPostprocessBench") && r.params().isEmpty()) {
            return RetinaNetHeads.ANCHORS + " anchors x " + RetinaNetHeads.CLASSES + " classes (640x640)";
        }
        return workload(r.params());
    }

    static String workload(Map<String, String> params) {
        StringBuilder sb = new StringBuilder(params.getOrDefault("workload", ""));
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            if (e.getKey().equals("workload") || (e.getKey().equals("kind") && e.getValue().equals("IOU"))) {
                continue;
            }
            sb.append(sb.isEmpty() ? "" : " ").append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }
}
