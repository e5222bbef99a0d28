/**
 * Matching anchors (predictions, priors) to ground truth: the max-IoU matcher with the torchvision,
 * detectron2, mmdet and SSD rules ({@link dev.anchorvec.match.MaxIouMatcher}), mmdet's
 * {@link dev.anchorvec.match.MmdetMaxIouAssigner} with ignore regions, TF's
 * {@link dev.anchorvec.match.ArgMaxMatcher}, {@link dev.anchorvec.match.AtssAssigner} and
 * {@link dev.anchorvec.match.Yolov5Matcher}. Results are per-anchor codes: a gt index, or
 * {@link dev.anchorvec.match.MatchCodes#BACKGROUND} / {@link dev.anchorvec.match.MatchCodes#IGNORE}.
 */
package dev.anchorvec.match;
