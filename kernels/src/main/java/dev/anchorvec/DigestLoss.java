package dev.anchorvec;

import dev.anchorvec.boxes.IouKind;
import dev.anchorvec.loss.BalancedSampler;
import dev.anchorvec.loss.HardNegativeMiner;
import dev.anchorvec.loss.HuberLoss;
import dev.anchorvec.loss.IouLoss;
import dev.anchorvec.loss.L1Loss;
import dev.anchorvec.loss.MiningWorkspace;
import dev.anchorvec.loss.Reduction;
import dev.anchorvec.loss.RegressionLoss;
import dev.anchorvec.loss.SigmoidFocalLoss;
import dev.anchorvec.loss.SmoothL1Loss;
import dev.anchorvec.loss.SoftmaxCrossEntropy;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@link KernelDigest}'s workload for {@code dev.anchorvec.loss}. Each loss is split into its elementwise form
 * (values and gradients per element: arithmetic and transcendental functions) and its reductions (the sums and
 * means, whose order of additions must not depend on the vector width), so that a digest that differs says
 * which of the two broke. Logits span {@code [-100, 100]}; shapes run the vector loops and their tails at every
 * width ({@code n * c} = 15 to 259, rows of 3 to 21 classes).
 */
final class DigestLoss {

    static final List<DigestFamily> FAMILIES = List.of(
            new DigestFamily("loss.focal", DigestLoss::focal),
            new DigestFamily("loss.focal-reduce", DigestLoss::focalReduce),
            new DigestFamily("loss.cross-entropy", DigestLoss::crossEntropy),
            new DigestFamily("loss.cross-entropy-reduce", DigestLoss::crossEntropyReduce),
            new DigestFamily("loss.regression", DigestLoss::regression),
            new DigestFamily("loss.regression-reduce", DigestLoss::regressionReduce),
            new DigestFamily("loss.iou", DigestLoss::iou),
            new DigestFamily("loss.iou-reduce", DigestLoss::iouReduce),
            new DigestFamily("loss.sampling", DigestLoss::sampling));

    /** {anchors, classes} of the classification workloads. */
    private static final int[][] SHAPES = {{5, 3}, {37, 7}, {13, 21}};

    /** The kinds with a loss. */
    private static final IouKind[] LOSS_KINDS = {IouKind.IOU, IouKind.GIOU, IouKind.DIOU, IouKind.CIOU};

    private DigestLoss() {}

    private static List<SigmoidFocalLoss> focalLosses() {
        return List.of(SigmoidFocalLoss.retinaNet(), new SigmoidFocalLoss(-1f, 1.5f), new SigmoidFocalLoss(0.5f, 0f),
                new SigmoidFocalLoss(1f, 3.25f));
    }

    /** Dense targets: mostly 0, some 1, some soft. */
    private static float[] targets(DigestInputs in, int size) {
        float[] t = new float[size];
        for (int i = 0; i < size; i++) {
            int r = in.nextInt(8);
            t[i] = r < 5 ? 0f : r < 7 ? 1f : in.uniform(0f, 1f);
        }
        return t;
    }

    private static void focal(DigestInputs in, DigestHash out) {
        for (SigmoidFocalLoss f : focalLosses()) {
            for (int[] s : SHAPES) {
                int n = s[0], c = s[1], size = n * c;
                String l = f.alpha() + " " + f.gamma() + " " + n + "x" + c;
                float[] logits = in.logits(size), loss = new float[size], grad = new float[size];
                f.elementwise(logits, targets(in, size), n, c, loss, grad);
                out.floats(l + " dense loss", loss).floats(l + " dense grad", grad);
                f.elementwise(logits, in.labels(n, c), n, c, loss, null);
                out.floats(l + " labels loss", loss);
            }
        }
    }

