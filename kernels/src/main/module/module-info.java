/**
 * anchorvec: SIMD kernels for anchor-based object detection on flat float arrays.
 *
 * <p>The packages follow the pipeline: {@link dev.anchorvec.boxes} (box layout, conversions and the IoU
 * family) and {@link dev.anchorvec.anchors} (anchor grids and data-driven anchors) feed the later stages; {@link dev.anchorvec.encode} holds the box coders; {@link dev.anchorvec.select} holds NMS. {@code dev.anchorvec.simd} is internal: it picks the Vector API or the
 * scalar implementation once, at class initialisation. {@code dev.anchorvec.internal} is internal too: the one
 * argument-checking helper and the workspace guard. Neither is exported.
 *
 * <p>The incubator module is optional ({@code requires static}): without {@code --add-modules
 * jdk.incubator.vector} the module still loads and every kernel runs its scalar fallback.
 */
module dev.anchorvec {
    requires static jdk.incubator.vector;
    requires static java.management;
    requires static jdk.management;

    exports dev.anchorvec;
    exports dev.anchorvec.boxes;
    exports dev.anchorvec.anchors;
    exports dev.anchorvec.anchors.fit;
    exports dev.anchorvec.match;
    exports dev.anchorvec.encode;
    exports dev.anchorvec.targets;
    exports dev.anchorvec.loss;
    exports dev.anchorvec.select;
    exports dev.anchorvec.select.pipeline;
}
