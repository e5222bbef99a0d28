package dev.anchorvec.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.adversarial.BoxAttacks;
import dev.anchorvec.boxes.BestIou;
import dev.anchorvec.boxes.Boxes;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link MatchWorkspace} grows only to the inputs of its calls: the block maxima stop at
 * {@link MatchWorkspace#MAX_BLOCK_MAXIMA} (the tie pass then sweeps every anchor: {@code IouTies} documents and
 * tests the same answer without them), an image
 * without gts or a matrix without predictions sizes nothing, and the up-front sizes are limited.
 */
class MatchWorkspaceTest {

    @Test
    void blockMaximaStopAtTheLimit() {
        MatchWorkspace ws = new MatchWorkspace();
        int anchors = 4096 * BestIou.BLOCK;
        int fits = MatchWorkspace.MAX_BLOCK_MAXIMA / 4096;
        ws.ensure(anchors, fits, true);
        assertNotNull(ws.blockMaxima());
        assertEquals(MatchWorkspace.MAX_BLOCK_MAXIMA, ws.blockMaxima().length);
        ws.ensure(anchors, fits + 1, true);
        assertNull(ws.blockMaxima(), "above the limit the block maxima are not kept");
        assertEquals(MatchWorkspace.MAX_BLOCK_MAXIMA, ws.blockMax.length, "and not grown");
        ws.ensure(10, 3, false);
        assertNull(ws.blockMaxima(), "the matrix form keeps none");
    }

    @Test
    void noGtSizesNothing() {
        MatchWorkspace ws = new MatchWorkspace();
        int[] codes = new int[100_000];
        Arrays.fill(codes, 5);
        int positives = MaxIouMatcher.torchvision(0.5, 0.4, true).match(BoxAttacks.ordinary(100_000, 1),
                Boxes.allocate(0), codes, 0, ws);
        assertEquals(0, positives);
        assertTrue(Arrays.stream(codes).allMatch(c -> c == MatchCodes.BACKGROUND));
        assertEquals(0, ws.bestA.length, "no per-anchor scratch for an image without boxes");
        assertEquals(100_000, ws.anchors());
        assertEquals(0, ws.bestGt(99_999));
        assertEquals(0f, ws.bestQuality(99_999));
        // A matrix without predictions does not size anything by its (unbounded) gt count.
        assertEquals(0, MaxIouMatcher.ssd(0.5).match(new float[0], 0, Integer.MAX_VALUE, 0, new int[0], 0, ws));
        assertEquals(0, ws.bestB.length);
        assertEquals(0, ws.anchors());
        // An empty matrix of 2^24 predictions: the codes only (64 MiB), no scratch.
        assertEquals(MatchCodes.MAX_ALLOCATED_CODES, MaxIouMatcher.ssd(0.5).match(new float[0], 0,
                MatchCodes.MAX_ALLOCATED_CODES).length);
        assertThrows(IllegalArgumentException.class, () -> MaxIouMatcher.ssd(0.5).match(new float[0], 0,
                MatchCodes.MAX_ALLOCATED_CODES + 1));
    }

    @Test
    void upFrontSizesAreLimited() {
        assertThrows(IllegalArgumentException.class, () -> new MatchWorkspace(Boxes.MAX_CAPACITY + 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new MatchWorkspace(1, -1));
        MatchWorkspace ws = new MatchWorkspace(300, 7);
        assertEquals(300, ws.bestA.length);
        assertEquals(2 * 7, ws.blockMax.length);
        assertEquals(0, ws.anchors(), "no match yet");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ws.bestGt(0));
        assertTrue(e.getMessage().contains("i must be in [0, 0)"), e.getMessage());
    }
}
