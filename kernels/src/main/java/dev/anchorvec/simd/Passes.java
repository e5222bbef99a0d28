package dev.anchorvec.simd;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Calls the passes of a multi-pass vector kernel so that C2 compiles each pass on its own.
 *
 * <p>C2 stops inlining once a compilation has created about 18000 IR nodes ({@code NodeCountInliningCutoff},
 * not settable in product JVMs), and the Vector API needs many nodes per operation before its intrinsics
 * collapse them: one loop body of ~30-45 vector operations fits, two do not. A vector operation left out of
 * line is boxed on the heap, which costs 10x and allocates. A kernel whose formula is longer than one body
 * (GIoU, DIoU, CIoU) is therefore split into passes that hand intermediates over through L1-resident scratch,
 * and each pass must be its own compilation root: called directly from a hot loop, two small passes would be
 * inlined into the caller together. A {@link MethodHandle} that is not a compile-time constant (it is read
 * from an array) is never inlined, so calling passes through this class keeps them apart, at the cost of one
 * indirect call per pass and tile.
 */
public final class Passes<T> {

    private final MethodHandle[] passes;

    private Passes(MethodHandle[] passes) {
        this.passes = passes;
    }

    /**
     * Looks up {@code static void name(T)} methods of {@code owner}; pass {@code k} is {@code names[k]}.
     *
     * @throws IllegalStateException if a method is missing (a programming error)
     */
    public static <T> Passes<T> of(MethodHandles.Lookup lookup, Class<?> owner, Class<T> arg, String... names) {
        MethodType type = MethodType.methodType(void.class, arg);
        MethodHandle[] handles = new MethodHandle[names.length];
        try {
            for (int k = 0; k < names.length; k++) {
                handles[k] = lookup.findStatic(owner, names[k], type).asType(
                        MethodType.methodType(void.class, Object.class));
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("missing pass in " + owner.getName(), e);
        }
        return new Passes<>(handles);
    }

    /** Runs pass {@code k} on {@code state}. */
    public void run(int k, T state) {
        try {
            passes[k].invokeExact((Object) state);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
