package dev.anchorvec.tools.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV record (RFC 4180, comma-separated, on a single line): fields may be quoted with {@code "},
 * a quote inside a quoted field is doubled. Fields are returned unquoted and not trimmed.
 */
final class CsvFields {

    private CsvFields() {}

    /** @throws IllegalArgumentException for an unterminated quote or text after a closing quote */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0, n = line.length();
        while (true) {
            field.setLength(0);
            int start = i;
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            if (i < n && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("unterminated quote in field " + (fields.size() + 1)
                                + " (quoted fields cannot span lines)");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                while (i < n && line.charAt(i) == ' ') {
                    i++;
                }
                if (i < n && line.charAt(i) != ',') {
                    throw new IllegalArgumentException("text after the closing quote of field " + (fields.size() + 1));
                }
            } else {
                i = start;
                while (i < n && line.charAt(i) != ',') {
                    field.append(line.charAt(i++));
                }
            }
            fields.add(field.toString());
            if (i >= n) {
                return fields;
            }
            i++;   // the comma
        }
    }
}
