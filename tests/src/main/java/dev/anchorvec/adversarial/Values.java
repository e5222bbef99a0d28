package dev.anchorvec.adversarial;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.targets.BatchTargets;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the harness does with argument and result values, whatever their type: snapshots (to detect writes),
 * identity-preserving deep copies (for twins: an output that aliases an input still does in the copy), a search
 * for non-finite floats, bitwise comparison, and one-line descriptions. It knows arrays, {@link Boxes},
 * {@link FloatBuffer}s, {@link MemorySegment}s, records, lists and objects made of a fixed list of arrays
 * ({@link #parts}: {@link BatchTargets}); anything else is treated as an immutable value.
 */
final class Values {

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    /** Segments larger than this are not copied into snapshots (none of the attacks makes one). */
    private static final long MAX_SNAPSHOT_BYTES = 1L << 26;

    private Values() {}

    // ---------------------------------------------------------------- snapshots

    /** The observable state of {@code v}: something {@link #same} can compare with a later state. */
    static Object state(Object v) {
        if (v == null) {
            return null;
        }
        if (v.getClass().isArray()) {
            return copyArray(v);
        }
        if (parts(v) != null) {
            return new PartsState(parts(v).stream().map(Values::copyArray).toList());
        }
        if (v instanceof Boxes b) {
            return new BoxesState(b.data().clone(), b.offset(), b.stride(), b.size());
        }
        if (v instanceof FloatBuffer f) {
            float[] all = new float[f.capacity()];
            f.duplicate().clear().get(0, all); // the whole capacity, whatever the limit
            return new BufferState(f.position(), f.limit(), all);
        }
        if (v instanceof MemorySegment s) {
            if (!s.scope().isAlive() || !s.isAccessibleBy(Thread.currentThread()) || s.byteSize() > MAX_SNAPSHOT_BYTES) {
                return null;
            }
            return s.toArray(ValueLayout.JAVA_BYTE);
        }
        return null;
    }

    private record BoxesState(float[] data, int offset, int stride, int size) {}

    private record BufferState(int position, int limit, float[] contents) {}

    /** The copied arrays of an object made of {@link #parts}. */
    private record PartsState(List<Object> parts) {}

    /**
     * The arrays that make up the observable state of {@code v}, in a fixed order, if it is a type made of a
     * fixed list of arrays (written in place by the calls that take it); else null.
     */
    static List<Object> parts(Object v) {
        if (v instanceof BatchTargets t) {
            return List.of(t.matches(), t.classes(), t.offsets(), t.positive(), t.negative(), t.ignored(),
                    t.positives());
        }
        return null;
    }

    /** How reports name part {@code i} of {@code v} (its accessor). */
    private static String partName(Object v, int i) {
        return List.of("matches()", "classes()", "offsets()", "positive()", "negative()", "ignored()", "positives()")
                .get(i);
    }

    /** A new object of the type of {@code v} (one with {@link #parts}) holding copies of its arrays. */
    private static Object copyParts(Object v) {
        BatchTargets t = (BatchTargets) v;
        BatchTargets c = new BatchTargets(t.images(), t.anchors());
        List<Object> from = parts(t), to = parts(c);
        for (int i = 0; i < from.size(); i++) {
            System.arraycopy(from.get(i), 0, to.get(i), 0, Array.getLength(from.get(i)));
        }
        return c;
    }

    /** Null if {@code now}'s state equals {@code before} (a {@link #state}), else what changed. */
    static String changed(Object before, Object now, String name) {
        if (before == null) {
            return null;
        }
        Object after = state(now);
        if (before instanceof PartsState b && after instanceof PartsState a) {
            for (int i = 0; i < b.parts().size(); i++) {
                String d = diffArrays(b.parts().get(i), a.parts().get(i), name + "." + partName(now, i));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (before instanceof BoxesState b && after instanceof BoxesState a) {
            if (a.size() != b.size()) {
                return name + ".size() changed from " + b.size() + " to " + a.size();
            }
            return diffArrays(b.data(), a.data(), name + ".data()");
        }
        if (before instanceof BufferState b && after instanceof BufferState a) {
            if (a.position() != b.position() || a.limit() != b.limit()) {
                return name + " position/limit changed from " + b.position() + "/" + b.limit() + " to "
                        + a.position() + "/" + a.limit();
            }
            return diffArrays(b.contents(), a.contents(), name);
        }
        if (before.getClass().isArray() && after != null && after.getClass() == before.getClass()) {
            return diffArrays(before, after, name);
        }
        return null;
    }

    private static String diffArrays(Object b, Object a, String name) {
        int n = Array.getLength(b);
        if (Array.getLength(a) != n) {
            return name + " length changed";
        }
        for (int i = 0; i < n; i++) {
            Object x = Array.get(b, i), y = Array.get(a, i);
            if (!bitsEqual(x, y)) {
                return name + "[" + i + "] changed from " + x + " to " + y;
            }
        }
        return null;
    }

    private static Object copyArray(Object v) {
        int n = Array.getLength(v);
        Object c = Array.newInstance(v.getClass().getComponentType(), n);
        System.arraycopy(v, 0, c, 0, n);
        return c;
    }

    // ---------------------------------------------------------------- deep copies

    /** Deep copies of {@code args}; an array shared by two arguments is shared by their copies. */
    static Object[] deepCopy(Object[] args) {
        Map<Object, Object> copies = new IdentityHashMap<>();
        Object[] out = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            out[i] = copy(args[i], copies);
        }
        return out;
    }

    private static Object copy(Object v, Map<Object, Object> copies) {
        if (v == null) {
            return null;
        }
        if (v.getClass().isArray()) {
            return copies.computeIfAbsent(v, Values::copyArray);
        }
        if (parts(v) != null) {
            return copies.computeIfAbsent(v, Values::copyParts);
        }
        if (v instanceof Boxes b) {
            float[] data = (float[]) copy(b.data(), copies);
            return Boxes.wrapPlanar(data, b.offset(), b.stride(), b.size());
        }
        if (v instanceof FloatBuffer f) {
            FloatBuffer c;
            if (f.hasArray()) {
                float[] data = (float[]) copy(f.array(), copies);
                c = FloatBuffer.wrap(data, f.arrayOffset(), f.capacity()).slice();
            } else {
                float[] all = new float[f.capacity()];
                f.duplicate().clear().get(0, all); // the whole capacity, whatever the limit
                c = ByteBuffer.allocateDirect(Float.BYTES * all.length).order(f.order()).asFloatBuffer();
                c.put(0, all);
            }
            c.limit(f.limit()).position(f.position());
            return f.isReadOnly() ? c.asReadOnlyBuffer() : c;
        }
        if (v instanceof MemorySegment s) {
            if (!s.scope().isAlive() || !s.isAccessibleBy(Thread.currentThread())) {
                return s;
            }
            MemorySegment c;
            if (s.heapBase().isPresent()) {
                Object base = copy(s.heapBase().get(), copies);
                MemorySegment whole = base instanceof float[] fa ? MemorySegment.ofArray(fa)
                        : MemorySegment.ofArray((byte[]) base);
                c = whole.asSlice(s.address(), s.byteSize());
            } else {
                c = Arena.ofAuto().allocate(Math.max(1, s.byteSize())).asSlice(0, s.byteSize());
                c.copyFrom(s);
            }
            return s.isReadOnly() ? c.asReadOnly() : c;
        }
        return v;
    }

    // ---------------------------------------------------------------- finiteness

    /** Null if every float or double in {@code v} is finite, else where the first one that is not is. */
    static String nonFinite(Object v, String name) {
        switch (v) {
            case null -> {
                return null;
            }
            case Float f -> {
                return Float.isFinite(f) ? null : name + " = " + f;
            }
            case Double d -> {
                return Double.isFinite(d) ? null : name + " = " + d;
            }
            case float[] a -> {
                for (int i = 0; i < a.length; i++) {
                    if (!Float.isFinite(a[i])) {
                        return name + "[" + i + "] = " + a[i];
                    }
                }
                return null;
            }
            case double[] a -> {
                for (int i = 0; i < a.length; i++) {
                    if (!Double.isFinite(a[i])) {
                        return name + "[" + i + "] = " + a[i];
                    }
                }
                return null;
            }
            case Boxes b -> {
                for (int k = 0; k < 4; k++) {
                    int p = b.plane(k);
                    for (int i = 0; i < b.size(); i++) {
                        float x = b.data()[p + i];
                        if (!Float.isFinite(x)) {
                            return name + "." + "xyxy".charAt(k) + ("1122".charAt(k)) + "[" + i + "] = " + x;
                        }
                    }
                }
                return null;
            }
            case FloatBuffer f -> {
                return nonFinite(BufferAttacks.remaining(f), name);
            }
            case MemorySegment s -> {
                float[] a = BufferAttacks.floats(s);
                return a == null ? null : nonFinite(a, name);
            }
            case BatchTargets t -> {
                return nonFinite(t.offsets(), name + ".offsets()");
            }
            case Record r -> {
                for (RecordComponent c : r.getClass().getRecordComponents()) {
                    String bad = nonFinite(component(r, c), name + "." + c.getName() + "()");
                    if (bad != null) {
                        return bad;
                    }
                }
                return null;
            }
            case List<?> l -> {
                for (int i = 0; i < l.size(); i++) {
                    String bad = nonFinite(l.get(i), name + ".get(" + i + ")");
                    if (bad != null) {
                        return bad;
                    }
                }
                return null;
            }
            default -> {
                return null;
            }
        }
    }

    private static Object component(Record r, RecordComponent c) {
        try {
            c.getAccessor().setAccessible(true);
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c, e);
        }
    }

    /**
     * Null unless the call wrote a non-finite float into {@code now} (an output): like {@link #nonFinite}, but
     * values the output already held before the call (its {@link #state}) are not counted.
     */
    static String nonFiniteWritten(Object before, Object now, String name) {
        if (before == null) {
            return nonFinite(now, name);
        }
        float[] old;
        float[] cur;
        if (before instanceof PartsState b && parts(now) != null) {
            List<Object> p = parts(now);
            for (int i = 0; i < p.size(); i++) {
                String nf = nonFiniteWritten(b.parts().get(i), p.get(i), name + "." + partName(now, i));
                if (nf != null) {
                    return nf;
                }
            }
            return null;
        }
        if (before instanceof BoxesState b && now instanceof Boxes n) {
            for (int k = 0; k < 4; k++) {
                int p = n.plane(k);
                for (int i = 0; i < n.size(); i++) {
                    float x = n.data()[p + i];
                    if (!Float.isFinite(x) && Float.floatToRawIntBits(x) != Float.floatToRawIntBits(b.data()[p + i])) {
                        return name + "." + "xyxy".charAt(k) + "1122".charAt(k) + "[" + i + "] = " + x;
                    }
                }
            }
            return null;
        } else if (before instanceof BufferState b && now instanceof FloatBuffer f) {
            old = b.contents();
            cur = new float[f.capacity()];
            f.duplicate().clear().get(0, cur);
        } else if (before instanceof byte[] b && now instanceof MemorySegment s) {
            cur = BufferAttacks.floats(s);
            old = new float[b.length / Float.BYTES];
            MemorySegment.copy(MemorySegment.ofArray(b), FLOAT, 0, old, 0, old.length);
            if (cur == null) {
                return null;
            }
        } else if (before instanceof float[] b && now instanceof float[] c) {
            old = b;
            cur = c;
        } else {
            return nonFinite(now, name);
        }
        for (int i = 0; i < cur.length; i++) {
            if (!Float.isFinite(cur[i]) && (i >= old.length
                    || Float.floatToRawIntBits(cur[i]) != Float.floatToRawIntBits(old[i]))) {
                return name + "[" + i + "] = " + cur[i];
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- bitwise comparison

    /** Null if {@code a} and {@code b} hold the same bits (NaN payloads aside), else the first difference. */
    static String difference(Object a, Object b, String name) {
        if (a == null || b == null) {
            return a == b ? null : name + ": " + describe(a) + " vs " + describe(b);
        }
        if (parts(a) != null && parts(b) != null) {
            List<Object> x = parts(a), y = parts(b);
            for (int i = 0; i < x.size(); i++) {
                String d = difference(x.get(i), y.get(i), name + "." + partName(a, i));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a instanceof Boxes x && b instanceof Boxes y) {
            if (x.size() != y.size()) {
                return name + ".size() " + x.size() + " vs " + y.size();
            }
            for (int i = 0; i < x.size(); i++) {
                float[] p = {x.x1(i), x.y1(i), x.x2(i), x.y2(i)}, q = {y.x1(i), y.y1(i), y.x2(i), y.y2(i)};
                String d = difference(p, q, name + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a instanceof FloatBuffer x && b instanceof FloatBuffer y) {
            return difference(BufferAttacks.remaining(x), BufferAttacks.remaining(y), name);
        }
        if (a instanceof MemorySegment x && b instanceof MemorySegment y) {
            return difference(BufferAttacks.floats(x), BufferAttacks.floats(y), name);
        }
        if (a.getClass().isArray() && b.getClass() == a.getClass()) {
            int n = Array.getLength(a);
            if (Array.getLength(b) != n) {
                return name + ".length " + n + " vs " + Array.getLength(b);
            }
            for (int i = 0; i < n; i++) {
                Object x = Array.get(a, i), y = Array.get(b, i);
                String d = x != null && (x.getClass().isArray() || x instanceof Record) ? difference(x, y,
                        name + "[" + i + "]") : bitsEqual(x, y) ? null : name + "[" + i + "] " + x + " vs " + y;
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a instanceof Record r && b.getClass() == a.getClass()) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                String d = difference(component(r, c), component((Record) b, c), name + "." + c.getName() + "()");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return name + ".size() " + x.size() + " vs " + y.size();
            }
            for (int i = 0; i < x.size(); i++) {
                String d = difference(x.get(i), y.get(i), name + ".get(" + i + ")");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        return bitsEqual(a, b) ? null : name + ": " + a + " vs " + b;
    }

    /** Equality with floats and doubles compared by bits ({@code -0.0 != 0.0}; all NaNs equal). */
    static boolean bitsEqual(Object x, Object y) {
        if (x instanceof Float f && y instanceof Float g) {
            return Float.floatToIntBits(f) == Float.floatToIntBits(g);
        }
        if (x instanceof Double f && y instanceof Double g) {
            return Double.doubleToLongBits(f) == Double.doubleToLongBits(g);
        }
        return java.util.Objects.equals(x, y);
    }

    // ---------------------------------------------------------------- descriptions

    /** A short description of a value for reports. */
    static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v.getClass().isArray()) {
            int n = Array.getLength(v);
            String type = v.getClass().getComponentType().getSimpleName();
            return n <= 6 && v instanceof float[] f ? type + Arrays.toString(f)
                    : n <= 6 && v instanceof int[] i ? type + Arrays.toString(i) : type + "[" + n + "]";
        }
        if (v instanceof Boxes b) {
            return "Boxes[" + b.size() + "]";
        }
        if (v instanceof BatchTargets t) {
            return "BatchTargets[" + t.images() + " x " + t.anchors() + "]";
        }
        if (v instanceof FloatBuffer f) {
            return (f.isDirect() ? "direct " : "heap ") + "FloatBuffer[" + f.position() + ", " + f.limit() + ")";
        }
        if (v instanceof MemorySegment s) {
            return "MemorySegment[" + s.byteSize() + " bytes]";
        }
        if (v instanceof Float f) {
            return f + "f";
        }
        return String.valueOf(v);
    }

    /** Every array reachable from an argument (itself, a Boxes' data, a heap buffer's or segment's array). */
    static Object backingArray(Object v) {
        if (v == null) {
            return null;
        }
        if (v.getClass().isArray()) {
            return v;
        }
        if (v instanceof Boxes b) {
            return b.data();
        }
        if (v instanceof FloatBuffer f && f.hasArray()) {
            return f.array();
        }
        if (v instanceof MemorySegment s) {
            return s.heapBase().orElse(null);
        }
        return null;
    }
}
