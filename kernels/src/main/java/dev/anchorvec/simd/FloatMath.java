package dev.anchorvec.simd;

/**
 * anchorvec's own float32 {@code exp}, {@code log}, {@code log1p} and {@code atan}: range reduction plus a minimax
 * polynomial, built only from exactly rounded IEEE operations ({@code +}, {@code -}, {@code *}, {@code /},
 * {@link Math#fma(float, float, float)}) and bit operations. {@link VectorFloatMath} performs the same operations in
 * the same order lane by lane, so a kernel gives the same bits on the scalar fallback, at every vector width, in
 * the interpreter, in C1 and in C2, and on any CPU.
 *
 * <p>Why not {@code Math.exp} or the Vector API's {@code EXP}: the lanewise {@code EXP}, {@code LOG},
 * {@code LOG1P} and {@code ATAN} are a per-lane Java fallback in the interpreter and SVML stubs once C2 has
 * compiled the loop, so a result changed when the JIT warmed up; and {@code Math.exp} may differ between CPUs (it
 * is only specified to 1 ulp). {@code StrictMath} is reproducible but scalar and slow.
 *
 * <p>Error bounds against the exact value (float64 {@code StrictMath} as the reference). The largest error was
 * measured over every float ({@code dev.anchorvec.reference.FloatMathScan} in the tests module, which also checks
 * the two properties below); {@code FloatMathTest} checks the bound on a dense sample plus the special ranges in
 * every build.
 * <table>
 * <caption>error in ulps of the exact value (ulp = float spacing at its magnitude, 2^-149 in the subnormals)</caption>
 * <tr><th>function</th><th>bound</th><th>largest over all floats</th><th>where</th></tr>
 * <tr><td>{@link #exp}</td><td>{@value #EXP_ULPS}</td><td>0.78</td><td>subnormal results (rounded twice);
 *     {@code +Inf} above {@code 88.72284}, {@code 0} below {@code -103.97208}</td></tr>
 * <tr><td>{@link #log}</td><td>{@value #LOG_ULPS}</td><td>0.90</td><td>every positive float, subnormals
 *     included</td></tr>
 * <tr><td>{@link #log1p}</td><td>{@value #LOG1P_ULPS}</td><td>0.90</td><td>every float above {@code -1}</td></tr>
 * <tr><td>{@link #atan}</td><td>{@value #ATAN_ULPS}</td><td>1.20</td><td>every float; the largest just above
 *     {@code |x| = 1}</td></tr>
 * </table>
 *
 * <p>Each function is monotone (it never decreases between neighbouring floats, checked over every float), so
 * threshold decisions made on the function's results are consistent (see {@code ScoreThreshold.minLogit}).
 *
 * <p>Special values follow {@code StrictMath}: {@code exp(NaN) = NaN}, {@code exp(+Inf) = +Inf},
 * {@code exp(-Inf) = 0}; {@code log(x < 0) = NaN}, {@code log(±0) = -Inf}, {@code log(+Inf) = +Inf};
 * {@code log1p(-1) = -Inf}, {@code log1p(x < -1) = NaN}, {@code log1p(±0) = ±0}; {@code atan(±Inf) = ±π/2} (as a
 * float), {@code atan(±0) = ±0}; NaN in, NaN out. Internal: kernels call these, users do not.
 */
public final class FloatMath {

    /** Bound of {@link #exp}, in ulps. */
    public static final double EXP_ULPS = 1.0;
    /** Bound of {@link #log}, in ulps. */
    public static final double LOG_ULPS = 1.0;
    /** Bound of {@link #log1p}, in ulps. */
    public static final double LOG1P_ULPS = 1.0;
    /** Bound of {@link #atan}, in ulps. */
    public static final double ATAN_ULPS = 1.5;

    // exp: x = n ln2 + r with |r| <= ln2/2, exp(r) = 1 + r + r^2 Q(r).
    /** Below this {@code exp} is 0 (exp(-104) is under half the smallest subnormal); the clamp keeps n small. */
    static final float EXP_MIN = -104f;
    /** Above this {@code exp} overflows (exp(89) > Float.MAX_VALUE); the clamp keeps n small. */
    static final float EXP_MAX = 89f;
    static final float INV_LN2 = 0x1.715476p0f;
    /** 1.5 * 2^23: adding it rounds to an integer, which then sits in the low mantissa bits. */
    static final float SHIFT = 0x1.8p23f;
    static final int SHIFT_BITS = Float.floatToRawIntBits(SHIFT);
    /** ln2 rounded to float, and the rest: n * LN2_HI is exact for |n| <= 150 and x - n * LN2_HI too. */
    static final float LN2_HI = 0x1.62e43p-1f;
    static final float LN2_LO = -0x1.05c61p-29f;
    /** Q(r) = E2 + E3 r + E4 r^2 + E5 r^3 + E6 r^4, minimax for the relative error of exp on |r| <= 0.354. */
    static final float E2 = 0x1.fffffcp-2f;
    static final float E3 = 0x1.555486p-3f;
    static final float E4 = 0x1.5558c2p-5f;
    static final float E5 = 0x1.124336p-7f;
    static final float E6 = 0x1.6a4cacp-10f;
    /** Exponent bias in place: {@code (n << 23) + BIAS_BITS} is the bits of 2^n for a normal 2^n. */
    static final int BIAS_BITS = 127 << 23;

