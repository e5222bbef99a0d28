package dev.anchorvec.adversarial;

/** How an entry point treats one of its arguments; decides what the harness snapshots and checks. */
public enum Role {
    /**
     * Read only (an input array, boxes, a scalar): never written by any call, and its floating-point values decide
     * whether the inputs are finite.
     */
    INPUT,
    /**
     * Written by a call that returns normally (an output array, boxes the call fills); untouched by a rejected
     * call; must hold only finite values after a call on finite inputs.
     */
    OUTPUT,
    /** Read and written in place (clipping boxes): an input for finiteness and an output for everything else. */
    IN_OUT;

    /** Whether a successful call may write it. */
    boolean written() {
        return this != INPUT;
    }

    /** Whether its values are inputs (decide "finite inputs"). */
    boolean read() {
        return this != OUTPUT;
    }
}
