package dev.anchorvec.testkit;

/**
 * Two box sets of one case: {@code a} and {@code b} of a pairwise kernel (any sizes), or the two sides of an
 * aligned kernel ({@code a[i]} against {@code b[i]}, equal sizes) when made by {@link BoxGen#aligned}.
 */
public record BoxPair(BoxList a, BoxList b) {

    /** True when every coordinate of both sets is finite. */
    public boolean isFinite() {
        return a.isFinite() && b.isFinite();
    }

    @Override
    public String toString() {
        return "a = " + a + "\n    b = " + b;
    }
}
