package dev.anchorvec.bench;

import java.util.List;
import java.util.Locale;

/**
 * Throughput against problem size as standalone SVG: log-10 axes both ways (sizes span 10 to 10^7), one line per
 * series.
 *
 * @param title  chart title
 * @param xLabel what x is, e.g. "pairs (N x M)"
 * @param yLabel what y is, e.g. "pairs/ns"
 * @param series the lines
 */
record LineChart(String title, String xLabel, String yLabel, List<Series> series) {

    /**
     * One line: points sorted by x, all positive.
     *
     * @param dashed drawn dashed: a figure from another run (a peer's timing), not this report's measurement
     */
    record Series(String name, double[] x, double[] y, boolean dashed) {
        Series(String name, double[] x, double[] y) {
            this(name, x, y, false);
        }
    }

    private static final int LEFT = 70;
    private static final int TOP = 40;
    private static final int PW = 560;
    private static final int PH = 320;

    /** The SVG document. */
    String svg() {
        double x0 = Double.MAX_VALUE, x1 = 0, y0 = Double.MAX_VALUE, y1 = 0;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                x0 = Math.min(x0, s.x()[i]);
                x1 = Math.max(x1, s.x()[i]);
                y0 = Math.min(y0, s.y()[i]);
                y1 = Math.max(y1, s.y()[i]);
            }
        }
        if (x1 == 0) {
            x0 = y0 = 1;
            x1 = y1 = 10;
        }
        double lx0 = Math.floor(Math.log10(x0)), lx1 = Math.max(lx0 + 1, Math.ceil(Math.log10(x1)));
        double ly0 = Math.floor(Math.log10(y0)), ly1 = Math.max(ly0 + 1, Math.ceil(Math.log10(y1)));
        Svg s = new Svg(LEFT + PW + 30, TOP + PH + 50 + 16 * series.size(), title);
        for (int e = (int) lx0; e <= (int) lx1; e++) {
            double x = LEFT + PW * (e - lx0) / (lx1 - lx0);
            s.line(x, TOP, x, TOP + PH, "#ddd");
            s.text(x, TOP + PH + 14, "middle", "1e" + e);
        }
        for (int e = (int) ly0; e <= (int) ly1; e++) {
            double y = TOP + PH - PH * (e - ly0) / (ly1 - ly0);
            s.line(LEFT, y, LEFT + PW, y, "#ddd");
            s.text(LEFT - 6, y + 4, "end", e >= 0 && e < 6 ? String.valueOf((long) Math.pow(10, e))
                    : e < 0 && e > -4 ? String.format(Locale.ROOT, "%." + -e + "f", Math.pow(10, e)) : "1e" + e);
        }
        s.text(LEFT + PW / 2.0, TOP + PH + 30, "middle", xLabel + " (log scale)");
        s.text(LEFT, TOP - 8, "start", yLabel + " (log scale)");
        for (int k = 0; k < series.size(); k++) {
            Series ser = series.get(k);
            double[] xy = new double[2 * ser.x().length];
            for (int i = 0; i < ser.x().length; i++) {
                xy[2 * i] = LEFT + PW * (Math.log10(ser.x()[i]) - lx0) / (lx1 - lx0);
                xy[2 * i + 1] = TOP + PH - PH * (Math.log10(ser.y()[i]) - ly0) / (ly1 - ly0);
            }
            s.polyline(xy, Svg.color(k), ser.name(), ser.dashed());
            double ly = TOP + PH + 48 + 16 * k;
            if (ser.dashed()) {
                s.line(LEFT, ly - 4, LEFT + 4, ly - 4, Svg.color(k));
                s.line(LEFT + 7, ly - 4, LEFT + 11, ly - 4, Svg.color(k));
            } else {
                s.rect(LEFT, ly - 9, 10, 10, Svg.color(k), null);
            }
            s.text(LEFT + 16, ly, "start", ser.name());
        }
        return s.end();
    }
}
