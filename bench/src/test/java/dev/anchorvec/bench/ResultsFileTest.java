package dev.anchorvec.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** results.json round trip (write, read, equal) and the allocation rule. */
class ResultsFileTest {

    @Test
    void writeReadIsEqual() {
        Report r = ReportTest.sample();
        Report back = ResultsFile.parse(r.json());
        assertEquals(r, back);
        assertEquals(r.json(), back.json(), "re-written JSON is identical");
        assertTrue(Double.isNaN(back.rows().get(2).errorNs()), "null error_ns reads back as NaN");
    }

    @Test
    void rejectsOtherSchemas() {
        assertThrows(IllegalArgumentException.class, () -> ResultsFile.parse("{\"meta\": {}, \"rows\": []}"));
        String newer = ReportTest.sample().json().replace("\"version\": " + Report.SCHEMA_VERSION,
                "\"version\": " + (Report.SCHEMA_VERSION + 1));
        assertThrows(IllegalArgumentException.class, () -> ResultsFile.parse(newer));
    }

    @Test
    void allocationThresholdGrowsWithOpTime() {
        assertTrue(!AllocationRule.allocates(1000, 10), "below the floor");
        assertTrue(AllocationRule.allocates(2000, 10_000), "2 KB in a 10 us op is the kernel's");
        assertTrue(!AllocationRule.allocates(5000, 1e8), "5 KB over a 100 ms scalar op is JMH's bookkeeping");
        assertTrue(AllocationRule.allocates(5e6, 1e8), "MBs over 100 ms is boxing");
        assertTrue(AllocationRule.allocates(192_048, 14_000));
    }
}
