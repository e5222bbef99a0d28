package dev.anchorvec.tools.fit;

import dev.anchorvec.anchors.fit.AnchorSet;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * An SVG figure of the anchors: the {@code img x img} training image with the grid of the coarsest level
 * (stride 32 for three levels), and every anchor centred on the cell nearest the image centre, one colour per
 * level, each labelled {@code w x h} where the label fits its width; a legend below lists every anchor by level.
 */
final class SvgFigure {

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
            "#e377c2", "#17becf"};
    private static final int MARGIN = 20;
    private static final int LEGEND_LINE = 18;

    private SvgFigure() {}

    static void write(AnchorSet anchors, int levels, int img, OutputStream out) throws IOException {
        List<AnchorSet> split = Levels.split(anchors, levels);
        int stride = Math.min(img, Levels.stride(levels - 1));
        double cell = Math.floor(img / 2.0 / stride);
        double cx = Math.min(img, (cell + 0.5) * stride), cy = cx;
        // The view covers the image and every anchor, plus room for the legend.
        double half = 0;
        for (int i = 0; i < anchors.size(); i++) {
            half = Math.max(half, Math.max(anchors.width(i), anchors.height(i)) / 2);
        }
        double x0 = Math.min(0, cx - half) - MARGIN, y0 = Math.min(0, cy - half) - MARGIN;
        double x1 = Math.max(img, cx + half) + MARGIN, y1 = Math.max(img, cy + half) + MARGIN;
        double legendTop = y1;
        y1 += LEGEND_LINE * (levels + 1) + MARGIN / 2.0;
        double font = Math.max(9, img / 60.0);

        StringBuilder s = new StringBuilder();
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%s\" height=\"%s\""
                + " viewBox=\"%s %s %s %s\" font-family=\"sans-serif\">\n", n(x1 - x0), n(y1 - y0), n(x0), n(y0),
                n(x1 - x0), n(y1 - y0)));
        s.append("  <title>anchorvec fit: ").append(anchors.size()).append(" anchors, ").append(levels)
                .append(" levels, image ").append(img).append(" x ").append(img).append("</title>\n");
        s.append(String.format(Locale.ROOT, "  <rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"white\"/>%n",
                n(x0), n(y0), n(x1 - x0), n(y1 - y0)));
        s.append(String.format(Locale.ROOT, "  <rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#f4f4f4\""
                + " stroke=\"#333\" stroke-width=\"1.5\"/>%n", img, img));
        s.append("  <g stroke=\"#bbb\" stroke-width=\"0.6\">\n");
        for (int v = stride; v < img; v += stride) {
            s.append(String.format(Locale.ROOT, "    <line x1=\"%d\" y1=\"0\" x2=\"%d\" y2=\"%d\"/>%n", v, v, img));
            s.append(String.format(Locale.ROOT, "    <line x1=\"0\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>%n", v, img, v));
        }
        s.append("  </g>\n");
        double cellX = cell * stride, cellSide = Math.min(stride, img - cellX);
        s.append(String.format(Locale.ROOT, "  <rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"#ffe680\""
                + " stroke=\"#998a00\"/>%n", n(cellX), n(cellX), n(cellSide), n(cellSide)));
        s.append(String.format(Locale.ROOT, "  <circle cx=\"%s\" cy=\"%s\" r=\"2\" fill=\"#333\"/>%n", n(cx), n(cy)));
        for (int l = 0; l < split.size(); l++) {
            String colour = COLOURS[l % COLOURS.length];
            AnchorSet a = split.get(l);
            s.append("  <g stroke=\"").append(colour).append("\" fill=\"none\" stroke-width=\"1.5\">\n");
            for (int j = 0; j < a.size(); j++) {
                double w = a.width(j), h = a.height(j);
                s.append(String.format(Locale.ROOT, "    <rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"/>%n",
                        n(cx - w / 2), n(cy - h / 2), n(w), n(h)));
            }
            s.append("  </g>\n");
            s.append("  <g fill=\"").append(colour).append("\" font-size=\"").append(n(font)).append("\">\n");
            for (int j = 0; j < a.size(); j++) {
                double w = a.width(j), h = a.height(j);
                String label = label(w, h);
                if (w >= 0.6 * font * label.length() + 4) {   // anchors too small for their label: legend only
                    s.append(String.format(Locale.ROOT, "    <text x=\"%s\" y=\"%s\">%s</text>%n",
                            n(cx - w / 2 + 2), n(cy - h / 2 - 2), escape(label)));
                }
            }
            s.append("  </g>\n");
        }
        s.append(String.format(Locale.ROOT, "  <g font-size=\"13\" transform=\"translate(%s %s)\">%n", n(x0 + MARGIN),
                n(legendTop)));
        s.append(String.format(Locale.ROOT, "    <text x=\"0\" y=\"%d\" fill=\"#333\">%s</text>%n", LEGEND_LINE - 4,
                escape("image " + img + " x " + img + ", grid stride " + stride + ", anchors centred on cell ("
                        + (int) cell + ", " + (int) cell + ")")));
        for (int l = 0; l < split.size(); l++) {
            AnchorSet a = split.get(l);
            StringBuilder text = new StringBuilder(Levels.name(l)).append(":");
            for (int j = 0; j < a.size(); j++) {
                text.append(j == 0 ? " " : ", ").append(label(a.width(j), a.height(j)));
            }
            int y = LEGEND_LINE * (l + 2) - 4;
            s.append(String.format(Locale.ROOT, "    <rect x=\"0\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>%n",
                    y - 11, COLOURS[l % COLOURS.length]));
            s.append(String.format(Locale.ROOT, "    <text x=\"18\" y=\"%d\" fill=\"#333\">%s</text>%n", y,
                    escape(text.toString())));
        }
        s.append("  </g>\n</svg>\n");
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write(s.toString());
        w.flush();
    }

    private static String label(double w, double h) {
        return Math.round(w) + "\u00d7" + Math.round(h);
    }

    private static String n(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
