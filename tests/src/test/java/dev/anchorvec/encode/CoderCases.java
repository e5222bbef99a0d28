package dev.anchorvec.encode;

import dev.anchorvec.encode.DeltaCases.Case;
import dev.anchorvec.simd.Simd;
import dev.anchorvec.testkit.Gen;
import dev.anchorvec.testkit.Shrink;
import dev.anchorvec.testkit.Sizes;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;

/** Sizes and kernels shared by the linear and YOLO coders' property tests (data comes from {@link DeltaCases}). */
final class CoderCases {

    private CoderCases() {}

    /** Tile edges of {@link Transpose4}: one tile absorbing a remainder, then two tiles, at any width up to 512. */
    static final int[] TILE_EDGES = {Transpose4.TILE - 1, Transpose4.TILE, Transpose4.TILE + 3, Transpose4.TILE + 4,
        Transpose4.TILE + 7, Transpose4.TILE + 8, Transpose4.TILE + 15, Transpose4.TILE + 16, Transpose4.TILE + 17,
        2 * Transpose4.TILE + 15, 2 * Transpose4.TILE + 16, 2 * Transpose4.TILE + 33};

    /** Lane-edge sizes most of the time, a tile-edge size one time in five; k = 1, any delta coder's data. */
    static Gen<Case> cases() {
        Gen<Integer> sizes = Sizes.laneEdges();
        Gen<Case> g = rnd -> {
            int n = rnd.nextInt(5) == 0 ? TILE_EDGES[rnd.nextInt(TILE_EDGES.length)] : sizes.generate(rnd);
            return new Case(n, 1, rnd.nextLong(), 0);
        };
        return g.withShrinker(c -> Shrink.towards(c.n(), 0).map(n -> new Case(n, 1, c.seed(), 0)));
    }

    /** The scalar kernels and, when the module is present, the vector kernels at this run's width. */
    static <T> List<T> kernels(Class<T> type, T scalar, String vectorClass) {
        List<T> out = new ArrayList<>();
        out.add(scalar);
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            out.add(Simd.loadVector(MethodHandles.lookup(), type, "dev.anchorvec.encode." + vectorClass));
        }
        return out;
    }
}
