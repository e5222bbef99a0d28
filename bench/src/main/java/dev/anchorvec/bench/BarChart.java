package dev.anchorvec.bench;

import java.util.List;
import java.util.Locale;

/**
 * A horizontal grouped bar chart as standalone SVG (no dependency): one group per category, one bar per series,
 * on a log-2 axis so that 0.5x and 2x are equally far from 1x. Missing values ({@code NaN}) draw no bar.
 *
 * @param title      chart title
 * @param axisLabel  what the values are, e.g. "speed-up (scalar / vector)"
 * @param categories one label per group
 * @param series     one name per bar in a group
 * @param values     {@code values[category][series]}, positive
 */
record BarChart(String title, String axisLabel, List<String> categories, List<String> series, double[][] values) {

    private static final int PLOT_W = 520;
    private static final int BAR_H = 12;
    private static final int TOP = 48;

    /** The SVG document. */
    String svg() {
        double lo = 1, hi = 1;
        for (double[] row : values) {
            for (double v : row) {
                if (v > 0 && Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        double l0 = Math.floor(log2(lo)), l1 = Math.max(l0 + 1, Math.ceil(log2(hi)));
        int groupH = BAR_H * series.size() + 8;
        int legendH = 16 * series.size();
        int plotH = groupH * categories.size();
        // Room for the longest label at ~6.5 px per character of the 11 px sans-serif font.
        int labelW = 20 + (int) (6.5 * categories.stream().mapToInt(String::length).max().orElse(10));
        int w = labelW + PLOT_W + 60;
        int h = TOP + plotH + 40 + legendH;
        Svg s = new Svg(w, h, title);
        for (int e = (int) l0; e <= (int) l1; e++) {
            double x = labelW + PLOT_W * (e - l0) / (l1 - l0);
            s.line(x, TOP, x, TOP + plotH, e == 0 ? "#444" : "#ddd");
            s.text(x, TOP + plotH + 14, "middle", fmt(Math.pow(2, e)) + "x");
        }
        s.text(labelW + PLOT_W / 2.0, TOP + plotH + 30, "middle", axisLabel + " (log scale)");
        for (int c = 0; c < categories.size(); c++) {
            double y0 = TOP + c * groupH + 4;
            s.text(labelW - 6, y0 + groupH / 2.0, "end", categories.get(c));
            for (int k = 0; k < series.size(); k++) {
                double v = values[c][k];
                if (!(v > 0) || !Double.isFinite(v)) {
                    continue;
                }
                double x0 = labelW + PLOT_W * (0 - l0) / (l1 - l0);
                double x1 = labelW + PLOT_W * (log2(v) - l0) / (l1 - l0);
                s.rect(Math.min(x0, x1), y0 + k * BAR_H, Math.max(1, Math.abs(x1 - x0)), BAR_H - 2, Svg.color(k),
                        series.get(k) + ": " + fmt(v) + "x");
                s.note(Math.max(x0, x1) + 3, y0 + k * BAR_H + BAR_H - 3, fmt(v) + "x");
            }
        }
        for (int k = 0; k < series.size(); k++) {
            double y = TOP + plotH + 44 + 16 * k;
            s.rect(labelW, y - 9, 10, 10, Svg.color(k), null);
            s.text(labelW + 16, y, "start", series.get(k));
        }
        return s.end();
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    private static String fmt(double v) {
        return v >= 10 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, v >= 1 ? "%.2f" : "%.3g", v);
    }
}
