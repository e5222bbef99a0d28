package dev.anchorvec.tools.fit;

import dev.anchorvec.anchors.fit.AnchorMetrics;
import dev.anchorvec.anchors.fit.AnchorSet;
import dev.anchorvec.anchors.fit.SizeStatistics;
import dev.anchorvec.tools.data.Dataset;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The human-readable output of {@code anchorvec fit}. */
final class TextReport {

    private static final int LABEL = 22;
    private static final int COLUMN = 8;

    private TextReport() {}

    static void print(FitReport r, PrintStream out) {
        FitOptions o = r.options();
        Dataset d = r.dataset();
        out.printf(Locale.ROOT, "anchorvec fit: %s %s, img %d, k %d in %d levels, thr %s, seed %d%n",
                d.format(), d.source(), o.img(), o.k(), o.levels(), number(o.thr()), o.seed());
        out.println("kernels: " + r.kernels());
        out.println();
        out.println("Dataset");
        out.printf(Locale.ROOT, "  images %s, labels %d: %d zero-size dropped, %d crowd skipped, %d under %s px dropped"
                        + " -> %d boxes used%n", d.images() < 0 ? "unknown" : Integer.toString(d.images()), d.labels(),
                d.zeroSize(), d.crowdSkipped(), r.belowMinSide(), number(o.minSide()), r.boxesUsed());
        for (String note : d.notes()) {
            out.println("  note: " + note);
        }
        SizeStatistics s = r.statistics();
        out.printf(Locale.ROOT, "  box sides %s .. %s px at img %d (each image scaled by img / max(width, height))%n",
                compact(s.minSide()), compact(s.maxSide()), o.img());
        histogram(out, "size sqrt(w*h), px", s.sizeEdges(), s.sizeCounts());
        histogram(out, "aspect ratio h/w", s.ratioEdges(), s.ratioCounts());
        out.println();

        out.println("YOLOv5 default anchors (baseline)");
        anchors(out, r.baseline(), 3);
        metrics(out, r.baselineEval());
        out.println("  (YOLOv5's autoanchor keeps its anchors when BPR > 0.98"
                + (r.baselineEval().bpr() > 0.98 ? ": it would keep these)" : ": it would refit)"));
        out.println();

        out.printf(Locale.ROOT, "k-means, 1 - IoU distance, %s update, best of %d restarts: %d iteration%s, %s%n",
                o.update().name().toLowerCase(Locale.ROOT), o.restarts(), r.kmeans().iterations(),
                r.kmeans().iterations() == 1 ? "" : "s",
                r.kmeans().stop().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        anchors(out, r.kmeans().anchors(), o.levels());
        metrics(out, r.kmeansEval());
        out.println();

        AnchorMetrics.Evaluation before = r.evolution().before(), after = r.evolution().after();
        out.printf(Locale.ROOT, "Evolution from the k-means anchors: fitness %s, %d generations, %d mutations kept%n",
                describe(o), o.generations(), r.evolution().accepted());
        anchors(out, r.anchors(), o.levels());
        out.printf(Locale.ROOT, "  %-10s %8s    %8s%n", "", "before", "after");
        out.printf(Locale.ROOT, "  %-10s %8.4f -> %8.4f%n", "BPR", before.bpr(), after.bpr());
        out.printf(Locale.ROOT, "  %-10s %8.3f -> %8.3f%n", "AAT", before.aat(), after.aat());
        out.printf(Locale.ROOT, "  %-10s %8.4f -> %8.4f%n", "fitness", before.fitness(), after.fitness());
        out.printf(Locale.ROOT, "  %-10s %8.4f -> %8.4f%n", "mean IoU", before.meanBestIou(), after.meanBestIou());
        out.println();

        out.println("Anchors for a YOLOv5 model yaml (pixels at img " + o.img() + ", rounded):");
        out.println("anchors:");
        List<AnchorSet> levels = Levels.split(r.anchors(), o.levels());
        for (int i = 0; i < levels.size(); i++) {
            StringBuilder sb = new StringBuilder("  - [");
            AnchorSet a = levels.get(i);
            for (int j = 0; j < a.size(); j++) {
                sb.append(j == 0 ? "" : ", ").append(Math.round(a.width(j))).append(',')
                        .append(Math.round(a.height(j)));
            }
            out.println(sb.append("]  # ").append(Levels.name(i)));
        }
    }

    private static String describe(FitOptions o) {
        return switch (o.fitness()) {
            case BPR_THEN_YOLOV5 -> "bpr (BPR first, then YOLOv5's; never lowers BPR)";
            case YOLOV5 -> "yolov5 (as YOLOv5's autoanchor; may lower BPR)";
            case MEAN_IOU -> "iou (mean best IoU)";
        };
    }

    private static void anchors(PrintStream out, AnchorSet anchors, int levels) {
        List<AnchorSet> split = Levels.split(anchors, levels);
        for (int i = 0; i < split.size(); i++) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-6s", Levels.name(i)));
            AnchorSet a = split.get(i);
            for (int j = 0; j < a.size(); j++) {
                sb.append(String.format(Locale.ROOT, " %13s", String.format(Locale.ROOT, "%.1fx%.1f", a.width(j),
                        a.height(j))));
            }
            out.println(sb);
        }
    }

    private static void metrics(PrintStream out, AnchorMetrics.Evaluation e) {
        out.printf(Locale.ROOT, "  BPR %.4f  AAT %.3f  fitness %.4f  mean IoU %.4f%n", e.bpr(), e.aat(), e.fitness(),
                e.meanBestIou());
    }

    /** Two rows: the bin edges, then each bin's count between its edges. */
    private static void histogram(PrintStream out, String label, double[] edges, long[] counts) {
        StringBuilder top = new StringBuilder(String.format(Locale.ROOT, "  %-" + LABEL + "s", label));
        StringBuilder bottom = new StringBuilder(String.format(Locale.ROOT, "  %-" + LABEL + "s", "  boxes"));
        bottom.append(" ".repeat(COLUMN / 2));
        for (int i = 0; i < edges.length; i++) {
            top.append(String.format(Locale.ROOT, "%" + COLUMN + "s", compact(edges[i])));
            if (i < counts.length) {
                bottom.append(String.format(Locale.ROOT, "%" + COLUMN + "d", counts[i]));
            }
        }
        out.println(top);
        out.println(bottom);
    }

    /** 3 significant digits at most, no exponent: 0.123, 4.56, 78.9, 640. */
    static String compact(double v) {
        double a = Math.abs(v);
        String s = a >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : a >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : a >= 1 ? String.format(Locale.ROOT, "%.2f", v)
                : String.format(Locale.ROOT, "%.3f", v);
        return s;
    }

    /** A number without a needless {@code .0}. */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }
}
