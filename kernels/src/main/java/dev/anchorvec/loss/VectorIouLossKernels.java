package dev.anchorvec.loss;

import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LT;

import dev.anchorvec.simd.Passes;
import dev.anchorvec.simd.Shapes;
import java.lang.invoke.MethodHandles;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link IouLossKernels}.
 *
 * <p>The positive pairs are collected into tiles of {@link #T} (their anchor indices, in anchor order), so the
 * work follows the number of positives: a detector has a few percent of them. Each tile's eight coordinates are
 * gathered into planar scratch with the index map {@code 4a + c} (one gather per coordinate; the tiles are not
 * contiguous rows, so the shuffle transpose of the box coder does not apply), padded to whole vectors by
 * repeating the last pair. The formula then runs as passes over the tile called through {@link Passes}, each one
 * loop body within C2's node budget: the overlap and IoU value, the IoU gradient, then the GIoU or DIoU value and
 * gradient, CIoU's angles and aspect term. The gradient passes are written once per axis (x: coordinates 0 and
 * 2, y: 1 and 3) and run twice with the axis' plane offsets. A scalar pass writes the results back.
 *
 * <p>Values and gradients repeat {@link IouLossMath#pair}'s float operations in its order (gradients in a form
 * without squared denominators, e.g. {@code (iou (dA - dI) - dI) / (union + eps)}), so losses, gradients and their
 * sum are bit-identical with the scalar code. CIoU's angles stay scalar (anchorvec's {@code FloatMath.atan}, one
 * pass of 2 calls per pair).
 */
final class VectorIouLossKernels implements IouLossKernels {

    private static final VectorSpecies<Float> F = Shapes.F;
    private static final int L = Shapes.FL;
    /** Pairs per tile: the 31 planes take 31 KiB, a pass touches 10 to 16 of them. */
    static final int T = 256;

    // Plane offsets in Tile.w. Axis-paired planes differ by the axis (0 = x, 1 = y).
    private static final int X1 = 0, X2 = 2 * T, GX1 = 4 * T, GX2 = 6 * T;
    private static final int IW = 8 * T, IH = 9 * T, WP = 10 * T, HP = 11 * T;
    private static final int INTER = 12 * T, UNION = 13 * T, IOU = 14 * T, LOSS = 15 * T;
    private static final int G_LO = 16 * T, G_HI = 18 * T, U_LO = 20 * T, U_HI = 22 * T;
    private static final int CW = 24 * T, CH = 25 * T;
    /** GIoU: {@code (area_c - union) / (area_c + eps)} and {@code area_c + eps}; DIoU: dist / diag and diag. */
    private static final int R = 26 * T, DEN_C = 27 * T;
    private static final int DX = 28 * T, DIFF = 30 * T, PLANES = 31 * T;

    private static final float EPS = IouLossMath.EPS;
    private static final float K = IouLossMath.FOUR_OVER_PI2;

    private static final int GATHER = 0, OVERLAP = 1, IOU_GRAD = 2, GIOU_VALUE = 3, GIOU_GRAD = 4, DIOU_VALUE = 5,
            DIOU_GRAD = 6, CIOU_ANGLES = 7, CIOU_FINISH = 8;
    private static final Passes<Tile> PASSES = Passes.of(MethodHandles.lookup(), VectorIouLossKernels.class,
            Tile.class, "gather", "overlap", "iouGrad", "giouValue", "giouGrad", "diouValue", "diouGrad",
            "ciouAngles", "ciouFinish");

    private static final ThreadLocal<Tile> TILES = ThreadLocal.withInitial(Tile::new);

    /** One thread's tile: planes, the pairs' anchor indices and gather map, the inputs. Reused across calls. */
    static final class Tile {
        final float[] w = new float[PLANES];
        final int[] anchors = new int[T];
        final int[] map = new int[T];
        float[] pred, target;
        /** Pairs in the tile and that count rounded up to whole vectors. */
        int count, lanes;
        /** 0 for the x coordinates (0 and 2), 1 for y (1 and 3). */
        int axis;
    }

    @Override
    public double run(int kind, float[] pred, float[] target, int[] matches, int n, float[] loss, float[] grad,
                      float gradScale) {
        // Zero everything first; the positive pairs overwrite their entries below.
        if (loss != null) {
            Arrays.fill(loss, 0, n, 0f);
        }
        if (grad != null) {
            Arrays.fill(grad, 0, 4 * n, 0f);
        }
        Tile t = TILES.get();
        t.pred = pred;
        t.target = target;
        double sum = 0;
        int a = 0;
        while (a < n) {
            a = collect(t, matches, a, n);
            if (t.count > 0) {
                compute(kind, t, grad != null);
                sum = store(t, loss, grad, gradScale, sum);
            }
        }
        t.pred = null;
        t.target = null;
        return sum;
    }

