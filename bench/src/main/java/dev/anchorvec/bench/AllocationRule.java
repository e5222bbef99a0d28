package dev.anchorvec.bench;

/**
 * When a row's {@code b_per_op} means the measured operation allocates. JMH's own bookkeeping adds a roughly
 * constant number of bytes per unit of time, so a long operation shows kilobytes per op that are not the
 * kernel's: the threshold grows with the operation's time. A kernel that boxes vectors allocates far more than
 * that (hundreds of bytes per microsecond), so it is still caught.
 */
final class AllocationRule {

    /** Below this nothing is flagged: a few objects of JMH's, whatever the op time. */
    static final double FLOOR_BYTES = 1024;
    /** Allowed background allocation per microsecond of op time. */
    static final double BYTES_PER_US = 2;

    private AllocationRule() {}

    /** True if {@code bytesPerOp} exceeds both the floor and {@link #BYTES_PER_US} times the op time. */
    static boolean allocates(double bytesPerOp, double nsPerOp) {
        return bytesPerOp > FLOOR_BYTES && bytesPerOp > BYTES_PER_US * nsPerOp / 1000;
    }
}
