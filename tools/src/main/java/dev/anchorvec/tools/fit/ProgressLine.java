package dev.anchorvec.tools.fit;

import dev.anchorvec.anchors.fit.AnchorMetrics;
import dev.anchorvec.anchors.fit.AnchorEvolution;
import java.io.PrintStream;
import java.util.Locale;

/**
 * One status line on a terminal's stderr, rewritten in place with a carriage return, at most every 200 ms, and
 * erased at the end. Disabled (prints nothing) when stderr is not a terminal or with {@code --quiet}.
 */
final class ProgressLine implements AnchorEvolution.Progress {

    private static final long INTERVAL_NANOS = 200_000_000L;

    private final PrintStream err;
    private final boolean enabled;
    private long last = System.nanoTime() - INTERVAL_NANOS;
    private int width;

    ProgressLine(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /** Shows {@code text} now. */
    void show(String text) {
        if (!enabled) {
            return;
        }
        String line = text.length() > 100 ? text.substring(0, 100) : text;
        err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        err.flush();
        width = line.length();
        last = System.nanoTime();
    }

    @Override
    public void after(int generation, int of, AnchorMetrics.Evaluation best) {
        if (enabled && (generation == of || System.nanoTime() - last >= INTERVAL_NANOS)) {
            show(String.format(Locale.ROOT, "evolving: generation %d/%d  BPR %.4f  fitness %.4f  mean IoU %.4f",
                    generation, of, best.bpr(), best.fitness(), best.meanBestIou()));
        }
    }

    /** Erases the line. */
    void clear() {
        if (enabled && width > 0) {
            err.print("\r" + " ".repeat(width) + "\r");
            err.flush();
            width = 0;
        }
    }
}
