/**
 * Detector post-processing pipelines from raw head outputs to detections, reproducing the peers' defaults:
 * {@link dev.anchorvec.select.pipeline.RetinaNetPostprocess} (torchvision / detectron2),
 * {@link dev.anchorvec.select.pipeline.Yolov5Postprocess} (YOLOv5's exported {@code [n, 5 + C]} output) and
 * {@link dev.anchorvec.select.pipeline.DetectionPostprocess} (any model that outputs boxes and class scores, read
 * from an ONNX Runtime or DJL buffer in place), writing into a reusable
 * {@link dev.anchorvec.select.pipeline.Detections} with a per-thread
 * {@link dev.anchorvec.select.pipeline.PostprocessWorkspace}.
 */
package dev.anchorvec.select.pipeline;
