package dev.anchorvec.boxes;

import dev.anchorvec.simd.Simd;
import java.lang.invoke.MethodHandles;

/**
 * One scalar and one vector instance of every kernel family of this package, loaded whatever the facades chose
 * (as {@link IouImpls} does), for the adversarial suites' twins: each facade call that returns normally is
 * repeated on both and must give the same bits.
 *
 * @param name shown in reports ({@code "scalar"}, {@code "vector"})
 */
record BoxTwins(String name, IouKernels iou, BestMatchKernels best, BoxOpsKernels ops, OverlapKernels overlap,
                TieKernels ties) {

    static final BoxTwins SCALAR = new BoxTwins("scalar", new ScalarIouKernels(), new ScalarBestMatchKernels(),
            new ScalarBoxOpsKernels(), new ScalarOverlapKernels(), new ScalarTieKernels());

    /** The vector kernels at this run's width; the Maven build always has the incubator module. */
    static final BoxTwins VECTOR = new BoxTwins("vector", vector(IouKernels.class, "VectorIouKernels"),
            vector(BestMatchKernels.class, "VectorBestMatchKernels"), vector(BoxOpsKernels.class,
            "VectorBoxOpsKernels"), vector(OverlapKernels.class, "VectorOverlapKernels"),
            vector(TieKernels.class, "VectorTieKernels"));

    private static <T> T vector(Class<T> type, String simpleName) {
        return Simd.loadVector(MethodHandles.lookup(), type, "dev.anchorvec.boxes." + simpleName);
    }

    /** Both. */
    static BoxTwins[] both() {
        return new BoxTwins[] {SCALAR, VECTOR};
    }
}
