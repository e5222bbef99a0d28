package dev.anchorvec.bench;

import java.util.Locale;

/** A tiny SVG writer for the report charts: escaped text, rectangles, lines, polylines; well-formed XML. */
final class Svg {

    private static final String[] PALETTE = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f"};

    private final StringBuilder sb = new StringBuilder();

    Svg(int width, int height, String title) {
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"11\">\n")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(width / 2.0, 24, "middle", title);
    }

    /** The i-th series colour (cycles). */
    static String color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    void text(double x, double y, String anchor, String text) {
        sb.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"")
                .append(anchor).append("\">").append(escape(text)).append("</text>\n");
    }

    /** Smaller grey text, for values written beside bars. */
    void note(double x, double y, String text) {
        sb.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y))
                .append("\" font-size=\"9\" fill=\"#444\">").append(escape(text)).append("</text>\n");
    }

    void line(double x1, double y1, double x2, double y2, String stroke) {
        sb.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(stroke).append("\"/>\n");
    }

    /** A filled rectangle with an optional tooltip. */
    void rect(double x, double y, double w, double h, String fill, String tooltip) {
        sb.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" fill=\"").append(fill).append('"');
        if (tooltip == null) {
            sb.append("/>\n");
        } else {
            sb.append("><title>").append(escape(tooltip)).append("</title></rect>\n");
        }
    }

    /** A polyline through {@code xy} pairs, with a dot per point; {@code dashed} for figures from another run. */
    void polyline(double[] xy, String stroke, String name, boolean dashed) {
        sb.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(stroke)
                .append(dashed ? "\" stroke-dasharray=\"6,4" : "").append("\" points=\"");
        for (int i = 0; i < xy.length; i += 2) {
            sb.append(i == 0 ? "" : " ").append(n(xy[i])).append(',').append(n(xy[i + 1]));
        }
        sb.append("\"><title>").append(escape(name)).append("</title></polyline>\n");
        for (int i = 0; i < xy.length; i += 2) {
            sb.append("<circle cx=\"").append(n(xy[i])).append("\" cy=\"").append(n(xy[i + 1]))
                    .append("\" r=\"3\" fill=\"").append(stroke).append("\"/>\n");
        }
    }

    /** Closes the document and returns it. */
    String end() {
        return sb.append("</svg>\n").toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
