package dev.anchorvec.simd;

import jdk.incubator.vector.FloatVector;

/** The CPU's preferred vector width. Loaded reflectively by {@link Simd} after the module check. */
final class PreferredShape {

    private PreferredShape() {}

    static int preferredBits() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }
}