    // log: x = 2^k m with m in [0.75, 1.5), f = m - 1, s = f / (2 + f), z = s^2:
    // log1p(f) = f - (f^2/2 - s (f^2/2 + R(z))) with R(z) = z (L1 + L2 z + L3 z^2 + L4 z^3) (fdlibm's
    // arrangement).
    // [0.75, 1.5) rather than fdlibm's [sqrt(1/2), sqrt(2)): with it, log1p's f = (1 + x) 2^-k - 1 is exact for
    // every k (Sterbenz), which the other interval misses for k = 1 and f < -1/4 (1.4 ulp there).
    /** Bits of 0.75f: subtracting them from x's bits puts k in the exponent field. */
    static final int THREE_QUARTERS_BITS = 0x3f400000;
    /** ln2 to 15 significant bits, so k * LN2_HI16 is exact for |k| <= 512, and the rest. */
    static final float LN2_HI16 = 0x1.62e4p-1f;
    static final float LN2_LO16 = 0x1.7f7d1cp-20f;
    /** R(z) / z, minimax for the relative error of log1p(f) on f in [-0.25, 0.5]. */
    static final float L1 = 0x1.555554p-1f;
    static final float L2 = 0x1.999c22p-2f;
    static final float L3 = 0x1.23d9f2p-2f;
    static final float L4 = 0x1.ef7998p-3f;
    static final float TWO_24 = 0x1p24f;
    static final float MIN_NORMAL = 0x1p-126f;

    // atan: t = |x| for |x| <= 1, else -1/|x| with pi/2 added back; atan(t) = t + t^3 P(t^2), P of degree 8 in
    // t^2, minimax for the relative error on [0, 1] with each coefficient refitted after rounding the previous ones
    // to float. (A finer reduction with every rounding compensated reaches 0.69 ulp but takes twice the operations,
    // more than C2 inlines into one loop.)
    static final float PI_2_HI = 0x1.921fb6p0f;
    static final float PI_2_LO = -0x1.777a5cp-25f;
    static final float A0 = -0x1.55553ep-2f;
    static final float A1 = 0x1.9991e4p-3f;
    static final float A2 = -0x1.242084p-3f;
    static final float A3 = 0x1.c08c1ap-4f;
    static final float A4 = -0x1.580814p-4f;
    static final float A5 = 0x1.da24cap-5f;
    static final float A6 = -0x1.fd6fbcp-6f;
    static final float A7 = 0x1.6410e6p-7f;
    static final float A8 = -0x1.d32dbcp-10f;

    private FloatMath() {}

    /** e^x; see the class comment for the error bound and special values. */
    public static float exp(float x) {
        float xc = x < EXP_MIN ? EXP_MIN : x;           // NaN compares false and stays NaN
        xc = xc > EXP_MAX ? EXP_MAX : xc;
        float z = Math.fma(xc, INV_LN2, SHIFT);
        float n = z - SHIFT;
        int ni = Float.floatToRawIntBits(z) - SHIFT_BITS;
        // r = rh + c: rh = x - n LN2_HI is exact, c = -n LN2_LO is tiny.
        float rh = Math.fma(n, -LN2_HI, xc);
        float c = n * -LN2_LO;
        float r = rh + c;
        float q = Math.fma(E6, r, E5);
        q = Math.fma(q, r, E4);
        q = Math.fma(q, r, E3);
        q = Math.fma(q, r, E2);
        // 1 + rh + (c + r^2 q) with the rounding error of 1 + rh recovered exactly (|1| >= |rh|), so the
        // result is rounded once, not three times.
        float hi = 1f + rh;
        float lo = ((1f - hi) + rh) + Math.fma(q, r * r, c);
        float p = hi + lo;
        // 2^n as two normal factors (n in [-150, 128]): the first product is exact, the second rounds once, also
        // into the subnormals or to +Inf.
        int n1 = ni >> 1;
        float s1 = Float.intBitsToFloat((n1 << 23) + BIAS_BITS);
        float s2 = Float.intBitsToFloat(((ni - n1) << 23) + BIAS_BITS);
        return p * s1 * s2;
    }

