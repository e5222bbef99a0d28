package dev.anchorvec.simd;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides, once per JVM, whether the kernels run their Vector API implementation or the scalar fallback, and
 * at which vector width. Internal: nothing here touches {@code jdk.incubator.vector}, so this class loads
 * whether or not the module is present; the vector classes are only ever loaded reflectively, after the checks.
 *
 * <p>System properties (read once): {@code anchorvec.impl=auto|scalar|vector} and
 * {@code anchorvec.vectorBits=128|256|512} (default: the CPU's preferred width). {@code auto} picks the vector
 * code only when C2 will compile it; a forced {@code vector} runs it even in the interpreter ({@code -Xint}) or
 * under C1 alone, slowly but with the same results, which is how the determinism check compares tiers.
 */
public final class Simd {

    /** Property that forces the implementation. */
    public static final String IMPL_PROPERTY = "anchorvec.impl";
    /** Property that forces the vector width in bits. */
    public static final String BITS_PROPERTY = "anchorvec.vectorBits";

    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String SHAPES_CLASS = "dev.anchorvec.simd.Shapes";

    private static final Decision DECISION = decide();

    private Simd() {}

    /** True when the Vector API implementations are in use. */
    public static boolean vectorEnabled() {
        return DECISION.vector;
    }

    /** Vector width in bits of the active implementation; 0 for scalar. */
    public static int vectorBits() {
        return DECISION.bits;
    }

    /** Float lanes per vector of the active implementation; 1 for scalar. */
    public static int floatLanes() {
        return DECISION.vector ? DECISION.bits / Float.SIZE : 1;
    }

    /** A sentence saying what was chosen and why. */
    public static String reason() {
        return DECISION.reason;
    }

    /** The width {@link Shapes} should use; only meaningful when {@link #vectorEnabled()} is true. */
    static int chosenBits() {
        return DECISION.bits;
    }

    /**
     * Returns the vector implementation of a kernel family when vectors are enabled, else the scalar one.
     *
     * @param lookup          a lookup with access to the implementation class (its own package)
     * @param type            the kernel interface
     * @param vectorClassName binary name of the vector implementation; it needs a no-argument constructor
     * @param scalar          creates the scalar implementation
     */
    public static <T> T select(MethodHandles.Lookup lookup, Class<T> type, String vectorClassName,
                               Supplier<? extends T> scalar) {
        if (!DECISION.vector) {
            return scalar.get();
        }
        return loadVector(lookup, type, vectorClassName);
    }

    /**
     * Loads a vector implementation regardless of the decision (tests and benchmarks compare both in one
     * JVM). Fails with {@link IllegalStateException} when the incubator module is not readable.
     */
    public static <T> T loadVector(MethodHandles.Lookup lookup, Class<T> type, String vectorClassName) {
        if (!moduleReadable()) {
            throw new IllegalStateException(VECTOR_MODULE + " is not readable; run with --add-modules "
                    + VECTOR_MODULE);
        }
        try {
            Class<?> cls = lookup.findClass(vectorClassName);
            Object impl = lookup.findConstructor(cls, MethodType.methodType(void.class)).invoke();
            return type.cast(impl);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("cannot load " + vectorClassName, t);
        }
    }

    private record Decision(boolean vector, int bits, String reason) {}

    private static Decision decide() {
        String impl = System.getProperty(IMPL_PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        Decision d;
        if (!impl.equals("auto") && !impl.equals("scalar") && !impl.equals("vector")) {
            d = probeVector("ignored unknown -D" + IMPL_PROPERTY + "=" + impl + "; ", false);
        } else if (impl.equals("scalar")) {
            d = new Decision(false, 0, "scalar: forced by -D" + IMPL_PROPERTY + "=scalar");
        } else if (impl.equals("vector")) {
            d = probeVector("forced by -D" + IMPL_PROPERTY + "=vector; ", true);
        } else {
            d = probeVector("", false);
        }
        System.Logger log = System.getLogger("dev.anchorvec");
        log.log(d.vector ? System.Logger.Level.INFO : System.Logger.Level.WARNING, "anchorvec kernels: " + d.reason);
        return d;
    }

    /**
     * Probes the Vector API. {@code forced} (an explicit {@code -Danchorvec.impl=vector}) skips the C2 check:
     * without C2 the vector code is many times slower than scalar but gives the same bits, and running it in the
     * interpreter and in C1 is exactly what the determinism check ({@code KernelDigest}) needs. {@code auto}
     * keeps falling back to scalar there, because nobody wants that slowness by accident.
     */
    private static Decision probeVector(String prefix, boolean forced) {
        if (!moduleReadable()) {
            return new Decision(false, 0, "scalar: " + prefix + VECTOR_MODULE
                    + " is not readable (start the JVM with --add-modules " + VECTOR_MODULE + ")");
        }
        String noC2 = CompilerCheck.whyNoC2();
        if (noC2 != null && !forced) {
            return new Decision(false, 0, "scalar: " + prefix + "the Vector API needs C2, but " + noC2);
        }
        if (noC2 != null) {
            prefix += "vector forced without C2: correct but slow (" + noC2 + "); ";
        }
        int preferred;
        try {
            Class<?> shapes = Class.forName("dev.anchorvec.simd.PreferredShape", true, Simd.class.getClassLoader());
            preferred = (int) MethodHandles.lookup()
                    .findStatic(shapes, "preferredBits", MethodType.methodType(int.class)).invoke();
        } catch (Throwable t) {
            return new Decision(false, 0, "scalar: " + prefix + "the Vector API failed to initialise: " + t);
        }
        if (preferred < 128) {
            return new Decision(false, 0, "scalar: " + prefix + "the CPU's preferred vector width is "
                    + preferred + " bits (< 128)");
        }
        int bits = preferred;
        String widthNote = preferred + "-bit (the CPU's preferred width)";
        String requested = System.getProperty(BITS_PROPERTY);
        if (requested != null) {
            int r = parseBits(requested.trim());
            if (r == 0) {
                widthNote += "; ignored -D" + BITS_PROPERTY + "=" + requested + " (use 128, 256 or 512)";
            } else {
                bits = r;
                widthNote = r + "-bit (forced by -D" + BITS_PROPERTY + "; preferred is " + preferred + ")";
                if (r > preferred) {
                    widthNote += ", WARNING: wider than the hardware, correct but very slow";
                }
            }
        }
        return new Decision(true, bits, "vector: " + prefix + widthNote + ", " + bits / Float.SIZE
                + " float lanes");
    }

    private static int parseBits(String s) {
        return switch (s) {
            case "128" -> 128;
            case "256" -> 256;
            case "512" -> 512;
            default -> 0;
        };
    }

    private static boolean moduleReadable() {
        Optional<Module> m = ModuleLayer.boot().findModule(VECTOR_MODULE);
        return m.isPresent() && Simd.class.getModule().canRead(m.get());
    }
}
