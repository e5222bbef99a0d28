package dev.anchorvec.bench;

import java.util.Locale;

/** The progress line printed before each JMH selection runs: {@code [3/14 1m20s] NmsBench. @256-bit}. */
final class Progress {

    private Progress() {}

    static String line(int step, int steps, String what, long elapsedNs) {
        return "[" + step + "/" + steps + " " + duration(elapsedNs) + "] " + what;
    }

    /** {@code 75 s} as {@code 1m15s}. */
    static String duration(long ns) {
        long s = Math.round(ns / 1e9);
        return s < 60 ? s + "s" : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
