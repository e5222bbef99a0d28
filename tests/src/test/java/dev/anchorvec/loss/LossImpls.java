package dev.anchorvec.loss;

import dev.anchorvec.simd.Simd;
import java.lang.invoke.MethodHandles;

/**
 * The loss kernels under test: scalar and vector (loaded directly, so every surefire run tests the vector code
 * at its width, the scalar run included).
 */
final class LossImpls {

    private LossImpls() {}

    static final FocalKernels SCALAR_FOCAL = new ScalarFocalKernels();
    static final FocalKernels VECTOR_FOCAL = Simd.loadVector(MethodHandles.lookup(), FocalKernels.class,
            "dev.anchorvec.loss.VectorFocalKernels");
    static final CrossEntropyKernels SCALAR_CE = new ScalarCrossEntropyKernels();
    static final CrossEntropyKernels VECTOR_CE = Simd.loadVector(MethodHandles.lookup(), CrossEntropyKernels.class,
            "dev.anchorvec.loss.VectorCrossEntropyKernels");
    static final RegressionKernels SCALAR_REG = new ScalarRegressionKernels();
    static final RegressionKernels VECTOR_REG = Simd.loadVector(MethodHandles.lookup(), RegressionKernels.class,
            "dev.anchorvec.loss.VectorRegressionKernels");

    static final IouLossKernels SCALAR_IOU = new ScalarIouLossKernels();
    static final IouLossKernels VECTOR_IOU = Simd.loadVector(MethodHandles.lookup(), IouLossKernels.class,
            "dev.anchorvec.loss.VectorIouLossKernels");

    /** float32 unit roundoff. */
    static final double U = 0x1p-24;
}