    /** Fills the tile with the next up to T positive anchors from {@code a}; returns where the scan stopped. */
    private static int collect(Tile t, int[] matches, int a, int n) {
        int[] anchors = t.anchors, map = t.map;
        int count = 0;
        for (; a < n && count < T; a++) {
            anchors[count] = a;
            map[count] = 4 * a;
            count += matches[a] >= 0 ? 1 : 0;
        }
        t.count = count;
        t.lanes = (count + L - 1) / L * L;
        for (int j = count; j < t.lanes; j++) {
            map[j] = map[count - 1];
        }
        return a;
    }

    private static void compute(int kind, Tile t, boolean gradient) {
        PASSES.run(GATHER, t);
        PASSES.run(OVERLAP, t);
        if (gradient) {
            axes(IOU_GRAD, t);
        }
        if (kind == IouLossMath.GIOU) {
            PASSES.run(GIOU_VALUE, t);
            if (gradient) {
                axes(GIOU_GRAD, t);
            }
        } else if (kind >= IouLossMath.DIOU) {
            PASSES.run(DIOU_VALUE, t);
            if (gradient) {
                axes(DIOU_GRAD, t);
            }
            if (kind == IouLossMath.CIOU) {
                PASSES.run(CIOU_ANGLES, t);
                PASSES.run(CIOU_FINISH, t);
            }
        }
    }

    private static void axes(int pass, Tile t) {
        t.axis = 0;
        PASSES.run(pass, t);
        t.axis = 1;
        PASSES.run(pass, t);
    }

    /**
     * Writes the tile's losses and scaled gradients to their anchors; returns {@code sum} plus the losses, added
     * one by one in anchor order as the scalar code does (skipped zeros do not change a double sum).
     */
    private static double store(Tile t, float[] loss, float[] grad, float gradScale, double sum) {
        float[] w = t.w;
        int[] anchors = t.anchors;
        for (int j = 0; j < t.count; j++) {
            float l = w[LOSS + j];
            int a = anchors[j];
            if (loss != null) {
                loss[a] = l;
            }
            if (grad != null) {
                grad[4 * a] = w[G_LO + j] * gradScale;
                grad[4 * a + 1] = w[G_LO + T + j] * gradScale;
                grad[4 * a + 2] = w[G_HI + j] * gradScale;
                grad[4 * a + 3] = w[G_HI + T + j] * gradScale;
            }
            sum += l;
        }
        return sum;
    }

    private static FloatVector load(float[] w, int plane, int j) {
        return FloatVector.fromArray(F, w, plane + j);
    }

    static void gather(Tile t) {
        float[] w = t.w, p = t.pred, g = t.target;
        int[] map = t.map;
        for (int j = 0; j < t.lanes; j += L) {
            for (int c = 0; c < 4; c++) {
                FloatVector.fromArray(F, p, c, map, j).intoArray(w, c * T + j);
                FloatVector.fromArray(F, g, c, map, j).intoArray(w, (4 + c) * T + j);
            }
        }
    }

    /** Intersection, areas, union, IoU and the IoU loss {@code 1 - iou}, as {@link IouLossMath#pair}. */
    static void overlap(Tile t) {
        float[] w = t.w;
        FloatVector zero = FloatVector.zero(F), one = FloatVector.broadcast(F, 1f);
        for (int j = 0; j < t.lanes; j += L) {
            FloatVector x1 = load(w, X1, j), y1 = load(w, X1 + T, j), x2 = load(w, X2, j), y2 = load(w, X2 + T, j);
            FloatVector gx1 = load(w, GX1, j), gy1 = load(w, GX1 + T, j);
            FloatVector gx2 = load(w, GX2, j), gy2 = load(w, GX2 + T, j);
            FloatVector xk1 = x1.max(gx1), yk1 = y1.max(gy1), xk2 = x2.min(gx2), yk2 = y2.min(gy2);
            VectorMask<Float> overlap = yk2.compare(GT, yk1).and(xk2.compare(GT, xk1));
            FloatVector iw = zero.blend(xk2.sub(xk1), overlap), ih = zero.blend(yk2.sub(yk1), overlap);
            FloatVector inter = iw.mul(ih);
            FloatVector wp = x2.sub(x1), hp = y2.sub(y1);
            FloatVector union = wp.mul(hp).add(gx2.sub(gx1).mul(gy2.sub(gy1))).sub(inter);
            FloatVector iou = zero.blend(inter.div(union.add(EPS)), inter.compare(GT, 0f));
            iw.intoArray(w, IW + j);
            ih.intoArray(w, IH + j);
            wp.intoArray(w, WP + j);
            hp.intoArray(w, HP + j);
            inter.intoArray(w, INTER + j);
            union.intoArray(w, UNION + j);
            iou.intoArray(w, IOU + j);
            one.sub(iou).intoArray(w, LOSS + j);
        }
    }