    /** Natural logarithm; see the class comment for the error bound and special values. */
    public static float log(float x) {
        boolean small = x < MIN_NORMAL;                   // subnormals (and 0, negatives: replaced below)
        float xs = small ? x * TWO_24 : x;
        int ix = Float.floatToRawIntBits(xs);
        int k = (ix - THREE_QUARTERS_BITS) >> 23;
        float f = Float.intBitsToFloat(ix - (k << 23)) - 1f;
        float kf = (float) (small ? k - 24 : k);
        float y = log1pCore(kf, f);
        y = x == 0f ? Float.NEGATIVE_INFINITY : y;
        y = x < 0f ? Float.NaN : y;
        return x == Float.POSITIVE_INFINITY || x != x ? x : y;
    }

    /** {@code ln(1 + x)}, accurate for tiny {@code x}; see the class comment for the bound and special values. */
    public static float log1p(float x) {
        float u = 1f + x;
        int iu = Float.floatToRawIntBits(u);
        int k = (iu - THREE_QUARTERS_BITS) >> 23;
        // f = (1 + x) 2^-k - 1 from x itself, so the rounding of 1 + x is not lost: x 2^-k and 2^-k - 1 are
        // exact for |k| <= 24, and so is their sum (Sterbenz: they are within a factor 2 of each other, or one
        // is 0). For k > 24 the rounding of u no longer matters and f comes from u's bits as in log.
        int kc = Math.min(k, 25);
        float scale = Float.intBitsToFloat(BIAS_BITS - (kc << 23));
        float fx = Math.fma(x, scale, scale - 1f);
        float fu = Float.intBitsToFloat(iu - (k << 23)) - 1f;
        float f = k > 24 ? fu : fx;
        float y = log1pCore((float) k, f);
        y = x == 0f ? x : y;                              // keeps the sign of zero
        y = x == -1f ? Float.NEGATIVE_INFINITY : y;
        y = x < -1f ? Float.NaN : y;
        return x == Float.POSITIVE_INFINITY || x != x ? x : y;
    }

    /**
     * {@link #log1p} for {@code e} in {@code [0, 1]}, bit for bit, with the work the general function needs for
     * other arguments left out: {@code 1 + e} is in {@code [1, 2]}, so {@code k} is 0 or 1 and no special value can
     * occur. The focal loss's {@code log1p(exp(-|x|))} uses it. Outside {@code [0, 1]} the result is unspecified
     * (but no exception).
     */
    public static float log1pUnit(float e) {
        boolean high = 1f + e >= 1.5f;
        float f = high ? Math.fma(e, 0.5f, -0.5f) : e;
        return log1pCore(high ? 1f : 0f, f);
    }

    /** {@code k ln2 + log1p(f)} for f in about [-0.25, 0.5]. */
    private static float log1pCore(float kf, float f) {
        float s = f / (2f + f);
        float z = s * s;
        float r = z * Math.fma(Math.fma(Math.fma(L4, z, L3), z, L2), z, L1);
        float hfsq = 0.5f * f * f;
        float lo = Math.fma(s, hfsq + r, kf * LN2_LO16);
        return kf * LN2_HI16 - ((hfsq - lo) - f);
    }

    /** Arctangent, in [-pi/2, pi/2]; see the class comment for the error bound and special values. */
    public static float atan(float x) {
        int ix = Float.floatToRawIntBits(x);
        float a = Float.intBitsToFloat(ix & 0x7fffffff);
        boolean big = a > 1f;
        float t = (big ? -1f : a) / (big ? a : 1f);
        float t2 = t * t;
        float p = Math.fma(A8, t2, A7);
        p = Math.fma(p, t2, A6);
        p = Math.fma(p, t2, A5);
        p = Math.fma(p, t2, A4);
        p = Math.fma(p, t2, A3);
        p = Math.fma(p, t2, A2);
        p = Math.fma(p, t2, A1);
        p = Math.fma(p, t2, A0);
        // pi/2 + t exactly as hi + e (|pi/2| >= |t|); pi/2's own rounding error joins the polynomial's tail.
        float tail = Math.fma(t * t2, p, big ? PI_2_LO : 0f);
        float off = big ? PI_2_HI : 0f;
        float hi = off + t;
        float r = hi + (tail + ((off - hi) + t));
        return Float.intBitsToFloat(Float.floatToRawIntBits(r) | (ix & 0x80000000));
    }
}
