package dev.anchorvec.tools.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions shared by the reader tests. */
final class DatasetAssertions {

    private DatasetAssertions() {}

    /** The message of {@code e} contains every one of {@code parts}. */
    static void assertMessage(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
        }
    }
}