    /**
     * IoU gradient of one axis: {@code (iou (dA - dI) - dI) / (union + eps)} where the intersection is positive;
     * keeps {@code dA - dI} for GIoU.
     */
    static void iouGrad(Tile t) {
        float[] w = t.w;
        int ax = t.axis, lo = X1 + ax * T, hi = X2 + ax * T, glo = GX1 + ax * T, ghi = GX2 + ax * T;
        // The other axis' extents: d(inter)/dx1 = -ih, d(area)/dx1 = -hp.
        int iOther = IH - ax * T, aOther = HP - ax * T;
        int gLo = G_LO + ax * T, gHi = G_HI + ax * T, uLo = U_LO + ax * T, uHi = U_HI + ax * T;
        FloatVector zero = FloatVector.zero(F);
        for (int j = 0; j < t.lanes; j += L) {
            FloatVector io = load(w, iOther, j), ao = load(w, aOther, j);
            FloatVector dILo = zero.blend(io.neg(), load(w, lo, j).compare(GT, load(w, glo, j)));
            FloatVector dIHi = zero.blend(io, load(w, hi, j).compare(LT, load(w, ghi, j)));
            FloatVector uL = ao.neg().sub(dILo), uH = ao.sub(dIHi);
            FloatVector iou = load(w, IOU, j), den = load(w, UNION, j).add(EPS);
            VectorMask<Float> positive = load(w, INTER, j).compare(GT, 0f);
            zero.blend(iou.mul(uL).sub(dILo).div(den), positive).intoArray(w, gLo + j);
            zero.blend(iou.mul(uH).sub(dIHi).div(den), positive).intoArray(w, gHi + j);
            uL.intoArray(w, uLo + j);
            uH.intoArray(w, uHi + j);
        }
    }

