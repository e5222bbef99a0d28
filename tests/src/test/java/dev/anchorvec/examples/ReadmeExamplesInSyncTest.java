package dev.anchorvec.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each README example test runs the code between its markers; this test checks that the README shows exactly that
 * code: a ```java block of README.md, without its leading import lines, equals the marked lines of the test
 * (indentation removed).
 */
class ReadmeExamplesInSyncTest {

    @ParameterizedTest
    @CsvSource({
        "ReadmeExampleTest, README example",
        "AnchorsReadmeExampleTest, README anchors example",
        "TargetsReadmeExampleTest, README targets example",
        "InferenceReadmeExampleTest, README inference example",
    })
    void readmeShowsTheTestedCode(String test, String marker) throws IOException {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path source = module.resolve("src/test/java/dev/anchorvec/examples/" + test + ".java");
        List<String> tested = marked(Files.readAllLines(source), "// " + marker + " start", "// " + marker + " end");
        assertTrue(!tested.isEmpty(), "no marked lines in " + source);
        List<List<String>> blocks = javaBlocks(Files.readAllLines(module.resolveSibling("README.md")));
        for (List<String> block : blocks) {
            if (!block.isEmpty() && block.getFirst().equals(tested.getFirst())) {
                assertEquals(String.join("\n", tested), String.join("\n", block),
                        "README.md differs from the code " + test + " runs");
                return;
            }
        }
        throw new AssertionError("README.md has no java block starting with \"" + tested.getFirst()
                + "\" (the code " + test + " runs)");
    }

    /** The lines between the markers, with the indentation of the first one removed. */
    private static List<String> marked(List<String> lines, String start, String end) {
        List<String> out = new ArrayList<>();
        int indent = -1;
        boolean in = false;
        for (String line : lines) {
            if (line.strip().equals(start)) {
                in = true;
                indent = line.indexOf('/');
            } else if (line.strip().equals(end)) {
                break;
            } else if (in) {
                out.add(line.isBlank() ? "" : line.substring(Math.min(indent, leading(line))));
            }
        }
        return out;
    }

    /** The ```java blocks of a Markdown file, each without its leading import and blank lines. */
    private static List<List<String>> javaBlocks(List<String> lines) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> block = null;
        for (String line : lines) {
            if (block == null && line.equals("```java")) {
                block = new ArrayList<>();
            } else if (block != null && line.equals("```")) {
                blocks.add(block);
                block = null;
            } else if (block != null && !(block.isEmpty() && (line.isBlank() || line.startsWith("import ")))) {
                block.add(line);
            }
        }
        return blocks;
    }

    private static int leading(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
