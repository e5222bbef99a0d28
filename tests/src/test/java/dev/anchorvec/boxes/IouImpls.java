package dev.anchorvec.boxes;

import dev.anchorvec.KernelInfo;
import dev.anchorvec.simd.Simd;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;

/**
 * The implementations of the IoU family that must all equal the reference: the public facade (whatever it
 * chose in this JVM), the scalar kernels and the vector kernels (loaded directly, so every surefire run also
 * tests vector code at that run's width, and the scalar run still tests both).
 */
final class IouImpls {

    private IouImpls() {}

    /** One implementation under test. */
    interface Impl {
        String name();

        void pairwise(IouKind kind, Boxes a, int aFrom, int aTo, Boxes b, int bFrom, int bTo, float[] out,
                      int outOffset, int rowStride);

        void aligned(IouKind kind, Boxes a, Boxes b, int from, int to, float[] out, int outOffset);

    }

    private record Facade() implements Impl {
        @Override
        public String name() {
            return "BoxIou (" + KernelInfo.summary() + ")";
        }

        @Override
        public void pairwise(IouKind kind, Boxes a, int aFrom, int aTo, Boxes b, int bFrom, int bTo, float[] out,
                             int outOffset, int rowStride) {
            BoxIou.pairwise(kind, a, aFrom, aTo, b, bFrom, bTo, out, outOffset, rowStride);
        }

        @Override
        public void aligned(IouKind kind, Boxes a, Boxes b, int from, int to, float[] out, int outOffset) {
            BoxIou.aligned(kind, a, b, from, to, out, outOffset);
        }
    }

    /** Direct calls of a kernel class; like the facade, empty ranges are not passed on. */
    private record Kernels(String name, IouKernels kernels) implements Impl {
        @Override
        public void pairwise(IouKind kind, Boxes a, int aFrom, int aTo, Boxes b, int bFrom, int bTo, float[] out,
                             int outOffset, int rowStride) {
            if (aTo > aFrom && bTo > bFrom) {
                kernels.pairwise(kind, a, aFrom, aTo, b, bFrom, bTo, out, outOffset, rowStride);
            }
        }

        @Override
        public void aligned(IouKind kind, Boxes a, Boxes b, int from, int to, float[] out, int outOffset) {
            if (to > from) {
                kernels.aligned(kind, a, b, from, to, out, outOffset);
            }
        }
    }

    private static final List<Impl> ALL = load();

    /** Facade, scalar and vector. */
    static List<Impl> all() {
        return ALL;
    }

    /** The vector kernels at this run's width ({@code Shapes.F}), loaded whatever the facade chose. */
    static IouKernels vector() {
        return Simd.loadVector(MethodHandles.lookup(), IouKernels.class, "dev.anchorvec.boxes.VectorIouKernels");
    }

    /** The vector best-match kernels at this run's width. */
    static BestMatchKernels vectorBest() {
        return Simd.loadVector(MethodHandles.lookup(), BestMatchKernels.class,
                "dev.anchorvec.boxes.VectorBestMatchKernels");
    }

    /** Whether the JVM was started with the incubator module (always in the Maven build). */
    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private static List<Impl> load() {
        List<Impl> impls = new ArrayList<>();
        impls.add(new Facade());
        impls.add(new Kernels("ScalarIouKernels", new ScalarIouKernels()));
        if (vectorModulePresent()) {
            impls.add(new Kernels("VectorIouKernels (" + vectorBitsOfShapes() + "-bit)", vector()));
        } else {
            // Only in an IDE run without --add-modules; KernelSelectionTest fails the Maven runs instead.
            System.err.println("jdk.incubator.vector not present: vector kernels not tested in this JVM");
        }
        return List.copyOf(impls);
    }

    private static int vectorBitsOfShapes() {
        return dev.anchorvec.simd.Shapes.F.vectorBitSize();
    }
}
