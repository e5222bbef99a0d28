package dev.anchorvec.bench;

import dev.anchorvec.KernelInfo;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Guards every benchmark fork: the method named {@code scalar} must run the scalar implementation and the one
 * named {@code vector} the Vector API one (other methods are baselines and are not checked). A fork started without the annotation's flags (for example when a
 * command-line {@code -jvmArgsPrepend} replaced them) fails instead of reporting a wrong label.
 */
final class ImplCheck {

    private ImplCheck() {}

    static void verify(BenchmarkParams params) {
        String benchmark = params.getBenchmark();
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        if (!method.equals("scalar") && !method.equals("vector")) {
            return;   // a baseline (for example a plain array fill), not an anchorvec kernel
        }
        String actual = KernelInfo.implementation();
        if (!method.equals(actual)) {
            throw new IllegalStateException("benchmark method '" + method + "' runs the '" + actual
                    + "' implementation (" + KernelInfo.reason() + "); JVM args: " + params.getJvmArgs()
                    + ". Do not pass -jvmArgsPrepend (it replaces the @Fork flags); use -jvmArgsAppend.");
        }
        System.out.println("# anchorvec: " + KernelInfo.summary() + " -- " + KernelInfo.reason());
    }
}
