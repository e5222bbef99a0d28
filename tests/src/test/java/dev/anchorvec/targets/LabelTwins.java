package dev.anchorvec.targets;

import dev.anchorvec.simd.Simd;
import java.lang.invoke.MethodHandles;

/**
 * The scalar and the vector label kernels of {@link TargetBuilder}, loaded whatever the facade chose, for the
 * adversarial suite's twins: each build that returns normally is repeated through the package-private forms on
 * both and must give the same targets, bit for bit.
 *
 * @param name shown in reports
 */
record LabelTwins(String name, LabelKernels labels) {

    static final LabelTwins SCALAR = new LabelTwins("scalar", new ScalarLabelKernels());

    /** The vector kernels at this run's width; the Maven build always has the incubator module. */
    static final LabelTwins VECTOR = new LabelTwins("vector", Simd.loadVector(MethodHandles.lookup(),
            LabelKernels.class, "dev.anchorvec.targets.VectorLabelKernels"));
}
