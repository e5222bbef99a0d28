package dev.anchorvec;

/**
 * One named part of {@link KernelDigest}'s workload: the calls of one kernel family (or of one pipeline), fed
 * from seeded {@link DigestInputs}, with every output mixed into a {@link DigestHash}.
 *
 * @param name     {@code package.family}, for example {@code boxes.iou}; unique, and the key of the digest
 * @param workload the calls
 */
record DigestFamily(String name, Workload workload) {

    /** The calls of a family. */
    @FunctionalInterface
    interface Workload {
        /** Runs the calls on inputs drawn from {@code in} and mixes every output into {@code out}. */
        void run(DigestInputs in, DigestHash out);
    }
}
