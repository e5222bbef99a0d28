package dev.anchorvec.match;

/**
 * How {@link MaxIouMatcher} rescues the anchors that are some gt's best match but fall below the high
 * threshold ("low-quality matches"). A prediction "achieves gt j's maximum" when its quality for j equals j's
 * row maximum exactly (float {@code ==}, ties included). Constants: immutable and thread-safe.
 */
public enum LowQuality {
    /** No low-quality matches: the thresholds alone decide. */
    NONE,
    /**
     * torchvision {@code Matcher(allow_low_quality_matches=True)}: every prediction achieving some gt's maximum
     * is reset to its <em>own</em> best gt (its pre-threshold argmax), which need not be the gt that triggered
     * it. A gt whose qualities are all 0 therefore re-matches every prediction with quality 0 for it.
     */
    TORCHVISION,
    /**
     * detectron2 {@code Matcher(allow_low_quality_matches=True)}: the same predictions become positive (label
     * 1) and d2 leaves their match at the argmax - which is the value torchvision resets them to. The codes are
     * therefore identical to {@link #TORCHVISION}; d2's own pair (matches = argmax everywhere, labels in
     * {1, 0, -1}) comes from {@link MatchWorkspace#bestGt(int)} and {@link MatchCodes#toDetectron2Labels}.
     */
    DETECTRON2,
    /**
     * mmdet {@code MaxIoUAssigner(match_low_quality=True)} and torchvision's {@code SSDMatcher}: for each gt j in
     * order whose maximum is {@code >= minPosIou}, the predictions achieving it (all of them with
     * {@code gtMaxAssignAll}, else only the first) are assigned to j itself; later gts overwrite earlier ones.
     */
    TRIGGERING_GT
}
