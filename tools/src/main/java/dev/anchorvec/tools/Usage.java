package dev.anchorvec.tools;

import dev.anchorvec.tools.data.CsvReader;

/** The help texts of the command line. */
final class Usage {

    static final String SHORT = """
            usage: anchorvec fit (--coco FILE | --yolo DIR [--images DIR] | --voc DIR | --csv FILE) --k K --img SIZE
                                 [--levels 3] [--update mean|median] [--restarts 10] [--generations 1000]
                                 [--fitness bpr|yolov5|iou] [--thr 4.0] [--min-side 2] [--seed 0]
                                 [--json OUT.json] [--svg OUT.svg] [--quiet] [--include-crowd]
                   anchorvec help
            """;

    static final String FULL = """
            anchorvec: data-driven anchor design for anchor-box detectors.

            """ + SHORT + """

            fit reads a dataset's boxes, scales them to the training size (YOLOv5's rule: each image's boxes times
            img / max(image width, height)), drops boxes with both sides under --min-side pixels, and prints:
              the dataset (images, boxes, dropped, size and aspect-ratio histograms),
              YOLOv5's default anchors as a baseline (BPR, AAT, fitness, mean IoU),
              k-means anchors (1 - IoU distance, k-means++, best of --restarts runs), per level,
              the k-means anchors evolved by YOLOv5's genetic algorithm, metrics before -> after,
              and the anchors as a YOLOv5 model yaml 'anchors:' block.

            datasets
              --coco FILE      COCO detection JSON (instances_*.json); crowd boxes skipped unless --include-crowd
              --yolo DIR       YOLO label files (*.txt, 'class cx cy w h' normalised), any depth
              --images DIR     with --yolo: images mirroring the label tree (a/b.txt -> a/b.jpg|png|bmp|...),
                               sizes read from headers; without it every image is taken as square
              --voc DIR        Pascal VOC XML files (annotation/size, object/bndbox), any depth
              --csv FILE       CSV with a header: %s

            options
              --k K            number of anchors (required)
              --img SIZE       training image size in pixels, e.g. 640 (required)
              --levels L       feature levels, L divides K; level i is P(3+i) with stride 8*2^i
                               (default 3, or 1 when 3 does not divide K)
              --update U       k-means centroid update: mean (default) or median
              --restarts R     k-means runs from different seeds, the best mean IoU kept (default 10)
              --generations G  evolution generations (default 1000; 0 keeps the k-means anchors)
              --fitness F      what evolution must improve: bpr = BPR first, then YOLOv5's fitness, never lowers
                               BPR (default); yolov5 = YOLOv5's fitness as autoanchor does; iou = mean best IoU
              --thr T          anchor/box ratio threshold of BPR, AAT and fitness (default 4.0)
              --min-side PX    drop boxes whose sides are both under PX pixels after scaling (default 2, as YOLOv5)
              --seed N         seed of k-means and evolution (default 0): same seed, same anchors
              --json FILE      write a JSON report (schema anchorvec-fit/1)
              --svg FILE       draw the anchors centred on a cell of the coarsest grid, one colour per level
                               (--json and --svg are checked before the fit and written all or none)
              --quiet          no progress line on stderr (it is only shown on a terminal anyway)

            exit status: 0 done (each file written is named), 1 bad input (the file, record and value are named)
            or an output that cannot be written (its path is named), 2 bad arguments.
            Run with 'java --add-modules jdk.incubator.vector -jar anchorvec.jar' for the SIMD kernels.
            """.formatted(CsvReader.ACCEPTED);

    private Usage() {}
}
