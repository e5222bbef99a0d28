package dev.anchorvec.simd;

import java.lang.management.ManagementFactory;

/**
 * Tells whether C2 will compile our loops. Vector API code run by the interpreter or C1 is not intrinsified:
 * it allocates a box per operation and is many times slower than plain scalar code, so {@code auto} must not
 * choose it (an explicit {@code -Danchorvec.impl=vector} still may, see {@link Simd}).
 */
final class CompilerCheck {

    private CompilerCheck() {}

    /** Returns null when C2 is available, else the reason it is not. */
    static String whyNoC2() {
        String info = System.getProperty("java.vm.info", "");
        if (info.contains("interpreted mode")) {
            return "the JVM runs in interpreted mode (-Xint)";
        }
        String name = System.getProperty("java.vm.name", "");
        if (name.contains("Client VM")) {
            return "this is a client VM";
        }
        try {
            return HotSpotFlags.whyNoC2();
        } catch (LinkageError e) {
            // java.management / jdk.management absent (jlinked runtime): assume a normal server VM.
            return null;
        }
    }

    /** Isolated so that a missing jdk.management module only fails this nested class. */
    private static final class HotSpotFlags {
        static String whyNoC2() {
            com.sun.management.HotSpotDiagnosticMXBean hs =
                    ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            if (hs == null) {
                return null;
            }
            if ("false".equals(value(hs, "UseCompiler"))) {
                return "-XX:-UseCompiler is set";
            }
            if ("true".equals(value(hs, "UseJVMCICompiler"))) {
                return "a JVMCI compiler replaces C2";
            }
            String tiered = value(hs, "TieredCompilation");
            String stop = value(hs, "TieredStopAtLevel");
            if ("true".equals(tiered) && stop != null && !stop.equals("4")) {
                return "-XX:TieredStopAtLevel=" + stop + " stops below C2";
            }
            return null;
        }

        private static String value(com.sun.management.HotSpotDiagnosticMXBean hs, String flag) {
            try {
                return hs.getVMOption(flag).getValue();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