    /** Enclosing box, {@code r = (area_c - union) / (area_c + eps)} and the GIoU loss {@code 1 - (iou - r)}. */
    static void giouValue(Tile t) {
        float[] w = t.w;
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int j = 0; j < t.lanes; j += L) {
            FloatVector cw = load(w, X2, j).max(load(w, GX2, j)).sub(load(w, X1, j).min(load(w, GX1, j)));
            FloatVector ch = load(w, X2 + T, j).max(load(w, GX2 + T, j))
                    .sub(load(w, X1 + T, j).min(load(w, GX1 + T, j)));
            FloatVector areaC = cw.mul(ch), denC = areaC.add(EPS);
            FloatVector r = areaC.sub(load(w, UNION, j)).div(denC);
            FloatVector loss = one.sub(load(w, IOU, j).sub(r));
            load(w, LOSS, j).blend(loss, denC.compare(GT, 0f)).intoArray(w, LOSS + j);
            cw.intoArray(w, CW + j);
            ch.intoArray(w, CH + j);
            r.intoArray(w, R + j);
            denC.intoArray(w, DEN_C + j);
        }
    }

    /** Adds GIoU's enclosing term of one axis: {@code (dc (1 - r) - (dA - dI)) / (area_c + eps)}. */
    static void giouGrad(Tile t) {
        float[] w = t.w;
        int ax = t.axis, lo = X1 + ax * T, hi = X2 + ax * T, glo = GX1 + ax * T, ghi = GX2 + ax * T;
        int cOther = CH - ax * T;
        int gLo = G_LO + ax * T, gHi = G_HI + ax * T, uLo = U_LO + ax * T, uHi = U_HI + ax * T;
        FloatVector zero = FloatVector.zero(F);
        for (int j = 0; j < t.lanes; j += L) {
            FloatVector co = load(w, cOther, j);
            FloatVector cLo = zero.blend(co.neg(), load(w, lo, j).compare(LT, load(w, glo, j)));
            FloatVector cHi = zero.blend(co, load(w, hi, j).compare(GT, load(w, ghi, j)));
            FloatVector keep = FloatVector.broadcast(F, 1f).sub(load(w, R, j)), denC = load(w, DEN_C, j);
            VectorMask<Float> valid = denC.compare(GT, 0f);
            FloatVector addLo = zero.blend(cLo.mul(keep).sub(load(w, uLo, j)).div(denC), valid);
            FloatVector addHi = zero.blend(cHi.mul(keep).sub(load(w, uHi, j)).div(denC), valid);
            load(w, gLo, j).add(addLo).intoArray(w, gLo + j);
            load(w, gHi, j).add(addHi).intoArray(w, gHi + j);
        }
    }

    /** Enclosing diagonal, centre distance and the DIoU loss {@code 1 - iou + dist / diag}. */
    static void diouValue(Tile t) {
        float[] w = t.w;
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int j = 0; j < t.lanes; j += L) {
            FloatVector x1 = load(w, X1, j), y1 = load(w, X1 + T, j), x2 = load(w, X2, j), y2 = load(w, X2 + T, j);
            FloatVector gx1 = load(w, GX1, j), gy1 = load(w, GX1 + T, j);
            FloatVector gx2 = load(w, GX2, j), gy2 = load(w, GX2 + T, j);
            FloatVector cw = x2.max(gx2).sub(x1.min(gx1)), ch = y2.max(gy2).sub(y1.min(gy1));
            FloatVector diag = cw.mul(cw).add(ch.mul(ch)).add(EPS);
            FloatVector dx = x2.add(x1).mul(0.5f).sub(gx1.add(gx2).mul(0.5f));
            FloatVector dy = y2.add(y1).mul(0.5f).sub(gy1.add(gy2).mul(0.5f));
            FloatVector q = dx.mul(dx).add(dy.mul(dy)).div(diag);
            one.sub(load(w, IOU, j)).add(q).intoArray(w, LOSS + j);
            cw.intoArray(w, CW + j);
            ch.intoArray(w, CH + j);
            q.intoArray(w, R + j);
            diag.intoArray(w, DEN_C + j);
            dx.intoArray(w, DX + j);
            dy.intoArray(w, DX + T + j);
        }
    }

    /** Adds DIoU's distance term of one axis: {@code (dx - (dist / diag) 2 cw dcw) / diag}. */
    static void diouGrad(Tile t) {
        float[] w = t.w;
        int ax = t.axis, lo = X1 + ax * T, hi = X2 + ax * T, glo = GX1 + ax * T, ghi = GX2 + ax * T;
        int c = CW + ax * T, d = DX + ax * T;
        int gLo = G_LO + ax * T, gHi = G_HI + ax * T;
        FloatVector zero = FloatVector.zero(F);
        for (int j = 0; j < t.lanes; j += L) {
            FloatVector m = load(w, R, j).mul(load(w, c, j).mul(2f));
            FloatVector diag = load(w, DEN_C, j), dd = load(w, d, j);
            FloatVector addLo = dd.add(zero.blend(m, load(w, lo, j).compare(LT, load(w, glo, j)))).div(diag);
            FloatVector addHi = dd.sub(zero.blend(m, load(w, hi, j).compare(GT, load(w, ghi, j)))).div(diag);
            load(w, gLo, j).add(addLo).intoArray(w, gLo + j);
            load(w, gHi, j).add(addHi).intoArray(w, gHi + j);
        }
    }

    /** CIoU's angle difference {@code atan(wg / hg) - atan(wp / hp)}, scalar for the scalar code's bits. */
    static void ciouAngles(Tile t) {
        float[] w = t.w;
        for (int j = 0; j < t.count; j++) {
            float wg = w[GX2 + j] - w[GX1 + j], hg = w[GX2 + T + j] - w[GX1 + T + j];
            w[DIFF + j] = IouLossMath.atanRatio(wg, hg) - IouLossMath.atanRatio(w[WP + j], w[HP + j]);
        }
    }

    /** CIoU's aspect term {@code alpha v} and its gradient, {@code alpha} held constant. */
    static void ciouFinish(Tile t) {
        float[] w = t.w;
        FloatVector zero = FloatVector.zero(F), one = FloatVector.broadcast(F, 1f);
        for (int j = 0; j < t.lanes; j += L) {
            FloatVector diff = load(w, DIFF, j), wp = load(w, WP, j), hp = load(w, HP, j);
            FloatVector v = diff.mul(diff).mul(K);
            FloatVector alpha = v.div(one.sub(load(w, IOU, j)).add(v).add(EPS));
            load(w, LOSS, j).add(alpha.mul(v)).intoArray(w, LOSS + j);
            FloatVector r2 = wp.mul(wp).add(hp.mul(hp));
            FloatVector k = zero.blend(alpha.mul(2 * K).mul(diff).div(r2), r2.compare(GT, 0f));
            FloatVector kh = k.mul(hp), kw = k.mul(wp);
            load(w, G_LO, j).add(kh).intoArray(w, G_LO + j);
            load(w, G_HI, j).sub(kh).intoArray(w, G_HI + j);
            load(w, G_LO + T, j).sub(kw).intoArray(w, G_LO + T + j);
            load(w, G_HI + T, j).add(kw).intoArray(w, G_HI + T + j);
        }
    }
}
