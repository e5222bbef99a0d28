package dev.anchorvec.anchors.fit;

import dev.anchorvec.simd.Simd;
import java.lang.invoke.MethodHandles;

/** The fitting kernels chosen for this JVM (vector or scalar), shared by the classes of this package. */
final class Fit {

    static final FitKernels KERNELS = Simd.select(MethodHandles.lookup(), FitKernels.class,
            "dev.anchorvec.anchors.fit.VectorFitKernels", ScalarFitKernels::new);

    private Fit() {}
}
