package dev.anchorvec.adversarial;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The calls generated for one entry point, in this order: the baseline; each argument's attack variants, one
 * argument at a time; the declared pairs attacked together (integers: each with values around both ends of the
 * range they bound; other types: every variant of one with every variant of the other); every output replaced
 * by the array of another argument (aliasing); then seeded random combinations of several variants at once.
 */
final class Cases {

    /** One generated call: a variant per argument, and which arguments were changed from the baseline. */
    record Case(List<Variant> variants, boolean[] changed) {

        String summary(List<Param> params) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < params.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(changed[i] ? "*" : "").append(params.get(i).name()).append('=')
                        .append(variants.get(i).label());
            }
            return sb.toString();
        }
    }

    private Cases() {}

    static List<Case> of(EntryPoint e, long seed, int randomCases) {
        List<Param> params = e.params();
        int p = params.size();
        List<Variant> base = new ArrayList<>();
        Map<String, Object> sample = baselineValues(params);
        for (Param q : params) {
            base.add(Variant.of(Values.describe(sample.get(q.name())), q.baseline()));
        }
        List<List<Variant>> attacks = new ArrayList<>();
        for (Param q : params) {
            attacks.add(q.attack().variants(new Context(q.name(), baselineValues(params))));
        }
        List<Case> cases = new ArrayList<>();
        cases.add(new Case(base, new boolean[p]));
        for (int i = 0; i < p; i++) {
            for (Variant v : attacks.get(i)) {
                cases.add(with(base, i, v));
            }
        }
        for (String[] pair : e.pairs()) {
            int i = e.index(pair[0]), j = e.index(pair[1]);
            if (sample.get(pair[0]) instanceof Integer bi && sample.get(pair[1]) instanceof Integer bj) {
                for (int x : edges(bi, bj)) {
                    for (int y : edges(bi, bj)) {
                        if (x != bi || y != bj) {
                            cases.add(with(with(base, i, Variant.constant(String.valueOf(x), x)), j,
                                    Variant.constant(String.valueOf(y), y)));
                        }
                    }
                }
            } else {
                // Any other pair: every variant of one with every variant of the other.
                for (Variant x : attacks.get(i)) {
                    for (Variant y : attacks.get(j)) {
                        cases.add(with(with(base, i, x), j, y));
                    }
                }
            }
        }
        cases.addAll(aliases(params, sample, base));
        SplittableRandom rnd = new SplittableRandom(seed ^ e.name().hashCode());
        for (int r = 0; r < randomCases; r++) {
            List<Variant> vs = new ArrayList<>(base);
            boolean[] changed = new boolean[p];
            int count = 0;
            for (int i = 0; i < p; i++) {
                List<Variant> a = attacks.get(i);
                if (!a.isEmpty() && rnd.nextInt(100) < 35) {
                    vs.set(i, a.get(rnd.nextInt(a.size())));
                    changed[i] = true;
                    count++;
                }
            }
            if (count >= 2) {
                cases.add(new Case(vs, changed));
            }
        }
        return cases;
    }

    /** Values around the ends of a range: the extremes, -1, 0, the baselines and one past each. */
    private static int[] edges(int a, int b) {
        return Arrays.stream(new int[] {Integer.MIN_VALUE, -1, 0, a, b, b + 1, Integer.MAX_VALUE - 1,
                Integer.MAX_VALUE}).distinct().toArray();
    }

    private static Case with(Case c, int i, Variant v) {
        List<Variant> vs = new ArrayList<>(c.variants());
        vs.set(i, v);
        boolean[] changed = c.changed().clone();
        changed[i] = true;
        return new Case(vs, changed);
    }

    private static Case with(List<Variant> base, int i, Variant v) {
        return with(new Case(base, new boolean[base.size()]), i, v);
    }

    static Map<String, Object> baselineValues(List<Param> params) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Param q : params) {
            m.put(q.name(), q.baseline().get());
        }
        return m;
    }

    /**
     * Every written array argument replaced by the array behind another argument of the same element type (an
     * input array, a {@code Boxes}' planes, a heap buffer's array), and written {@code Boxes} made to wrap another
     * argument's float array: outputs that alias inputs or other outputs.
     */
    private static List<Case> aliases(List<Param> params, Map<String, Object> sample, List<Variant> base) {
        List<Case> out = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            Param target = params.get(i);
            Object t = sample.get(target.name());
            if (!target.role().written() || t == null) {
                continue;
            }
            for (Param source : params) {
                if (source == target) {
                    continue;
                }
                Object s = Values.backingArray(sample.get(source.name()));
                if (s == null) {
                    continue;
                }
                String src = source.name();
                if (t.getClass().isArray() && s.getClass() == t.getClass()) {
                    out.add(with(base, i, Variant.late("the array of " + src,
                            others -> Values.backingArray(others.get(src)))));
                } else if (t instanceof dev.anchorvec.boxes.Boxes b && s instanceof float[]) {
                    int size = b.size();
                    out.add(with(base, i, Variant.late("Boxes over the array of " + src, others -> {
                        float[] a = (float[]) Values.backingArray(others.get(src));
                        if (a == null) {
                            return null;
                        }
                        int stride = a.length / 4;
                        return dev.anchorvec.boxes.Boxes.wrapPlanar(a, 0, stride, Math.min(size, stride));
                    })));
                }
            }
        }
        return out;
    }

    /** The arguments of one case: early variants first, then late ones that may use them. */
    static Object[] materialize(List<Param> params, Case c) {
        Object[] args = new Object[params.size()];
        Map<String, Object> made = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            Variant v = c.variants().get(i);
            if (!v.late()) {
                args[i] = v.make().apply(Map.of());
                made.put(params.get(i).name(), args[i]);
            }
        }
        for (int i = 0; i < args.length; i++) {
            Variant v = c.variants().get(i);
            if (v.late()) {
                args[i] = v.make().apply(made);
            }
        }
        return args;
    }
}
