#!/usr/bin/python3
"""Times torchvision's RetinaNet.postprocess_detections on anchorvec's synthetic head outputs.

Usage (Debian's python3 with python3-torchvision):
    java -cp bench/target/benchmarks.jar dev.anchorvec.bench.RetinaNetHeads /tmp/heads
    /usr/bin/python3 bench/peers/time_retinanet_postprocess.py /tmp/heads [out.json]

Writes JSON: versions, cpu, the median/min time over repeats at 1 thread and at the default thread count, and
the detections (boxes, scores, labels) so anchorvec's output can be checked against them.
"""
import json
import os
import platform
import sys
import time
import types

import numpy as np
import torch
import torchvision
from torchvision.models.detection import _utils as det_utils
from torchvision.models.detection.retinanet import RetinaNet

CLASSES = 80
SIDE = 640


def load(d):
    levels = [int(x) for x in open(os.path.join(d, "retinanet_levels.txt")).read().split()]
    n = sum(levels)
    logits = np.fromfile(os.path.join(d, "retinanet_logits.f32"), "<f4").reshape(n, CLASSES)
    deltas = np.fromfile(os.path.join(d, "retinanet_deltas.f32"), "<f4").reshape(n, 4)
    anchors = np.fromfile(os.path.join(d, "retinanet_anchors.f32"), "<f4").reshape(n, 4)
    return levels, torch.from_numpy(logits), torch.from_numpy(deltas), torch.from_numpy(anchors)


def main():
    d = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(d, "torchvision_retinanet.json")
    levels, logits, deltas, anchors = load(d)
    # The same split RetinaNet.forward does before calling postprocess_detections (batch of one image).
    head = {"cls_logits": [t.unsqueeze(0) for t in logits.split(levels)],
            "bbox_regression": [t.unsqueeze(0) for t in deltas.split(levels)]}
    split_anchors = [list(anchors.split(levels))]
    model = types.SimpleNamespace(score_thresh=0.05, topk_candidates=1000, nms_thresh=0.5, detections_per_img=300,
                                  box_coder=det_utils.BoxCoder(weights=(1.0, 1.0, 1.0, 1.0)))
    call = lambda: RetinaNet.postprocess_detections(model, head, split_anchors, [(SIDE, SIDE)])
    result = {"torch": torch.__version__, "torchvision": torchvision.__version__, "python": platform.python_version(),
              "cpu": cpu(), "date": time.strftime("%Y-%m-%d %H:%M:%S"), "rows": []}
    for threads in sorted({1, torch.get_num_threads()}):
        torch.set_num_threads(threads)
        with torch.no_grad():
            for _ in range(5):
                call()
            times = []
            for _ in range(30):
                t0 = time.perf_counter()
                call()
                times.append(time.perf_counter() - t0)
        result["rows"].append({"threads": threads, "median_ms": float(np.median(times)) * 1e3,
                               "min_ms": float(np.min(times)) * 1e3, "repeats": len(times)})
    with torch.no_grad():
        det = call()[0]
    result["detections"] = {"boxes": det["boxes"].tolist(), "scores": det["scores"].tolist(),
                            "labels": det["labels"].tolist()}
    with open(out, "w") as f:
        json.dump(result, f, indent=1)
    for r in result["rows"]:
        print(f"torchvision postprocess_detections, {r['threads']} thread(s): median {r['median_ms']:.3f} ms")
    print(f"{len(result['detections']['scores'])} detections -> {out}")


def cpu():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


if __name__ == "__main__":
    main()
