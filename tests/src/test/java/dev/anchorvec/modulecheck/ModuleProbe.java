package dev.anchorvec.modulecheck;

import dev.anchorvec.KernelInfo;
import dev.anchorvec.boxes.BoxIou;
import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.boxes.IouKind;
import dev.anchorvec.select.Nms;
import dev.anchorvec.select.pipeline.Detections;
import dev.anchorvec.select.pipeline.PostprocessWorkspace;
import dev.anchorvec.select.pipeline.Yolov5Postprocess;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Started in a child JVM by {@link ModulePathTest} with the kernels on the module path: prints the module
 * anchorvec loaded as, the implementation it chose, one IoU, one NMS result and one YOLOv5 post-processing
 * result (count and label), and whether an internal package ({@code dev.anchorvec.simd}, {@code
 * dev.anchorvec.internal}) is exported, one per line.
 */
public final class ModuleProbe {

    private ModuleProbe() {}

    public static void main(String[] args) {
        System.out.println(KernelInfo.class.getModule().getName());
        System.out.println(KernelInfo.implementation());
        float[] iou = BoxIou.pairwise(IouKind.IOU, Boxes.ofXyxy(0, 0, 10, 10), Boxes.ofXyxy(5, 0, 15, 10));
        System.out.println(iou[0]);
        // NMS and a pipeline: their facades must not touch the incubator module either.
        Boxes boxes = Boxes.ofXyxy(0, 0, 10, 10, 1, 1, 11, 11, 50, 50, 60, 60);
        System.out.println(Arrays.toString(Nms.greedy(boxes, new float[] {0.9f, 0.8f, 0.7f}, 0.5)));
        FloatBuffer output = FloatBuffer.allocate(3 * 7);
        output.put(0, new float[] {10, 10, 5, 5, 0.9f, 0.1f, 0.8f});
        Detections dets = new Detections();
        int count = Yolov5Postprocess.defaults().run(output, 3, 2, dets, new PostprocessWorkspace());
        System.out.println(count + " " + dets.label(0));
        Module m = KernelInfo.class.getModule();
        System.out.println("internal exported: " + (m.isExported("dev.anchorvec.simd")
                || m.isExported("dev.anchorvec.internal")));
    }
}
