package dev.anchorvec.tools.fit;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.anchorvec.anchors.fit.AnchorMetrics;
import dev.anchorvec.anchors.fit.AnchorSet;
import dev.anchorvec.tools.data.Dataset;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;

/**
 * The JSON report of {@code anchorvec fit} (schema {@value #SCHEMA}, documented in tools/README.md): inputs,
 * options, dataset statistics, the baseline, k-means and evolution metrics, and the anchors per level as
 * {@code [[w, h], ...]} (pixels at the training size, 2 decimals). The same inputs and seed give the same file
 * (no time stamps).
 */
final class JsonReport {

    /** The schema name and version, the report's first field. */
    static final String SCHEMA = "anchorvec-fit/1";

    private static final JsonFactory JSON = new JsonFactory();

    private JsonReport() {}

    static void write(FitReport r, OutputStream out) throws IOException {
        FitOptions o = r.options();
        Dataset d = r.dataset();
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("schema", SCHEMA);
            g.writeStringField("kernels", r.kernels());

            g.writeObjectFieldStart("input");
            g.writeStringField("format", o.source().format().id());
            g.writeStringField("path", o.source().path().toString());
            if (o.source().images() == null) {
                g.writeNullField("images");
            } else {
                g.writeStringField("images", o.source().images().toString());
            }
            g.writeBooleanField("include_crowd", o.source().includeCrowd());
            g.writeEndObject();

            g.writeObjectFieldStart("options");
            g.writeNumberField("k", o.k());
            g.writeNumberField("img", o.img());
            g.writeNumberField("levels", o.levels());
            g.writeStringField("update", o.update().name().toLowerCase(Locale.ROOT));
            g.writeNumberField("restarts", o.restarts());
            g.writeNumberField("generations", o.generations());
            g.writeStringField("fitness", FitOptions.fitnessId(o.fitness()));
            g.writeNumberField("thr", o.thr());
            g.writeNumberField("min_side", (double) o.minSide());
            g.writeNumberField("seed", o.seed());
            g.writeEndObject();

            g.writeObjectFieldStart("dataset");
            if (d.images() < 0) {
                g.writeNullField("images");
            } else {
                g.writeNumberField("images", d.images());
            }
            g.writeNumberField("labels", d.labels());
            g.writeNumberField("zero_size_dropped", d.zeroSize());
            g.writeNumberField("crowd_skipped", d.crowdSkipped());
            g.writeNumberField("below_min_side_dropped", r.belowMinSide());
            g.writeNumberField("boxes", r.boxesUsed());
            g.writeArrayFieldStart("notes");
            for (String note : d.notes()) {
                g.writeString(note);
            }
            g.writeEndArray();
            g.writeNumberField("min_side", round(r.statistics().minSide(), 4));
            g.writeNumberField("max_side", round(r.statistics().maxSide(), 4));
            histogram(g, "size_histogram", "sqrt(w*h) px", r.statistics().sizeEdges(), r.statistics().sizeCounts());
            histogram(g, "ratio_histogram", "h/w", r.statistics().ratioEdges(), r.statistics().ratioCounts());
            g.writeEndObject();

            g.writeArrayFieldStart("levels");
            for (int i = 0; i < o.levels(); i++) {
                g.writeStartObject();
                g.writeStringField("name", Levels.name(i));
                g.writeNumberField("stride", Levels.stride(i));
                g.writeEndObject();
            }
            g.writeEndArray();

            g.writeObjectFieldStart("baseline");
            g.writeStringField("name", "yolov5-default");
            anchors(g, "anchors", r.baseline(), 3);
            metrics(g, "metrics", r.baselineEval());
            g.writeEndObject();

            g.writeObjectFieldStart("kmeans");
            anchors(g, "anchors", r.kmeans().anchors(), o.levels());
            metrics(g, "metrics", r.kmeansEval());
            g.writeNumberField("iterations", r.kmeans().iterations());
            g.writeStringField("stop", r.kmeans().stop().name().toLowerCase(Locale.ROOT));
            g.writeEndObject();

            g.writeObjectFieldStart("evolution");
            anchors(g, "anchors", r.anchors(), o.levels());
            metrics(g, "before", r.evolution().before());
            metrics(g, "after", r.evolution().after());
            g.writeNumberField("generations", o.generations());
            g.writeNumberField("accepted", r.evolution().accepted());
            g.writeEndObject();

            anchors(g, "anchors", r.anchors(), o.levels());
            g.writeEndObject();
        }
    }

    private static void histogram(JsonGenerator g, String field, String quantity, double[] edges, long[] counts)
            throws IOException {
        g.writeObjectFieldStart(field);
        g.writeStringField("of", quantity);
        g.writeArrayFieldStart("edges");
        for (double e : edges) {
            g.writeNumber(round(e, 4));
        }
        g.writeEndArray();
        g.writeArrayFieldStart("counts");
        for (long c : counts) {
            g.writeNumber(c);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** {@code field: [level 0 [[w, h], ...], level 1 [...], ...]}, levels by increasing anchor area. */
    private static void anchors(JsonGenerator g, String field, AnchorSet anchors, int levels) throws IOException {
        g.writeArrayFieldStart(field);
        List<AnchorSet> split = Levels.split(anchors, levels);
        for (AnchorSet level : split) {
            g.writeStartArray();
            for (int j = 0; j < level.size(); j++) {
                g.writeStartArray();
                g.writeNumber(round(level.width(j), 2));
                g.writeNumber(round(level.height(j), 2));
                g.writeEndArray();
            }
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    private static void metrics(JsonGenerator g, String field, AnchorMetrics.Evaluation e) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeNumberField("bpr", round(e.bpr(), 6));
        g.writeNumberField("aat", round(e.aat(), 6));
        g.writeNumberField("fitness", round(e.fitness(), 6));
        g.writeNumberField("mean_iou", round(e.meanBestIou(), 6));
        g.writeEndObject();
    }

    private static double round(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }
}
