package dev.anchorvec.bench;

import dev.anchorvec.KernelDigest;
import dev.anchorvec.KernelInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code kernel_digest} entry of the report's {@code machine} object: the total of {@link KernelDigest} (a
 * hash of every kernel's output bits on a seeded workload) computed by the report's own JVM, and the
 * implementation and width it was computed with. anchorvec promises the same bits on every CPU, width and JIT
 * tier, so two reports with the same total computed the same bits; a different total on another CPU is a bug
 * to report (run {@code dev.anchorvec.KernelDigest} on both to see which family differs).
 */
final class DigestRecord {

    /** The key in the {@code machine} object. */
    static final String KEY = "kernel_digest";

    private DigestRecord() {}

    /** Runs the digest workload in this JVM (a few seconds, before JMH starts) and returns the entry. */
    static Map<String, Object> compute() {
        return of(KernelDigest.total(), KernelInfo.summary(), KernelInfo.vectorBits());
    }

    /** The entry: {@code total}, {@code computed_with} (KernelInfo's summary), {@code vector_bits} (0 scalar). */
    static Map<String, Object> of(String total, String computedWith, int vectorBits) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", total);
        m.put("computed_with", computedWith);
        m.put("vector_bits", vectorBits);
        return m;
    }

    /**
     * {@code 9bda89bb36249e7c (vector 512-bit (16 float lanes))} for a machine object that has the entry, null for
     * one that has not (a report written before the digest existed).
     */
    static String describe(Map<String, Object> machine) {
        if (!(machine.get(KEY) instanceof Map<?, ?> d)) {
            return null;
        }
        return d.get("total") + " (" + d.get("computed_with") + ")";
    }
}
