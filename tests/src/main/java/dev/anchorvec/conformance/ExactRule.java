package dev.anchorvec.conformance;

/**
 * Bit-exact agreement with a peer's float32 output ({@link Float#floatToRawIntBits}, so {@code -0.0} and
 * {@code 0.0} differ), for outputs that anchorvec reproduces by repeating the peer's order of operations.
 */
public final class ExactRule implements ElementRule {

    private final float[] expected;
    private final String peer;

    /** Expects {@code expected}, produced by {@code peer} (named in messages). */
    public ExactRule(float[] expected, String peer) {
        this.expected = expected;
        this.peer = peer;
    }

    @Override
    public String text() {
        return "bit-exact with " + peer + " float32 (same bits, -0.0 != 0.0)";
    }

    @Override
    public boolean accepts(int i, float actual) {
        return Float.floatToRawIntBits(actual) == Float.floatToRawIntBits(expected[i]);
    }

    @Override
    public String expected(int i) {
        return Float.toString(expected[i]);
    }
}
