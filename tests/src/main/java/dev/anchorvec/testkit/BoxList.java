package dev.anchorvec.testkit;

import dev.anchorvec.boxes.Boxes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * An immutable list of xyxy {@link Box}es: the value a box generator produces and the shrinker reduces. It
 * converts to the kernels' planar {@link Boxes} (in any {@link Layout}) and to the interleaved {@code [n,4]}
 * arrays the reference reads; {@link #toString()} prints Java source that rebuilds it.
 */
public record BoxList(List<Box> boxes) {

    /** Empty list. */
    public static final BoxList EMPTY = new BoxList(List.of());

    public BoxList {
        boxes = List.copyOf(boxes);
    }

    /** From interleaved xyxy values. */
    public static BoxList of(float... xyxy) {
        if (xyxy.length % 4 != 0) {
            throw new IllegalArgumentException("length must be a multiple of 4, got " + xyxy.length);
        }
        List<Box> out = new ArrayList<>(xyxy.length / 4);
        for (int i = 0; i < xyxy.length; i += 4) {
            out.add(new Box(xyxy[i], xyxy[i + 1], xyxy[i + 2], xyxy[i + 3]));
        }
        return new BoxList(out);
    }

    /** Number of boxes. */
    public int size() {
        return boxes.size();
    }

    /** Box {@code i}. */
    public Box get(int i) {
        return boxes.get(i);
    }

    /** True when every coordinate of every box is finite. */
    public boolean isFinite() {
        return boxes.stream().allMatch(Box::isFinite);
    }

    /** This list with box {@code i} replaced. */
    public BoxList with(int i, Box box) {
        List<Box> out = new ArrayList<>(boxes);
        out.set(i, box);
        return new BoxList(out);
    }

    /** Interleaved {@code [n,4]} xyxy values (what the reference oracle reads). */
    public float[] toXyxy() {
        float[] out = new float[4 * size()];
        for (int i = 0; i < size(); i++) {
            Box b = boxes.get(i);
            out[4 * i] = b.x1();
            out[4 * i + 1] = b.y1();
            out[4 * i + 2] = b.x2();
            out[4 * i + 3] = b.y2();
        }
        return out;
    }

    /** A packed planar copy. */
    public Boxes toBoxes() {
        return toBoxes(Layout.PACKED);
    }

    /**
     * A planar copy placed as {@code layout} says, inside an array whose unused parts (before the first plane,
     * between planes, after the last) hold NaN, so a kernel that reads outside its planes shows it.
     */
    public Boxes toBoxes(Layout layout) {
        int n = size();
        int stride = n + layout.padding();
        float[] data = new float[layout.offset() + 3 * stride + n + layout.padding()];
        Arrays.fill(data, Float.NaN);
        for (int i = 0; i < n; i++) {
            Box b = boxes.get(i);
            for (int k = 0; k < 4; k++) {
                data[layout.offset() + k * stride + i] = b.get(k);
            }
        }
        return Boxes.wrapPlanar(data, layout.offset(), stride, n);
    }

    /**
     * Smaller lists: boxes removed ({@link Shrink#removals}), then all coordinates rounded to integers, then
     * one box at a time ({@link Box#shrink()}).
     */
    public Stream<BoxList> shrink() {
        return Stream.<java.util.function.Function<Void, Stream<BoxList>>>of(
                        x -> Shrink.removals(boxes).map(BoxList::new),
                        x -> rounded().stream(),
                        x -> Shrink.elementwise(boxes, Box::shrink).map(BoxList::new))
                .flatMap(f -> f.apply(null));
    }

    private java.util.Optional<BoxList> rounded() {
        List<Box> out = new ArrayList<>(size());
        for (Box b : boxes) {
            out.add(new Box(rint(b.x1()), rint(b.y1()), rint(b.x2()), rint(b.y2())));
        }
        BoxList r = new BoxList(out);
        return r.equals(this) ? java.util.Optional.empty() : java.util.Optional.of(r);
    }

    private static float rint(float v) {
        return Float.isFinite(v) ? (float) Math.rint(v) : v;
    }

    /** Java source that rebuilds the list: {@code Boxes.ofXyxy(...)}. */
    public String toJava() {
        StringBuilder sb = new StringBuilder("Boxes.ofXyxy(");
        for (int i = 0; i < size(); i++) {
            sb.append(i == 0 ? "" : ",  ").append(boxes.get(i).toJava());
        }
        return sb.append(')').toString();
    }

    @Override
    public String toString() {
        return size() + " boxes: " + toJava();
    }
}
