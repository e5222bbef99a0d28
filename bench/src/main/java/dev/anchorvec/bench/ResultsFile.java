package dev.anchorvec.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code results.json} back into a {@link Report} (the inverse of {@link Report#json()}), so that
 * {@link Compare} can put runs from different machines side by side. Rejects files of another schema name or a
 * newer major version rather than misreading them.
 */
final class ResultsFile {

    private ResultsFile() {}

    /** Reads and parses {@code path}. */
    static Report read(Path path) throws IOException {
        return parse(Files.readString(path, StandardCharsets.UTF_8));
    }

    /** Parses the text of a {@code results.json}. */
    @SuppressWarnings("unchecked")
    static Report parse(String text) {
        Map<String, Object> root = (Map<String, Object>) Json.parse(text);
        Map<String, Object> schema = (Map<String, Object>) root.get("schema");
        if (schema == null || !Report.SCHEMA_NAME.equals(schema.get("name"))) {
            throw new IllegalArgumentException("not an " + Report.SCHEMA_NAME + " file (schema " + schema + ")");
        }
        double version = ((Number) schema.get("version")).doubleValue();
        if (version > Report.SCHEMA_VERSION) {
            throw new IllegalArgumentException("schema version " + version + " is newer than "
                    + Report.SCHEMA_VERSION);
        }
        List<Report.Row> rows = new ArrayList<>();
        for (Object o : (List<Object>) root.get("results")) {
            rows.add(row((Map<String, Object>) o));
        }
        return new Report(ints((Map<String, Object>) root.get("machine")),
                ints((Map<String, Object>) root.get("anchorvec")), ints((Map<String, Object>) root.get("jmh")),
                rows, (String) root.get("created"));
    }

    @SuppressWarnings("unchecked")
    private static Report.Row row(Map<String, Object> m) {
        Map<String, String> params = new LinkedHashMap<>();
        ((Map<String, Object>) m.get("params")).forEach((k, v) -> params.put(k, String.valueOf(v)));
        Number bits = (Number) m.get("vector_bits");
        Number err = (Number) m.get("error_ns");
        List<String> jvmArgs = new ArrayList<>();
        Object args = m.get("jvm_args");
        if (args != null) {
            ((List<Object>) args).forEach(a -> jvmArgs.add(String.valueOf(a)));
        }
        return new Report.Row((String) m.get("benchmark"), (String) m.get("method"),
                (String) m.get("implementation"), bits == null ? null : bits.intValue(), params,
                (String) m.get("mode"), ((Number) m.get("ns_per_op")).doubleValue(),
                err == null ? Double.NaN : err.doubleValue(), dbl(m.get("b_per_op")), dbl(m.get("throughput")),
                jvmArgs);
    }

    private static Double dbl(Object o) {
        return o == null ? null : ((Number) o).doubleValue();
    }

    /** Whole numbers back to Integer (the reader gives Double), so re-written JSON is byte-identical. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> ints(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (m != null) {
            m.forEach((k, v) -> out.put(k, normalize(v)));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object normalize(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE) {
            return d.intValue();
        }
        if (v instanceof Map<?, ?> map) {
            return ints((Map<String, Object>) map);
        }
        if (v instanceof List<?> list) {
            return list.stream().map(ResultsFile::normalize).toList();
        }
        return v;
    }
}
