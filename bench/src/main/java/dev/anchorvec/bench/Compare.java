package dev.anchorvec.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Puts two or more runs side by side: {@code results.json} files (other CPUs, JDKs, widths) and peer timings
 * written by {@code shared/peers/time_peers.py} (mapped to our workloads by {@link PeerKey}). Writes
 * {@code compare.md} and {@code compare.svg} into the output folder and prints the table. From a width sweep
 * the widest width of each row is compared.
 *
 * <p>{@code java -cp benchmarks.jar dev.anchorvec.bench.Compare a/results.json b/results.json
 * shared/peers/peer_timings.json --out DIR}
 */
public final class Compare {

    /** One input: a label and, for results files, the vector and scalar ns per key; for peer files, ns per key. */
    record Source(String label, boolean peer, Map<String, Double> vector, Map<String, Double> scalar) {}

    private Compare() {}

    /** Command line: input files, then optionally {@code --out DIR} (default {@code bench-compare}). */
    public static void main(String[] argv) throws IOException {
        Path out = Path.of("bench-compare");
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < argv.length; i++) {
            if (argv[i].equals("--out")) {
                if (i + 1 >= argv.length) {
                    throw new IllegalArgumentException("--out needs a value");
                }
                out = Path.of(argv[++i]);
            } else {
                inputs.add(Path.of(argv[i]));
            }
        }
        if (inputs.size() < 2) {
            throw new IllegalArgumentException("usage: Compare FILE FILE [FILE...] [--out DIR] (results.json or "
                    + "time_peers.py JSON)");
        }
        List<String> texts = new ArrayList<>();
        for (Path p : inputs) {
            texts.add(Files.readString(p, StandardCharsets.UTF_8));
        }
        List<Report> reports = new ArrayList<>();
        List<Source> sources = loadAll(inputs.stream().map(Path::toString).toList(), texts, reports);
        if (reports.isEmpty()) {
            throw new IllegalArgumentException("at least one input must be a results.json");
        }
        Files.createDirectories(out);
        String md = markdown(sources, labels(reports));
        Files.writeString(out.resolve("compare.md"), md, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("compare.svg"), chart(sources, labels(reports)).svg(), StandardCharsets.UTF_8);
        System.out.println(md);
        System.out.println("wrote " + out.resolve("compare.md").toAbsolutePath() + " and compare.svg");
    }

    /** Parses the inputs, results files first (peer rows are mapped onto their rows), keeping the given order. */
    static List<Source> loadAll(List<String> names, List<String> texts, List<Report> reports) {
        Source[] out = new Source[names.size()];
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < names.size(); i++) {
                boolean peer = texts.get(i).contains("\"meta\"") && !texts.get(i).contains("\"schema\"");
                if (peer == (pass == 1)) {
                    out[i] = load(names.get(i), texts.get(i), reports);
                }
            }
        }
        return List.of(out);
    }

    /** Parses one input file; results files are also added to {@code reports} (for the row labels). */
    @SuppressWarnings("unchecked")
    static Source load(String name, String text, List<Report> reports) {
        Map<String, Object> root = (Map<String, Object>) Json.parse(text);
        if (root.containsKey("meta") && root.containsKey("rows")) {
            Map<String, Object> meta = (Map<String, Object>) root.get("meta");
            Map<String, Double> ns = new LinkedHashMap<>();
            for (Object o : (List<Object>) root.get("rows")) {
                Map<String, Object> row = (Map<String, Object>) o;
                if (Double.valueOf(1).equals(row.get("threads")) && row.get("median_s") instanceof Double s) {
                    ns.put(row.get("name") + " " + row.get("params"), s * 1e9);
                }
            }
            Map<String, Double> byKey = new LinkedHashMap<>();
            for (Report r : reports) {
                for (Report.Row row : r.rows()) {
                    String k = PeerKey.of(row);
                    if (k != null && ns.containsKey(k)) {
                        byKey.put(Kernels.lineKey(row), ns.get(k));
                    }
                }
            }
            String label = "torchvision " + meta.get("torchvision") + " (" + meta.get("cpu") + ", "
                    + meta.get("date") + ")";
            return new Source(label, true, byKey, Map.of());
        }
        Report report = ResultsFile.parse(text);
        reports.add(report);
        Map<String, Double> vector = new LinkedHashMap<>();
        Map<String, Double> scalar = new LinkedHashMap<>();
        Map<String, Integer> bits = new LinkedHashMap<>();
        for (Report.Row row : report.rows()) {
            if (row.method().equals("scalar")) {
                scalar.put(Kernels.lineKey(row), row.nsPerOp());
                continue;
            }
            // A width sweep has a vector row per width: compare the widest, the width the machine runs by default.
            int b = row.vectorBits() == null ? -1 : row.vectorBits();
            if (bits.getOrDefault(Kernels.lineKey(row), Integer.MIN_VALUE) < b) {
                bits.put(Kernels.lineKey(row), b);
                vector.put(Kernels.lineKey(row), row.nsPerOp());
            }
        }
        String digest = DigestRecord.describe(report.machine());
        String label = name + ": " + report.machine().get("cpu_model") + ", JDK " + report.machine().get(
                "jdk_version") + ", " + report.anchorvec().get("summary")
                + (digest == null ? "" : ", kernel digest " + digest);
        return new Source(label, false, vector, scalar);
    }

    /** Row keys in the order of the first report that has them, with their human-readable labels. */
    static Map<String, String> labels(List<Report> reports) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Report r : reports) {
            for (Report.Row row : Kernels.sorted(r.rows())) {
                String label = Kernels.name(row.benchmark()) + " " + Kernels.workload(row)
                        + (row.method().equals("scalar") || row.method().equals("vector") ? ""
                        : " (" + row.method() + ")");
                out.putIfAbsent(Kernels.lineKey(row), label);
            }
        }
        return out;
    }

    /** The side-by-side table: per input, vector ns/op (results) or the peer's ns/op, and speed relative to A. */
    static String markdown(List<Source> sources, Map<String, String> labels) {
        StringBuilder sb = new StringBuilder("# anchorvec comparison\n\n");
        for (int i = 0; i < sources.size(); i++) {
            sb.append("- ").append(letter(i)).append(": ").append(sources.get(i).label()).append('\n');
        }
        sb.append("\nns/op of the vector method (results files) or of the peer (single thread); in brackets the "
                + "speed relative to A's vector row (A ns / this ns; > 1 is faster). Scalar ns/op of each results file "
                + "in the last columns.\n\n| kernel | workload |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (int i = 0; i < sources.size(); i++) {
            sb.append(' ').append(letter(i)).append(sources.get(i).peer() ? " (peer)" : " vector").append(" |");
            rule.append("---:|");
        }
        for (int i = 0; i < sources.size(); i++) {
            if (!sources.get(i).peer()) {
                sb.append(' ').append(letter(i)).append(" scalar |");
                rule.append("---:|");
            }
        }
        sb.append('\n').append(rule).append('\n');
        Source a = sources.getFirst();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            String k = e.getKey();
            String label = e.getValue();
            int sp = label.indexOf(' ', Kernels.name(k.substring(0, k.indexOf('|'))).length());
            sb.append("| ").append(sp < 0 ? label : label.substring(0, sp)).append(" | ")
                    .append(sp < 0 ? "" : label.substring(sp + 1)).append(" |");
            Double base = a.vector().get(k);
            for (Source s : sources) {
                Double v = s.vector().get(k);
                sb.append(' ');
                if (v != null) {
                    sb.append(Report.ns(v));
                    if (base != null && s != a) {
                        sb.append(" (").append(String.format(Locale.ROOT, "%.2fx", base / v)).append(')');
                    }
                }
                sb.append(" |");
            }
            for (Source s : sources) {
                if (!s.peer()) {
                    Double v = s.scalar().get(k);
                    sb.append(' ').append(v == null ? "" : Report.ns(v)).append(" |");
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Bars of A's vector ns / each other input's ns, per row present in A. */
    static BarChart chart(List<Source> sources, Map<String, String> labels) {
        Source a = sources.getFirst();
        List<String> cats = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            Double base = a.vector().get(e.getKey());
            if (base == null) {
                continue;
            }
            double[] v = new double[sources.size() - 1];
            for (int i = 1; i < sources.size(); i++) {
                Double x = sources.get(i).vector().get(e.getKey());
                v[i - 1] = x == null ? Double.NaN : base / x;
            }
            cats.add(e.getValue());
            values.add(v);
        }
        List<String> series = new ArrayList<>();
        for (int i = 1; i < sources.size(); i++) {
            series.add(letter(i) + ": " + sources.get(i).label());
        }
        return new BarChart("speed relative to A (" + a.label() + ")", "A ns / other ns", cats, series,
                values.toArray(double[][]::new));
    }

    private static String letter(int i) {
        return String.valueOf((char) ('A' + i));
    }
}
