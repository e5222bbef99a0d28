package dev.anchorvec.simd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The two source rules that make every kernel give the same bits in every JIT tier, at every vector width and on
 * every CPU (DESIGN.md, "Determinism"), checked on the kernels' sources so a new kernel cannot break them quietly:
 * <ol>
 * <li>No transcendental function from {@code Math} (only specified to 1 ulp, and intrinsified differently on
 * different CPUs) and none of the Vector API's lanewise ones ({@code EXP}, {@code LOG}, {@code ATAN}...: a Java
 * fallback in the interpreter, SVML once C2 compiles). Kernels use {@link FloatMath} / {@link VectorFloatMath};
 * setup code that works in double uses {@code StrictMath}. {@code Math.sqrt}, {@code fma}, {@code min},
 * {@code max}, {@code abs} and friends are exactly rounded or exact, so they stay.</li>
 * <li>No floating-point {@code reduceLanes(ADD)} or {@code (MUL)}: their order is unspecified and differs between
 * tiers and widths. Sums go through {@link Sums} / {@link VectorSums}. {@code MIN} / {@code MAX} reductions are
 * order-independent, integer sums are exact; the one integer {@code ADD} reduction is listed below.</li>
 * </ol>
 * Comments are ignored (a Javadoc may name what is forbidden).
 */
class DeterminismRulesTest {

    private static final Path SOURCES = Path.of("..", "kernels", "src", "main", "java");

    private static final Pattern MATH_TRANSCENDENTAL = Pattern.compile(
            "(?<![A-Za-z])Math\\.(exp|expm1|log|log10|log1p|pow|sin|cos|tan|asin|acos|atan|atan2|sinh|cosh|tanh"
                    + "|cbrt|hypot)\\s*\\(");
    private static final Pattern LANEWISE_TRANSCENDENTAL = Pattern.compile(
            "\\b(VectorOperators\\.)?(EXP|EXPM1|LOG|LOG10|LOG1P|POW|SIN|COS|TAN|ASIN|ACOS|ATAN|ATAN2|SINH|COSH|TANH"
                    + "|CBRT|HYPOT)\\b");
    private static final Pattern REDUCE_ADD_OR_MUL = Pattern.compile(
            "reduceLanes\\s*\\(\\s*(VectorOperators\\.)?(ADD|MUL)\\b");

    /** Files allowed an ADD reduction, with why it is exact. */
    private static final Map<String, String> INTEGER_SUMS = Map.of(
            "match/VectorCodeKernels.java", "counts positive match codes in an IntVector: integer addition is exact");

    /** The source with comments and string literals blanked out (line structure kept). */
    static String code(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0, n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                for (int k = i; k < end; k++) {
                    out.append(source.charAt(k) == '\n' ? '\n' : ' ');
                }
                i = end;
            } else if (c == '"') {
                out.append('"');
                i++;
                while (i < n && source.charAt(i) != '"') {
                    i += source.charAt(i) == '\\' ? 2 : 1;
                }
                out.append('"');
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static List<Path> sources() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String relative(Path p) {
        return SOURCES.resolve("dev/anchorvec").relativize(p).toString().replace('\\', '/');
    }

    private static List<String> violations(Pattern pattern, Map<String, String> allowed) {
        List<String> found = new ArrayList<>();
        for (Path p : sources()) {
            String name = relative(p);
            if (allowed.containsKey(name) || name.equals("simd/FloatMath.java")) {
                continue;
            }
            String code;
            try {
                code = code(Files.readString(p));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Matcher m = pattern.matcher(code);
            while (m.find()) {
                int line = 1 + (int) code.substring(0, m.start()).chars().filter(ch -> ch == '\n').count();
                found.add(name + ":" + line + ": " + m.group());
            }
        }
        return found;
    }

    @Test
    void theSourcesAreThere() {
        assertTrue(sources().size() > 100, "found " + sources().size() + " sources under " + SOURCES.toAbsolutePath());
        assertTrue(code("a // Math.exp(1)\n/* EXP */ b \"Math.log(\"").indexOf("exp") < 0, "comments are blanked");
    }

    @Test
    void noMathTranscendentalFunctions() {
        List<String> v = violations(MATH_TRANSCENDENTAL, Map.of());
        assertTrue(v.isEmpty(), "use FloatMath (float kernels) or StrictMath (double setup code):\n  "
                + String.join("\n  ", v));
    }

    @Test
    void noLanewiseTranscendentalOperators() {
        List<String> v = violations(LANEWISE_TRANSCENDENTAL, Map.of());
        assertTrue(v.isEmpty(), "use VectorFloatMath:\n  " + String.join("\n  ", v));
    }

    @Test
    void noOrderDependentReductions() {
        List<String> v = violations(REDUCE_ADD_OR_MUL, INTEGER_SUMS);
        assertTrue(v.isEmpty(), "sum with Sums / VectorSums:\n  " + String.join("\n  ", v));
    }
}
