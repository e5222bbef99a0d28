package dev.anchorvec.bench;

import dev.anchorvec.KernelInfo;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Guards every benchmark fork: the method named {@code scalar} must run the scalar implementation and the one
 * named {@code vector} (or {@code vector<bits>}, a forced width) the Vector API one (other methods are baselines and are not checked). A fork started without the annotation's flags (for example when a
 * command-line {@code -jvmArgsPrepend} replaced them) fails instead of reporting a wrong label.
 */
final class ImplCheck {

    private ImplCheck() {}

    static void verify(BenchmarkParams params) {
        String benchmark = params.getBenchmark();
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        // vector256 and the like: the vector implementation at a forced width.
        String expected = method.startsWith("vector") ? "vector" : method;
        if (!expected.equals("scalar") && !expected.equals("vector")) {
            return;   // a baseline (for example a plain array fill), not an anchorvec kernel
        }
        String actual = KernelInfo.implementation();
        if (!expected.equals(actual)) {
            throw new IllegalStateException("benchmark method '" + method + "' runs the '" + actual
                    + "' implementation (" + KernelInfo.reason() + "); JVM args: " + params.getJvmArgs()
                    + ". Do not pass -jvmArgsPrepend (it replaces the @Fork flags); use -jvmArgsAppend.");
        }
        System.out.println("# anchorvec: " + KernelInfo.summary() + " -- " + KernelInfo.reason());
    }
}
