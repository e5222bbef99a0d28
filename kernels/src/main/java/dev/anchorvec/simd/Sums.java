package dev.anchorvec.simd;

/**
 * Width-independent sums of float arrays, in double. Element {@code k} of the range goes to virtual lane
 * {@code k mod 16}; each lane adds its elements in order into a double starting at {@code +0.0}; the 16 lanes are
 * then combined in a fixed tree: {@code t[i] = v[i] + v[i + 8]}, {@code u[i] = t[i] + t[i + 4]},
 * {@code w[i] = u[i] + u[i + 2]}, {@code sum = w[0] + w[1]}. {@link VectorSums} computes the same additions with
 * 16 / 8 / 4 float lanes per vector (one, two or four vectors per step of 16), so a loss sum or mean has the same
 * bits at every vector width, JIT tier and CPU. Double accumulators cannot overflow for float inputs (the sum of
 * fewer than 2^31 floats stays below 2^159) and hold about 29 more bits than a float partial sum would.
 *
 * <p>Why 16 lanes: 16 is the widest float vector (512 bits), so the widest hardware runs one vector per step and
 * narrower ones unroll; a scalar machine keeps 16 independent add chains, which is also what makes the scalar sum
 * fast (no single 4-cycle add chain).
 */
public final class Sums {

    /** The number of virtual lanes. */
    public static final int LANES = 16;

    private Sums() {}

    /** The sum of {@code a[off, off + len)} in the fixed order described above. */
    public static double sum(float[] a, int off, int len) {
        double v0 = 0, v1 = 0, v2 = 0, v3 = 0, v4 = 0, v5 = 0, v6 = 0, v7 = 0;
        double v8 = 0, v9 = 0, v10 = 0, v11 = 0, v12 = 0, v13 = 0, v14 = 0, v15 = 0;
        int k = 0;
        for (; k <= len - LANES; k += LANES) {
            int i = off + k;
            v0 += a[i];
            v1 += a[i + 1];
            v2 += a[i + 2];
            v3 += a[i + 3];
            v4 += a[i + 4];
            v5 += a[i + 5];
            v6 += a[i + 6];
            v7 += a[i + 7];
            v8 += a[i + 8];
            v9 += a[i + 9];
            v10 += a[i + 10];
            v11 += a[i + 11];
            v12 += a[i + 12];
            v13 += a[i + 13];
            v14 += a[i + 14];
            v15 += a[i + 15];
        }
        // The last len mod 16 elements go to lanes 0, 1, ... in order (lanes beyond them add nothing).
        int r = len - k, i = off + k;
        v0 += r > 0 ? a[i] : 0;
        v1 += r > 1 ? a[i + 1] : 0;
        v2 += r > 2 ? a[i + 2] : 0;
        v3 += r > 3 ? a[i + 3] : 0;
        v4 += r > 4 ? a[i + 4] : 0;
        v5 += r > 5 ? a[i + 5] : 0;
        v6 += r > 6 ? a[i + 6] : 0;
        v7 += r > 7 ? a[i + 7] : 0;
        v8 += r > 8 ? a[i + 8] : 0;
        v9 += r > 9 ? a[i + 9] : 0;
        v10 += r > 10 ? a[i + 10] : 0;
        v11 += r > 11 ? a[i + 11] : 0;
        v12 += r > 12 ? a[i + 12] : 0;
        v13 += r > 13 ? a[i + 13] : 0;
        v14 += r > 14 ? a[i + 14] : 0;
        return combine(v0 + v8, v1 + v9, v2 + v10, v3 + v11, v4 + v12, v5 + v13, v6 + v14, v7 + v15);
    }

    /**
     * The last three levels of the tree from {@code t[i] = v[i] + v[i + 8]}. Adding {@code +0.0} to a lane never
     * changes it: a lane starts at {@code +0.0} and a round-to-nearest sum is {@code -0.0} only when both terms
     * are, so no lane is ever {@code -0.0}; this is what lets a vector tail add zeros in place of missing elements.
     */
    static double combine(double t0, double t1, double t2, double t3, double t4, double t5, double t6, double t7) {
        double u0 = t0 + t4, u1 = t1 + t5, u2 = t2 + t6, u3 = t3 + t7;
        double w0 = u0 + u2, w1 = u1 + u3;
        return w0 + w1;
    }
}
