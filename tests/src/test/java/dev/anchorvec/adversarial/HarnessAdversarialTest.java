package dev.anchorvec.adversarial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.internal.Args;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The harness itself, on toy entry points with known behaviour: a correct one gives no defect, and each kind of
 * defect the suite promises to find (a JDK exception, a write before a rejection, a non-finite output, a
 * message naming no argument, a broken rule, a twin that differs, a written input, a hang) is found and
 * described.
 */
class HarnessAdversarialTest {

    /** Copies {@code count} floats, validating everything first: the correct toy. */
    static void copy(float[] src, int srcOffset, int count, float[] dst, int dstOffset) {
        Args.notNull(src, "src");
        Args.notNull(dst, "dst");
        Args.room(srcOffset, count, src.length, "src");
        Args.room(dstOffset, count, dst.length, "dst");
        Args.disjoint(dst, dstOffset, count, "dst", src, srcOffset, count, "src");
        System.arraycopy(src, srcOffset, dst, dstOffset, count);
    }

    private static EntryPoint.Builder copyShape(String name) {
        return EntryPoint.named(name)
                .in("src", () -> new float[] {1, 2, 3, 4, 5, 6, 7}, Attacks.floatArrays())
                .in("srcOffset", () -> 1, Attacks.ints())
                .in("count", () -> 5, Attacks.ints())
                .out("dst", () -> Attacks.sentinelFloats(9), Attacks.shapes())
                .in("dstOffset", () -> 2, Attacks.ints())
                .pair("srcOffset", "count");
    }

    @Test
    void aCorrectEntryPointHasNoDefect() {
        AdversarialSuite.Report r = new AdversarialSuite("harness-correct").randomCases(20)
                .add(copyShape("copy").call(x -> {
                    copy(x.get(0), x.get(1), x.get(2), x.get(3), x.get(4));
                    return null;
                }).twin("arraycopy", x -> {
                    System.arraycopy(x.<float[]>get(0), x.<Integer>get(1), x.get(3), x.get(4), x.<Integer>get(2));
                    return null;
                }).build())
                .run();
        r.assertNoDefects();
        AdversarialSuite.Counts c = r.total();
        assertTrue(c.ok() > 10 && c.clear() > 50, c.toString());
        assertEquals(c.calls(), c.ok() + c.clear());
    }

    @Test
    void everyKindOfDefectIsFound() {
        AdversarialSuite suite = new AdversarialSuite("harness-defects").randomCases(0).timeoutMillis(300);
        // int overflow in the check: srcOffset + count wraps, System.arraycopy throws.
        suite.add(copyShape("overflowing check").call(x -> {
            float[] src = x.get(0), dst = x.get(3);
            int so = x.get(1), n = x.get(2), d = x.get(4);
            if (n < 0 || so < 0 || so + n > src.length || d < 0 || d + n > dst.length) {
                throw new IllegalArgumentException("src or dst too short");
            }
            System.arraycopy(src, so, dst, d, n);
            return null;
        }).build());
        // Writes first, validates after.
        suite.add(copyShape("writes before rejecting").call(x -> {
            float[] dst = x.get(3);
            if (dst != null && dst.length > 0) {
                dst[0] = 42;
            }
            copy(x.get(0), x.get(1), x.get(2), dst, x.get(4));
            return null;
        }).build());
        suite.add(EntryPoint.named("nan for finite input")
                .in("v", () -> 1f, Attacks.floats())
                .call(x -> {
                    float v = x.get(0);
                    return v == 0 ? v / v : v;
                }).build());
        suite.add(EntryPoint.named("message names nothing")
                .in("n", () -> 1, Attacks.ints())
                .call(x -> {
                    if (x.<Integer>get(0) < 0) {
                        throw new IllegalArgumentException("bad");
                    }
                    return null;
                }).build());
        suite.add(EntryPoint.named("broken rule")
                .in("n", () -> 4, Attacks.ints())
                .call(x -> Math.abs(x.<Integer>get(0)))
                .rule((x, before, r) -> (Integer) r >= 0 ? null : "negative " + r)
                .build());
        suite.add(EntryPoint.named("twin differs")
                .in("n", () -> 4, Attacks.ints())
                .call(x -> x.<Integer>get(0) == 1 << 30 ? 0 : x.<Integer>get(0))
                .twin("identity", x -> x.get(0))
                .build());
        suite.add(EntryPoint.named("writes its input")
                .in("v", () -> new float[] {1, 2}, Attacks.floatArrays())
                .call(x -> {
                    float[] v = x.get(0);
                    if (v != null && v.length == 1) {
                        v[0] = 9;
                    }
                    return null;
                }).build());
        suite.add(EntryPoint.named("hangs")
                .in("n", () -> 4, Attacks.ints())
                .call(x -> {
                    if (x.<Integer>get(0) == Integer.MAX_VALUE) {
                        while (!released) {
                            Thread.onSpinWait();
                        }
                    }
                    return null;
                }).build());
        AdversarialSuite.Report r;
        try {
            r = suite.run();
        } finally {
            released = true;
        }
        List<AdversarialSuite.Defect> d = r.defects();
        assertFound(d, "overflowing check", "threw java.lang.ArrayIndexOutOfBoundsException");
        assertFound(d, "writes before rejecting", "after writing: dst[0] changed from -1234.5 to 42.0");
        assertFound(d, "nan for finite input", "finite inputs gave a non-finite result: result = NaN");
        assertFound(d, "message names nothing", "whose message names no argument");
        assertFound(d, "broken rule", "documented answer broken: negative -2147483648");
        assertFound(d, "twin differs", "twin identity differs from the entry point: result: 0 vs 1073741824");
        assertFound(d, "writes its input", "wrote its read-only argument: v[0] changed from 1.0 to 9.0");
        assertFound(d, "hangs", "did not return within 300 ms");
        AssertionError e = assertThrows(AssertionError.class, r::assertNoDefects);
        assertTrue(e.getMessage().contains("*srcOffset=2147483647"), "the failure lists the arguments");
    }

    /** The heap-limited surefire execution names its limit; the JVM must really have (at most) that heap. */
    @Test
    void theHeapLimitedRunHasItsSmallHeap() {
        Integer mb = Integer.getInteger("anchorvec.expect.maxHeapMb");
        if (mb != null) {
            long max = Runtime.getRuntime().maxMemory();
            assertTrue(max <= (long) mb << 20, "max heap " + (max >> 20) + " MB, expected at most " + mb + " MB");
        }
    }

    private static volatile boolean released;

    private static void assertFound(List<AdversarialSuite.Defect> defects, String entry, String what) {
        assertTrue(defects.stream().anyMatch(d -> d.entry().equals(entry) && d.what().contains(what)),
                () -> entry + ": no defect containing '" + what + "' in " + defects.stream()
                        .filter(d -> d.entry().equals(entry)).map(AdversarialSuite.Defect::what).toList());
    }
}