    private static void focalReduce(DigestInputs in, DigestHash out) {
        for (SigmoidFocalLoss f : focalLosses().subList(0, 3)) {
            for (int[] s : SHAPES) {
                int n = s[0], c = s[1], size = n * c;
                String l = f.alpha() + " " + f.gamma() + " " + n + "x" + c;
                float[] logits = in.logits(size), targets = targets(in, size), grad = new float[size];
                int[] labels = in.labels(n, c);
                out.value(l + " dense mean", f.reduce(logits, targets, n, c, Reduction.MEAN, grad))
                        .floats(l + " dense mean grad", grad);
                out.value(l + " labels sum", f.reduce(logits, labels, n, c, Reduction.SUM, null));
                out.value(l + " normalized", f.normalized(logits, labels, n, c, Reduction.perPositive(3), grad))
                        .floats(l + " normalized grad", grad);
                out.value(l + " dense normalized", f.normalized(logits, targets, n, c, 7.5, null));
            }
        }
    }

    private static void crossEntropy(DigestInputs in, DigestHash out) {
        for (int[] s : SHAPES) {
            int n = s[0], c = s[1];
            float[] logits = in.logits(n * c), loss = new float[n], grad = new float[n * c];
            SoftmaxCrossEntropy.elementwise(logits, in.labels(n, c), n, c, loss, grad);
            out.floats(n + "x" + c + " loss", loss).floats(n + "x" + c + " grad", grad);
        }
    }

    private static void crossEntropyReduce(DigestInputs in, DigestHash out) {
        HardNegativeMiner miner = HardNegativeMiner.ssd();
        MiningWorkspace ws = new MiningWorkspace();
        for (int[] s : SHAPES) {
            int n = s[0], c = s[1];
            String l = n + "x" + c;
            float[] logits = in.logits(n * c), grad = new float[n * c];
            int[] labels = in.labels(n, c);
            for (Reduction r : new Reduction[] {Reduction.MEAN, Reduction.SUM}) {
                out.value(l + " " + r, SoftmaxCrossEntropy.reduce(logits, labels, n, c, r, grad))
                        .floats(l + " " + r + " grad", grad);
            }
            out.value(l + " normalized", SoftmaxCrossEntropy.normalized(logits, labels, n, c, 4.0, grad))
                    .floats(l + " normalized grad", grad);
            // SSD: per-anchor losses, hard negatives among the background anchors (label 0), the mined sum
            int[] ssdLabels = new int[n];
            int[] matches = new int[n];
            for (int i = 0; i < n; i++) {
                ssdLabels[i] = Math.max(0, labels[i]);
                matches[i] = ssdLabels[i] > 0 ? 0 : -1;
            }
            float[] loss = new float[n];
            SoftmaxCrossEntropy.elementwise(logits, ssdLabels, n, c, loss, grad);
            byte[] selected = new byte[n];
            out.value(l + " mined", miner.mine(matches, 0, loss, 0, n, selected, 0, ws));
            out.value(l + " reduce mined", SoftmaxCrossEntropy.reduceMined(loss, grad, ssdLabels, selected, n, c,
                    Reduction.perPositive(2)));
            out.floats(l + " mined grad", grad);
        }
    }

    private static List<RegressionLoss> regressionLosses() {
        return List.of(new SmoothL1Loss(1f / 9), new SmoothL1Loss(0f), new SmoothL1Loss(1f), new L1Loss(),
                new HuberLoss(1f), new HuberLoss(0.25f));
    }

    private static void regression(DigestInputs in, DigestHash out) {
        List<RegressionLoss> losses = regressionLosses();
        for (int k = 0; k < losses.size(); k++) {
            for (int n : new int[] {3, 37, 100}) {
                float[] pred = in.uniform(4 * n, -3f, 3f), target = in.uniform(4 * n, -3f, 3f);
                float[] loss = new float[4 * n], grad = new float[4 * n];
                losses.get(k).elementwise(pred, target, in.matches(n, 4), n, loss, grad);
                out.floats(k + " " + n + " loss", loss).floats(k + " " + n + " grad", grad);
            }
        }
    }

