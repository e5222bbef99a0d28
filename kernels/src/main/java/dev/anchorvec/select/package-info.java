/**
 * Selecting detections: score filtering with thresholds moved into logit space
 * ({@link dev.anchorvec.select.ScoreFilter}, {@link dev.anchorvec.select.ScoreThreshold}), top-k without a full
 * sort ({@link dev.anchorvec.select.TopK}), greedy non-maximum suppression ({@link dev.anchorvec.select.Nms}) with
 * torchvision's semantics and exact per-class NMS ({@link dev.anchorvec.select.BatchedNms}), into caller arrays
 * with a reusable {@link dev.anchorvec.select.NmsWorkspace}. The detector pipelines built from them live in
 * {@code dev.anchorvec.select.pipeline}.
 */
package dev.anchorvec.select;
