package dev.anchorvec.modulecheck;

import dev.anchorvec.KernelInfo;
import dev.anchorvec.boxes.BoxIou;
import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.boxes.IouKind;

/**
 * Started in a child JVM by {@link ModulePathTest} with the kernels on the module path: prints the module
 * anchorvec loaded as, the implementation it chose, and one IoU, one per line.
 */
public final class ModuleProbe {

    private ModuleProbe() {}

    public static void main(String[] args) {
        System.out.println(KernelInfo.class.getModule().getName());
        System.out.println(KernelInfo.implementation());
        float[] iou = BoxIou.pairwise(IouKind.IOU, Boxes.ofXyxy(0, 0, 10, 10), Boxes.ofXyxy(5, 0, 15, 10));
        System.out.println(iou[0]);
    }
}
