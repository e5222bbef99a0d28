package dev.anchorvec.adversarial;

import dev.anchorvec.boxes.Boxes;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.Array;
import java.nio.Buffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * What an {@link Attack} sees of the baseline call it perturbs: the argument it attacks and one fresh copy of
 * every baseline argument. {@link #lengths()} collects every size in the baseline (array lengths, box counts and
 * capacities, buffer sizes in elements), which the integer attacks use for their "length - 1, length, length + 1"
 * values.
 */
public final class Context {

    private final String name;
    private final Map<String, Object> baseline;

    Context(String name, Map<String, Object> baseline) {
        this.name = name;
        this.baseline = Collections.unmodifiableMap(new LinkedHashMap<>(baseline));
    }

    /** The name of the argument being attacked. */
    public String name() {
        return name;
    }

    /** The attacked argument's baseline value (a fresh copy). */
    public Object value() {
        return baseline.get(name);
    }

    /** Another argument's baseline value (a fresh copy), by name. */
    public Object value(String argument) {
        if (!baseline.containsKey(argument)) {
            throw new IllegalArgumentException("no argument " + argument + " in " + baseline.keySet());
        }
        return baseline.get(argument);
    }

    /** Every size found in the baseline arguments, ascending. */
    public int[] lengths() {
        TreeSet<Integer> sizes = new TreeSet<>();
        for (Object v : baseline.values()) {
            if (v == null) {
                continue;
            }
            if (v.getClass().isArray()) {
                sizes.add(Array.getLength(v));
            } else if (v instanceof Boxes b) {
                sizes.add(b.size());
                sizes.add(b.capacity());
                sizes.add(b.data().length);
            } else if (v instanceof Buffer buf) {
                sizes.add(buf.capacity());
                sizes.add(buf.remaining());
            } else if (v instanceof MemorySegment s && s.byteSize() <= Integer.MAX_VALUE) {
                sizes.add((int) s.byteSize());
                sizes.add((int) (s.byteSize() / Float.BYTES));
            }
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }
}
