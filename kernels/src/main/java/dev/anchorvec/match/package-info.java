/**
 * Matching anchors (predictions, priors) to ground truth: the max-IoU matcher with the torchvision,
 * detectron2, mmdet and SSD rules ({@link dev.anchorvec.match.MaxIouMatcher}), mmdet's
 * {@link dev.anchorvec.match.MmdetMaxIouAssigner} with ignore regions, TF's
 * {@link dev.anchorvec.match.ArgMaxMatcher}, {@link dev.anchorvec.match.AtssAssigner} and
 * {@link dev.anchorvec.match.Yolov5Matcher}. Results are per-anchor codes: a gt index, or
 * {@link dev.anchorvec.match.MatchCodes#BACKGROUND} / {@link dev.anchorvec.match.MatchCodes#IGNORE}.
 *
 * <p>Every entry point validates its arguments before it writes or allocates anything (an
 * {@link java.lang.IllegalArgumentException} naming the argument, index and limit), accepts any float in boxes and
 * any non-NaN value in a quality matrix, and answers with valid codes; allocations are bounded by the inputs or by
 * a documented limit ({@link dev.anchorvec.match.MatchCodes#MAX_ALLOCATED_CODES},
 * {@link dev.anchorvec.match.MatchWorkspace#MAX_BLOCK_MAXIMA}, {@link dev.anchorvec.match.Yolov5Matcher#MAX_TARGETS}).
 * Matchers are immutable and thread-safe; a {@link dev.anchorvec.match.MatchWorkspace} serves one call at a time.
 */
package dev.anchorvec.match;