    private static void regressionReduce(DigestInputs in, DigestHash out) {
        List<RegressionLoss> losses = regressionLosses().subList(0, 4);
        for (int k = 0; k < losses.size(); k++) {
            RegressionLoss loss = losses.get(k);
            for (int n : new int[] {3, 37, 100}) {
                float[] pred = in.uniform(4 * n, -3f, 3f), target = in.uniform(4 * n, -3f, 3f);
                int[] matches = in.matches(n, 4);
                float[] grad = new float[4 * n];
                String l = k + " " + n;
                out.value(l + " mean", loss.reduce(pred, target, matches, n, Reduction.MEAN, grad))
                        .floats(l + " mean grad", grad);
                out.value(l + " sum", loss.reduce(pred, target, matches, n, Reduction.SUM, null));
                out.value(l + " normalized", loss.normalized(pred, target, matches, n, 5.0, grad))
                        .floats(l + " normalized grad", grad);
            }
        }
    }

    /** {@code n} interleaved xyxy rows: ordinary boxes, with every 7th one empty or inverted. */
    private static float[] boxRows(DigestInputs in, int n) {
        float[] r = in.imageRows(n, 640f);
        for (int i = 0; i < n; i += 7) {
            r[4 * i + 2] = r[4 * i] - in.uniform(0f, 5f);
        }
        return r;
    }

    private static void iou(DigestInputs in, DigestHash out) {
        for (IouKind kind : LOSS_KINDS) {
            IouLoss f = new IouLoss(kind);
            for (int n : new int[] {3, 37, 100}) {
                float[] loss = new float[n], grad = new float[4 * n];
                f.elementwise(boxRows(in, n), boxRows(in, n), in.matches(n, 3), n, loss, grad);
                out.floats(kind + " " + n + " loss", loss).floats(kind + " " + n + " grad", grad);
            }
        }
    }

    private static void iouReduce(DigestInputs in, DigestHash out) {
        for (IouKind kind : LOSS_KINDS) {
            IouLoss f = new IouLoss(kind);
            for (int n : new int[] {3, 37, 100}) {
                float[] pred = boxRows(in, n), target = boxRows(in, n), grad = new float[4 * n];
                int[] matches = in.matches(n, 3);
                String l = kind + " " + n;
                out.value(l + " mean", f.reduce(pred, target, matches, n, Reduction.MEAN, grad))
                        .floats(l + " mean grad", grad);
                out.value(l + " sum", f.reduce(pred, target, matches, n, Reduction.SUM, null));
                out.value(l + " normalized", f.normalized(pred, target, matches, n, 2.0, grad))
                        .floats(l + " normalized grad", grad);
            }
        }
    }

    private static void sampling(DigestInputs in, DigestHash out) {
        MiningWorkspace ws = new MiningWorkspace();
        int n = 259;
        int[] matches = in.matches(n, 5);
        byte[] pos = new byte[n], neg = new byte[n];
        List<BalancedSampler> samplers = List.of(BalancedSampler.rpn(), BalancedSampler.roiHeads(),
                new BalancedSampler(20, 0.25), new BalancedSampler(0, 0.5));
        for (int k = 0; k < samplers.size(); k++) {
            int p = samplers.get(k).sample(matches, 0, n, new SplittableRandom(k), pos, 0, neg, 0, ws);
            out.value(k + " sampled", p).bytes(k + " positive", pos, 0, n).bytes(k + " negative", neg, 0, n);
        }
        float[] losses = in.uniform(n, 0f, 5f);
        losses[3] = losses[4];
        for (HardNegativeMiner m : new HardNegativeMiner[] {HardNegativeMiner.ssd(), new HardNegativeMiner(0.5, 10)}) {
            byte[] selected = new byte[n + 1];
            out.value(m.ratio() + " mined", m.mine(matches, 0, losses, 0, n, selected, 1, ws));
            out.bytes(m.ratio() + " selected", selected, 0, n + 1);
        }
    }
}
