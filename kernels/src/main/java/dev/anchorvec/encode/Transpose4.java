package dev.anchorvec.encode;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.simd.Passes;
import dev.anchorvec.simd.Scratch;
import dev.anchorvec.simd.Shapes;
import java.lang.invoke.MethodHandles;
import java.util.function.Consumer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The tiling and the row/plane transposes shared by the vector box coders: interleaved {@code [n, 4]} rows in
 * tiles of up to {@link #TILE} rows to 4 L1 scratch planes and back, each a pass of its own ({@link Passes}).
 *
 * <p>The transposes are a 4x4 transpose within groups of 4 lanes done as rotate, blend, permute: 7 permutes and
 * 12 blends per 4 vectors. Every tile holds at least one vector of rows (the last tile absorbs a short
 * remainder, see {@link #tileEnd}), and the last step of each pass moves back to end at the tile's end, so there
 * is no masked tail and tiles never overlap: a kernel that reads a whole tile before writing it may run in place.
 */
final class Transpose4 {

    private static final VectorSpecies<Float> F = Shapes.F;
    private static final int L = Shapes.FL;
    private static final int Q = L / 4;

    /** Distance between scratch planes; a tile has at most {@code TILE + L - 1 <= PLANE} rows. */
    static final int PLANE = Scratch.BLOCK / 4;
    /** Rows per tile. */
    static final int TILE = PLANE - 16;

    /** {@code E[r]}: lanes {@code l} with {@code l % 4 == r}. */
    private static final VectorMask<Float> E0 = lanes(0), E1 = lanes(1), E2 = lanes(2), E3 = lanes(3);

    // Rows to planes: rotate vector j by j within each group of 4 lanes, blend, then one permute per plane.
    private static final VectorShuffle<Float> ROT1 = shuffle(l -> 4 * (l / 4) + (l % 4 + 3) % 4);
    private static final VectorShuffle<Float> ROT2 = shuffle(l -> 4 * (l / 4) + (l % 4 + 2) % 4);
    private static final VectorShuffle<Float> ROT3 = shuffle(l -> 4 * (l / 4) + (l % 4 + 1) % 4);
    private static final VectorShuffle<Float> R0 = gatherPlane(0), R1 = gatherPlane(1), R2 = gatherPlane(2),
            R3 = gatherPlane(3);

    // Planes to rows: the inverse steps.
    private static final VectorShuffle<Float> S0 = scatterPlane(0), S1 = scatterPlane(1), S2 = scatterPlane(2),
            S3 = scatterPlane(3);
    private static final VectorShuffle<Float> BACK1 = ROT3, BACK2 = ROT2, BACK3 = ROT1;

    private static final Passes<CoderTile> PASSES = Passes.of(MethodHandles.lookup(), Transpose4.class,
            CoderTile.class, "deinterleave", "interleave", "gather");
    private static final int DEINTERLEAVE = 0, INTERLEAVE = 1, GATHER = 2;

    private Transpose4() {}

    /** End of the tile starting at {@code s}: {@link #TILE} rows, but the last tile absorbs a short remainder. */
    static int tileEnd(int s, int end) {
        return end - s < TILE + L ? end : s + TILE;
    }

    /**
     * The encode loop: per tile, {@code step} (one or more passes) turns the anchor and gt planes into {@code t}'s
     * destination planes, which go to rows {@code out[outOffset + 4 * i]} ({@code t.dst} and {@code t.out} set by
     * the caller).
     */
    static <T extends CoderTile> void encodeTiles(Consumer<T> step, T t, Boxes anchors, Boxes gt, int n,
                                                  int outOffset) {
        for (int s = 0; s < n; s = tileEnd(s, n)) {
            t.count = tileEnd(s, n) - s;
            t.first = s;
            t.anchorsAt(anchors, s);
            t.gtAt(gt, s);
            step.accept(t);
            t.outOff = outOffset + 4 * s;
            planesToRows(t);
        }
    }

    /**
     * The decode loop with one anchor per row: per tile, input rows ({@code t.src} from {@code srcOffset}, rows
     * {@code t.srcStride} apart) to code planes, {@code step} (one or more passes) to the destination planes, those
     * to rows {@code out[outOffset + 4 * i]}.
     */
    static <T extends CoderTile> void decodeTiles(Consumer<T> step, T t, Boxes anchors, int n, int srcOffset,
                                                  int outOffset) {
        for (int s = 0; s < n; s = tileEnd(s, n)) {
            t.count = tileEnd(s, n) - s;
            t.first = s;
            t.srcOff = srcOffset + s * t.srcStride;
            rowsToPlanes(t);
            t.anchorsAt(anchors, s);
            step.accept(t);
            t.outOff = outOffset + 4 * s;
            planesToRows(t);
        }
    }

    /** The tile's input rows ({@code srcStride} 4: dense; wider: the first 4 values of each row) to its code planes. */
    static void rowsToPlanes(CoderTile t) {
        PASSES.run(t.srcStride == 4 ? DEINTERLEAVE : GATHER, t);
    }

    /** The tile's destination planes to its output rows. */
    static void planesToRows(CoderTile t) {
        PASSES.run(INTERLEAVE, t);
    }

    /** Rows {@code src[srcOff ...]} to the code planes {@code codes[c * PLANE + j]}. */
    static void deinterleave(CoderTile t) {
        float[] src = t.src, codes = t.codes;
        int n = t.count, last = n - L, base = t.srcOff;
        for (int step = 0; step < n; step += L) {
            int j = Math.min(step, last);
            int o = base + 4 * j;
            FloatVector v0 = FloatVector.fromArray(F, src, o);
            FloatVector r1 = FloatVector.fromArray(F, src, o + L).rearrange(ROT1);
            FloatVector r2 = FloatVector.fromArray(F, src, o + 2 * L).rearrange(ROT2);
            FloatVector r3 = FloatVector.fromArray(F, src, o + 3 * L).rearrange(ROT3);
            v0.blend(r1, E1).blend(r2, E2).blend(r3, E3).rearrange(R0).intoArray(codes, j);
            v0.blend(r1, E2).blend(r2, E3).blend(r3, E0).rearrange(R1).intoArray(codes, PLANE + j);
            v0.blend(r1, E3).blend(r2, E0).blend(r3, E1).rearrange(R2).intoArray(codes, 2 * PLANE + j);
            v0.blend(r1, E0).blend(r2, E1).blend(r3, E2).rearrange(R3).intoArray(codes, 3 * PLANE + j);
        }
    }

    /**
     * The first 4 values of rows {@code srcStride} apart to the code planes: a strided copy (wide YOLO rows hold
     * objectness and class scores after the box), not worth a vector gather.
     */
    static void gather(CoderTile t) {
        float[] src = t.src, codes = t.codes;
        int n = t.count, stride = t.srcStride;
        for (int j = 0, o = t.srcOff; j < n; j++, o += stride) {
            codes[j] = src[o];
            codes[PLANE + j] = src[o + 1];
            codes[2 * PLANE + j] = src[o + 2];
            codes[3 * PLANE + j] = src[o + 3];
        }
    }

    /** The planes {@code dst[d0..d3 + j]} to rows {@code out[outOff ...]}. */
    static void interleave(CoderTile t) {
        float[] d = t.dst, out = t.out;
        int n = t.count, last = n - L, base = t.outOff;
        for (int step = 0; step < n; step += L) {
            int j = Math.min(step, last);
            FloatVector u0 = FloatVector.fromArray(F, d, t.d0 + j).rearrange(S0);
            FloatVector u1 = FloatVector.fromArray(F, d, t.d1 + j).rearrange(S1);
            FloatVector u2 = FloatVector.fromArray(F, d, t.d2 + j).rearrange(S2);
            FloatVector u3 = FloatVector.fromArray(F, d, t.d3 + j).rearrange(S3);
            int o = base + 4 * j;
            u0.blend(u1, E1).blend(u2, E2).blend(u3, E3).intoArray(out, o);
            u0.blend(u1, E2).blend(u2, E3).blend(u3, E0).rearrange(BACK1).intoArray(out, o + L);
            u0.blend(u1, E3).blend(u2, E0).blend(u3, E1).rearrange(BACK2).intoArray(out, o + 2 * L);
            u0.blend(u1, E0).blend(u2, E1).blend(u3, E2).rearrange(BACK3).intoArray(out, o + 3 * L);
        }
    }

    private static VectorMask<Float> lanes(int r) {
        boolean[] bits = new boolean[L];
        for (int l = 0; l < L; l++) {
            bits[l] = l % 4 == r;
        }
        return VectorMask.fromArray(F, bits, 0);
    }

    private static VectorShuffle<Float> shuffle(java.util.function.IntUnaryOperator lane) {
        int[] idx = new int[L];
        for (int l = 0; l < L; l++) {
            idx[l] = lane.applyAsInt(l);
        }
        return VectorShuffle.fromArray(F, idx, 0);
    }

    /** Plane c, lane {@code jQ + q}: blended vector lane {@code 4q + (c + j) % 4}. */
    private static VectorShuffle<Float> gatherPlane(int c) {
        return shuffle(l -> 4 * (l % Q) + (c + l / Q) % 4);
    }

    /** Plane c to blended lanes: lane {@code 4q + r} takes row vector {@code j = (r - c) mod 4}, box {@code jQ + q}. */
    private static VectorShuffle<Float> scatterPlane(int c) {
        return shuffle(l -> ((l % 4 - c + 4) % 4) * Q + l / 4);
    }
}
