package dev.anchorvec.boxes;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.boxes.BoxValidation.Issue;
import dev.anchorvec.boxes.BoxValidation.Problem;
import dev.anchorvec.testkit.Box;
import dev.anchorvec.testkit.BoxGen;
import dev.anchorvec.testkit.BoxList;
import dev.anchorvec.testkit.Prop;
import dev.anchorvec.testkit.Sizes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link BoxValidation} reports exactly the NaN, infinite and inverted boxes, by index, first problem first. */
class BoxValidationTest {

    static Problem expected(Box b) {
        if (Float.isNaN(b.x1()) || Float.isNaN(b.y1()) || Float.isNaN(b.x2()) || Float.isNaN(b.y2())) {
            return Problem.NAN;
        }
        if (!b.isFinite()) {
            return Problem.INFINITE;
        }
        return b.x2() < b.x1() || b.y2() < b.y1() ? Problem.INVERTED : null;
    }

    @Test
    void checkFindsExactlyTheBadBoxes() {
        Prop.forAll("validation", 300, BoxGen.all().lists(Sizes.edges(60, 0)), list -> {
            List<Issue> want = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Problem p = expected(list.get(i));
                if (p != null) {
                    want.add(new Issue(i, p));
                }
            }
            Boxes boxes = list.toBoxes();
            assertEquals(want, BoxValidation.check(boxes));
            assertEquals(want.isEmpty() ? -1 : want.get(0).index(), BoxValidation.firstInvalid(boxes, 0));
            if (want.isEmpty()) {
                assertDoesNotThrow(() -> BoxValidation.requireValid(boxes, "boxes"));
            } else {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> BoxValidation.requireValid(boxes, "detections"));
                assertTrue(e.getMessage().startsWith("detections[" + want.get(0).index() + "] is "), e.getMessage());
            }
        });
    }

    @Test
    void messageNamesTheProblemAndCountsTheRest() {
        Boxes boxes = BoxList.of(0, 0, 1, 1, 5, 0, 3, 1, Float.NaN, 0, 1, 1, 0, 0, Float.POSITIVE_INFINITY, 1)
                .toBoxes();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BoxValidation.requireValid(boxes, "gt"));
        assertEquals("gt[1] is inverted (x2 < x1 or y2 < y1): [5.0, 0.0, 3.0, 1.0] (3 bad boxes in all)",
                e.getMessage());
        assertEquals(List.of(new Issue(1, Problem.INVERTED), new Issue(2, Problem.NAN),
                new Issue(3, Problem.INFINITE)), BoxValidation.check(boxes));
        assertEquals(3, BoxValidation.firstInvalid(boxes, 3));
        assertEquals(-1, BoxValidation.firstInvalid(boxes, 4));
    }
}
