/**
 * Training targets of a batch: {@link dev.anchorvec.targets.GroundTruthBatch} (the data loader's boxes, counts and
 * labels, validated and copied), {@link dev.anchorvec.targets.TargetBuilder} (match, encode, label; per image or a
 * whole batch on an executor) and {@link dev.anchorvec.targets.BatchTargets} (flat arrays a framework wraps), with a
 * {@link dev.anchorvec.targets.TargetWorkspace} per thread.
 *
 * <p>Inputs are validated when the batch and the builder are made and when a build starts, so a build either writes
 * its images completely or is rejected having written nothing (an executor that refuses a task aside: see
 * {@link dev.anchorvec.targets.TargetBuilder#buildBatch(GroundTruthBatch, BatchTargets, java.util.concurrent.Executor,
 * TargetWorkspace[], int)}); offsets are finite (saturated at
 * {@code +-Float.MAX_VALUE}); allocations are limited ({@link dev.anchorvec.targets.BatchTargets#MAX_IMAGES},
 * {@link dev.anchorvec.targets.BatchTargets#MAX_SLOTS}); a workspace serves one call at a time.
 */
package dev.anchorvec.targets;
