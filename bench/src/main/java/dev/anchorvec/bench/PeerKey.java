package dev.anchorvec.bench;

import java.util.Map;

/**
 * The {@code name + " " + params} key under which {@code shared/peers/time_peers.py} records the peer timing of
 * the same workload as one of our rows (single thread), or null when it times no such workload: the keys of the
 * vendored {@code peer_timings.json} that {@link Report} reads, and of any {@code time_peers.py} run that
 * {@link Compare} reads.
 */
final class PeerKey {

    private PeerKey() {}

    /** The key, or null; only our kernels' methods ({@code scalar}, {@code vector*}) have peers, not baselines. */
    static String of(Report.Row r) {
        if (!r.method().equals("scalar") && !r.method().startsWith("vector")) {
            return null;
        }
        Map<String, String> p = r.params();
        try {
            return switch (r.benchmark()) {
                case "IouMatrixBench" -> {
                    if (!"IOU".equals(p.getOrDefault("kind", "IOU"))) {
                        yield null;
                    }
                    int[] nm = Workloads.size(p.get("workload"));
                    yield "box_iou N=" + nm[0] + " M=" + nm[1];
                }
                case "NmsBench" -> "0.5".equals(p.get("threshold")) ? "nms n=" + p.get("boxes") + " thr=0.5" : null;
                case "BatchedNmsBench" -> "0.5".equals(p.get("threshold"))
                        ? "batched_nms n=" + p.get("boxes") + " 80 classes thr=0.5" : null;
                case "AnchorTilingBench" -> p.get("image") == null ? null
                        : "AnchorGenerator.forward RetinaNet 5 lvl " + p.get("image") + "x" + p.get("image");
                case "BoxCoderBench" -> p.get("op") == null || "matched".equals(p.get("op")) ? null
                        : "BoxCoder." + p.get("op") + "_single N=" + p.get("boxes") + " w=(1,1,1,1)";
                default -> null;
            };
        } catch (RuntimeException e) {
            return null;
        }
    }
}
