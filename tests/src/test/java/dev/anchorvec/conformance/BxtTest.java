package dev.anchorvec.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BxtTest {

    private static final float NEG_QUIET_NAN = Float.intBitsToFloat(0xFFC00000);

    private static final List<BxtArray> ENTRIES = List.of(
            BxtBytes.string("op", "iou_family"),
            BxtBytes.string("id", "µ-case"),
            new BxtArray("boxes", BxtType.F32, new int[] {2, 3},
                    new float[] {0, -0f, 1.5f, NEG_QUIET_NAN, 1e-45f, 3}),
            new BxtArray("scalar", BxtType.F64, new int[] {1}, new double[] {1e-7}),
            new BxtArray("keep", BxtType.I32, new int[] {2}, new int[] {-1, Integer.MAX_VALUE}),
            new BxtArray("empty", BxtType.I64, new int[] {0, 4}, new long[0]),
            new BxtArray("flag", BxtType.U8, new int[] {3}, new byte[] {0, 1, (byte) 255}));

    @Test
    void roundTripsPlainAndGzipped(@TempDir Path dir) throws IOException {
        byte[] plain = BxtBytes.of(ENTRIES);
        assertMatches(Bxt.parse(plain, "plain"));
        assertMatches(Bxt.parse(BxtBytes.gzip(plain), "gz"));
        // A listed "x.bxt" that exists only as "x.bxt.gz" is found.
        Files.write(dir.resolve("case.bxt.gz"), BxtBytes.gzip(plain));
        Bxt read = Bxt.read(dir.resolve("case.bxt"));
        assertMatches(read);
        assertTrue(read.source().endsWith("case.bxt.gz"), read.source());
    }

    private static void assertMatches(Bxt bxt) {
        assertEquals(List.of("op", "id", "boxes", "scalar", "keep", "empty", "flag"),
                List.copyOf(bxt.arrays().keySet()));
        assertEquals("iou_family", bxt.string("op"));
        assertEquals("µ-case", bxt.string("id"));
        assertArrayEquals(new int[] {2, 3}, bxt.array("boxes").shape());
        float[] boxes = bxt.floats("boxes");
        // Exact bits, including the sign of zero and the NaN payload.
        for (int i = 0; i < boxes.length; i++) {
            float want = ((float[]) ENTRIES.get(2).data())[i];
            assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(boxes[i]), "boxes[" + i + "]");
        }
        assertArrayEquals(new double[] {1e-7}, bxt.doubles("scalar"));
        assertArrayEquals(new int[] {-1, Integer.MAX_VALUE}, bxt.ints("keep"));
        assertArrayEquals(new int[] {0, 4}, bxt.array("empty").shape());
        assertEquals(0, bxt.longs("empty").length);
        assertEquals(255, Byte.toUnsignedInt(bxt.bytes("flag")[2]));
    }

    @Test
    void malformedInputNamesTheProblem() {
        byte[] good = BxtBytes.of(ENTRIES);
        assertFails("bad magic", "BXT2".getBytes());
        byte[] magic = good.clone();
        magic[3] = '2';
        assertFails("bad magic", magic);
        assertFails("entry #6 'flag': truncated data: needs 3 bytes, 1 left", Arrays.copyOf(good, good.length - 2));
        assertFails("entry #0: truncated header", Arrays.copyOf(good, 10));
        assertFails("2 trailing bytes", Arrays.copyOf(good, good.length + 2));
        byte[] dtype = good.clone();
        dtype[4 + 4 + 2 + 2] = 9; // first entry: magic, count, name length, "op", then the dtype byte
        assertFails("entry #0 'op': unknown dtype 9", dtype);
        byte[] gz = BxtBytes.gzip(good);
        assertFails("corrupt gzip data", Arrays.copyOf(gz, gz.length / 2));
    }

    @Test
    void wrongLookupsNameTheEntry() throws IOException {
        Bxt bxt = Bxt.parse(BxtBytes.of(ENTRIES), "case.bxt");
        assertMessage("case.bxt: no entry 'iou'",
                assertThrows(IllegalArgumentException.class, () -> bxt.floats("iou")));
        assertMessage("case.bxt: entry 'scalar' is F64, expected F32",
                assertThrows(IllegalArgumentException.class, () -> bxt.floats("scalar")));
        assertMessage("case.bxt: entry 'boxes' has shape [2, 3], expected [3, 2]",
                assertThrows(IllegalArgumentException.class, () -> bxt.array("boxes", BxtType.F32, new int[] {3, 2})));
    }

    private static void assertFails(String expected, byte[] bytes) {
        assertMessage("bad.bxt: " + expected, assertThrows(IOException.class, () -> Bxt.parse(bytes, "bad.bxt")));
    }

    private static void assertMessage(String expectedStart, Exception e) {
        assertTrue(e.getMessage().startsWith(expectedStart),
                () -> "message '" + e.getMessage() + "' should start with '" + expectedStart + "'");
    }
}
