package dev.anchorvec.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anchorvec.simd.Simd;
import dev.anchorvec.testkit.Gen;
import dev.anchorvec.testkit.Prop;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The compaction kernels against a plain filter: scalar and vector (loaded directly, at this run's width, even
 * in the scalar run) keep exactly the unmarked candidates in order, leave everything before the first marked
 * one and outside the range untouched, and return the same end. Ranges are placed at odd offsets inside
 * planes with padding so that stores past a plane's end would show.
 */
class NmsKernelsTest {

    record Case(int from, int end, int stride, long[] bits, float[] d, int[] order) {
        @Override
        public String toString() {
            return "from " + from + ", end " + end + ", stride " + stride + ", bits " + Arrays.toString(bits);
        }
    }

    static final Gen<Case> CASES = rnd -> {
        int n = 1 + switch (rnd.nextInt(3)) {
            case 0 -> rnd.nextInt(0, 20);
            case 1 -> rnd.nextInt(20, 200);
            default -> rnd.nextInt(200, 700);
        };
        int from = rnd.nextInt(0, 9), end = from + n, stride = end + rnd.nextInt(0, 5);
        long[] bits = new long[(n + 63) >>> 6];
        double density = rnd.nextDouble();
        for (int k = 0; k < n; k++) {
            if (rnd.nextDouble() < density) {
                bits[k >>> 6] |= 1L << k;
            }
        }
        if (Arrays.stream(bits).allMatch(w -> w == 0)) {
            int k = rnd.nextInt(n);
            bits[k >>> 6] |= 1L << k;
        }
        float[] d = new float[4 * stride + 3];
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextFloat();
        }
        int[] order = new int[stride];
        for (int i = 0; i < stride; i++) {
            order[i] = rnd.nextInt();
        }
        return new Case(from, end, stride, bits, d, order);
    };

    static List<NmsKernels> kernels() {
        List<NmsKernels> out = new ArrayList<>(List.of(new ScalarNmsKernels()));
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            out.add(Simd.loadVector(MethodHandles.lookup(), NmsKernels.class, "dev.anchorvec.select.VectorNmsKernels"));
        }
        return out;
    }

    @Test
    void squeezeKeepsExactlyTheUnmarkedCandidatesInOrder() {
        List<NmsKernels> impls = kernels();
        Prop.forAll("nms squeeze", 400, CASES, c -> {
            // Expected: a plain filter of positions [from, end), planes at 3 + p * stride.
            int n = c.end() - c.from();
            List<Integer> survivors = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                if ((c.bits()[k >>> 6] >>> k & 1) == 0) {
                    survivors.add(c.from() + k);
                }
            }
            int newEnd = c.from() + survivors.size();
            for (NmsKernels impl : impls) {
                float[] d = c.d().clone();
                int[] order = c.order().clone();
                int s = c.stride();
                int got = impl.squeeze(d, 3, 3 + s, 3 + 2 * s, 3 + 3 * s, order, c.from(), c.end(), c.bits());
                String name = impl.getClass().getSimpleName();
                assertEquals(newEnd, got, name);
                // Survivors packed from `from` on; positions [newEnd, end) of each plane are unspecified;
                // everything else (before `from`, past `end`, padding) unchanged.
                float[] wantD = c.d().clone();
                int[] wantOrder = c.order().clone();
                for (int j = 0; j < survivors.size(); j++) {
                    int src = survivors.get(j), dst = c.from() + j;
                    wantOrder[dst] = c.order()[src];
                    for (int p = 0; p < 4; p++) {
                        wantD[3 + p * s + dst] = c.d()[3 + p * s + src];
                    }
                }
                for (int i = newEnd; i < c.end(); i++) {
                    wantOrder[i] = order[i];
                    for (int p = 0; p < 4; p++) {
                        wantD[3 + p * s + i] = d[3 + p * s + i];
                    }
                }
                assertArrayEquals(wantOrder, order, name + " order");
                assertArrayEquals(wantD, d, name + " planes");
            }
        });
    }
}
