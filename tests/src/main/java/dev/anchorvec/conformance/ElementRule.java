package dev.anchorvec.conformance;

/**
 * The acceptance rule for the elements of one output, stated once ({@link #text()}) so that failure messages
 * carry it.
 */
public interface ElementRule {

    /** The rule in words, for failure messages. */
    String text();

    /** Whether {@code actual} is acceptable at flat index {@code i}. */
    boolean accepts(int i, float actual);

    /** What was expected at flat index {@code i}: the reference value(s) and any tolerance. */
    String expected(int i);
}
