/**
 * Selecting detections: greedy non-maximum suppression ({@link dev.anchorvec.select.Nms}) with torchvision's
 * semantics, into caller arrays, with a reusable {@link dev.anchorvec.select.NmsWorkspace}.
 */
package dev.anchorvec.select;
