package dev.anchorvec.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The width-sweep table of {@code results.md}: one line per (kernel, workload), the scalar ns/op and, per vector
 * width found in the rows (widest first), the vector ns/op with its speed-up over scalar.
 */
final class WidthTable {

    private WidthTable() {}

    /** The vector widths present in {@code rows}, widest first. */
    static List<Integer> widths(List<Report.Row> rows) {
        return rows.stream().filter(r -> r.method().equals("vector")).map(Report.Row::vectorBits)
                .filter(Objects::nonNull).distinct().sorted((a, b) -> b - a).toList();
    }

    /** The Markdown table, or an empty string when fewer than two widths were measured. */
    static String markdown(List<Report.Row> rows) {
        List<Integer> widths = widths(rows);
        if (widths.size() < 2) {
            return "";
        }
        StringBuilder sb = new StringBuilder("| kernel | workload | scalar ns/op |");
        StringBuilder rule = new StringBuilder("|---|---|---:|");
        for (int w : widths) {
            sb.append(' ').append(w).append("-bit ns/op (speed-up) |");
            rule.append("---:|");
        }
        sb.append('\n').append(rule).append('\n');
        Map<String, Report.Row[]> lines = new LinkedHashMap<>();
        for (Report.Row r : Kernels.sorted(rows)) {
            if (!r.method().equals("scalar") && !r.method().equals("vector")) {
                continue;
            }
            Report.Row[] line = lines.computeIfAbsent(Kernels.workloadKey(r), k -> new Report.Row[widths.size() + 1]);
            int w = widths.indexOf(r.vectorBits());
            if (r.method().equals("scalar")) {
                line[0] = r;
            } else if (w >= 0) {
                // A vector row of unknown width (no anchorvec profiler) has no column.
                line[1 + w] = r;
            }
        }
        for (Report.Row[] line : lines.values()) {
            Report.Row any = Arrays.stream(line).filter(Objects::nonNull).findFirst().orElseThrow();
            sb.append("| ").append(Kernels.name(any.benchmark())).append(" | ")
                    .append(Kernels.workload(any)).append(" | ")
                    .append(line[0] == null ? "" : Report.ns(line[0].nsPerOp())).append(" |");
            for (int i = 1; i < line.length; i++) {
                sb.append(' ');
                if (line[i] != null) {
                    sb.append(Report.ns(line[i].nsPerOp()));
                    if (line[0] != null) {
                        sb.append(String.format(Locale.ROOT, " (%.2fx)", line[0].nsPerOp() / line[i].nsPerOp()));
                    }
                }
                sb.append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
