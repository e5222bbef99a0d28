package dev.anchorvec.match;

import dev.anchorvec.simd.Simd;
import java.lang.invoke.MethodHandles;

/**
 * The scalar and the vector code kernels of {@link MaxIouMatcher} (and so of {@link MmdetMaxIouAssigner}), loaded
 * whatever the facade chose (as {@code IouImpls} does for the IoU family), for the adversarial suites' twins: each
 * call that returns normally is repeated through the package-private forms on both and must give the same codes.
 *
 * @param name shown in reports
 */
record MatchTwins(String name, CodeKernels codes) {

    static final MatchTwins SCALAR = new MatchTwins("scalar", new ScalarCodeKernels());

    /** The vector kernels at this run's width; the Maven build always has the incubator module. */
    static final MatchTwins VECTOR = new MatchTwins("vector", Simd.loadVector(MethodHandles.lookup(),
            CodeKernels.class, "dev.anchorvec.match.VectorCodeKernels"));
}
