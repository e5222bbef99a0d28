package dev.anchorvec.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.KernelInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The machine record's kernel digest: computed in this JVM, described, absent from older reports. */
class DigestRecordTest {

    @Test
    void computesTheTotalWithThisJvmsImplementation() {
        Map<String, Object> d = DigestRecord.compute();
        assertEquals(List.of("total", "computed_with", "vector_bits"), List.copyOf(d.keySet()));
        assertTrue(((String) d.get("total")).matches("[0-9a-f]{16}"), String.valueOf(d));
        assertEquals(KernelInfo.summary(), d.get("computed_with"));
        assertEquals(KernelInfo.vectorBits(), d.get("vector_bits"));
        assertEquals(d.get("total") + " (" + KernelInfo.summary() + ")",
                DigestRecord.describe(Map.of(DigestRecord.KEY, d)));
    }

    @Test
    void aReportWithoutTheDigestHasNoLine() throws Exception {
        assertNull(DigestRecord.describe(Map.of("cpu_model", "x")));
        Report reference = ResultsFile.read(Path.of("results/2026-11-28-amd-epyc-family26-2vcpu/results.json"));
        assertNull(DigestRecord.describe(reference.machine()), "the committed reference run predates the digest");
        assertTrue(!reference.markdown().contains("kernel digest"));
    }
}
