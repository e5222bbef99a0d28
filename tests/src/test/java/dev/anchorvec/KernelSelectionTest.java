package dev.anchorvec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

/**
 * Asserts which implementation and lane count this JVM runs, so CI can never silently test scalar code only.
 *
 * <p>The surefire executions in {@code tests/pom.xml} pass {@code -Danchorvec.expect.impl=vector|scalar} and
 * {@code -Danchorvec.expect.bits=preferred|256|128}; this test fails unless {@link KernelInfo} and the facades'
 * chosen kernel classes agree with them. Without those properties (a run from an IDE) it checks that the
 * choice is consistent with the JVM instead.
 */
class KernelSelectionTest {

    private static final String EXPECT_IMPL = "anchorvec.expect.impl";
    private static final String EXPECT_BITS = "anchorvec.expect.bits";

    @Test
    void activeImplementationIsTheExpectedOne() throws Exception {
        String impl = System.getProperty(EXPECT_IMPL);
        System.out.println("[kernels] " + KernelInfo.summary() + " -- " + KernelInfo.reason());
        if (impl == null) {
            assertConsistentWithThisJvm();
            return;
        }
        assertEquals(impl, KernelInfo.implementation(), KernelInfo.reason());
        if (impl.equals("vector")) {
            int bits = expectedBits(System.getProperty(EXPECT_BITS, "preferred"));
            assertEquals(bits, KernelInfo.vectorBits(), KernelInfo.reason());
            assertEquals(bits / Float.SIZE, KernelInfo.floatLanes(), KernelInfo.reason());
            // The species the vector kernels are compiled against, not just what KernelInfo reports.
            assertEquals(bits, dev.anchorvec.simd.Shapes.F.vectorBitSize());
            assertEquals(bits / Float.SIZE, dev.anchorvec.simd.Shapes.FL);
            assertFacadesUse("Vector");
        } else {
            assertEquals("scalar", impl, "unknown -D" + EXPECT_IMPL);
            assertEquals(0, KernelInfo.vectorBits());
            assertEquals(1, KernelInfo.floatLanes());
            assertFacadesUse("Scalar");
        }
    }

    private static int expectedBits(String expected) {
        return expected.equals("preferred") ? PreferredWidth.bits() : Integer.parseInt(expected);
    }

    /** IDE run: the choice must follow from the module, the properties and the hardware. */
    private static void assertConsistentWithThisJvm() throws Exception {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        String forced = System.getProperty("anchorvec.impl", "auto");
        if (!module || forced.equals("scalar")) {
            assertEquals("scalar", KernelInfo.implementation(), KernelInfo.reason());
            assertFacadesUse("Scalar");
            return;
        }
        if (KernelInfo.implementation().equals("scalar")) {
            // Legitimate only without C2 (e.g. -Xint), which the reason must say.
            assertTrue(KernelInfo.reason().contains("C2"), KernelInfo.reason());
            assertFacadesUse("Scalar");
            return;
        }
        String bits = System.getProperty("anchorvec.vectorBits");
        int want = bits == null ? PreferredWidth.bits() : Integer.parseInt(bits.trim());
        assertEquals(want, KernelInfo.vectorBits(), KernelInfo.reason());
        assertEquals(want / Float.SIZE, KernelInfo.floatLanes());
        assertFacadesUse("Vector");
    }

    /** The kernels the facades picked at class initialisation, read from their private {@code IMPL} fields. */
    private static void assertFacadesUse(String prefix) throws Exception {
        for (Class<?> facade : new Class<?>[] {dev.anchorvec.boxes.BoxIou.class, dev.anchorvec.boxes.BestIou.class,
            dev.anchorvec.boxes.OverlapTest.class, dev.anchorvec.boxes.BoxOps.class,
            dev.anchorvec.boxes.IouTies.class, dev.anchorvec.encode.DeltaCoder.class,
            dev.anchorvec.encode.LinearCoder.class, dev.anchorvec.encode.YoloCoder.class,
            dev.anchorvec.loss.SigmoidFocalLoss.class, dev.anchorvec.loss.SoftmaxCrossEntropy.class,
            dev.anchorvec.loss.RegressionLoss.class, dev.anchorvec.loss.IouLoss.class,
            dev.anchorvec.match.MaxIouMatcher.class, dev.anchorvec.select.Nms.class, dev.anchorvec.select.ScoreFilter.class,
            dev.anchorvec.select.SoftNms.class,
            dev.anchorvec.targets.TargetBuilder.class}) {
            Field f = facade.getDeclaredField("IMPL");
            f.setAccessible(true);
            String impl = f.get(null).getClass().getSimpleName();
            assertTrue(impl.startsWith(prefix), facade.getSimpleName() + " uses " + impl + ", expected " + prefix
                    + "*");
        }
    }

    /** Isolated so that the incubator module is only touched when it is expected to be there. */
    private static final class PreferredWidth {
        static int bits() {
            return jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize();
        }
    }
}
