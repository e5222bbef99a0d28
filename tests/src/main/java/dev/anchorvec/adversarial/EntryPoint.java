package dev.anchorvec.adversarial;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One public entry point, described once: its arguments (each with a valid baseline, a {@link Role} and an
 * {@link Attack}), how to call it, optionally twin implementations whose results must be bit-identical (the
 * scalar and the vector kernels behind a facade), documented answers ({@link Rule}s) and exception types it
 * documents besides {@link IllegalArgumentException}, {@link NullPointerException} and
 * {@link IllegalStateException}. See the package documentation for a complete example.
 */
public final class EntryPoint {

    private final String name;
    private final List<Param> params;
    private final Call call;
    private final Map<String, Twin> twins;
    private final List<Rule> rules;
    private final List<String[]> pairs;
    private final Set<Class<? extends Throwable>> documented;
    private final boolean finiteOutputs;

    private EntryPoint(Builder b) {
        this.name = b.name;
        this.params = List.copyOf(b.params);
        this.call = Objects.requireNonNull(b.call, "call");
        this.twins = Map.copyOf(b.twins);
        this.rules = List.copyOf(b.rules);
        this.pairs = List.copyOf(b.pairs);
        this.documented = Set.copyOf(b.documented);
        this.finiteOutputs = b.finiteOutputs;
    }

    /** Starts the description of the entry point called {@code name} in reports (its signature, say). */
    public static Builder named(String name) {
        return new Builder(name);
    }

    /** The name reports use. */
    public String name() {
        return name;
    }

    /** The arguments, in call order. */
    public List<Param> params() {
        return params;
    }

    Call call() {
        return call;
    }

    /** A twin implementation and the calls it applies to. */
    record Twin(Call call, Predicate<Invocation> applies) {}

    Map<String, Twin> twins() {
        return twins;
    }

    List<Rule> rules() {
        return rules;
    }

    List<String[]> pairs() {
        return pairs;
    }

    boolean documents(Throwable t) {
        for (Class<? extends Throwable> c : documented) {
            if (c.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    boolean finiteOutputs() {
        return finiteOutputs;
    }

    int index(String param) {
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).name().equals(param)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name + " has no argument " + param);
    }

    /** Builds an {@link EntryPoint}; arguments are added in call order. */
    public static final class Builder {

        private final String name;
        private final List<Param> params = new ArrayList<>();
        private Call call;
        private final Map<String, Twin> twins = new LinkedHashMap<>();
        private final List<Rule> rules = new ArrayList<>();
        private final List<String[]> pairs = new ArrayList<>();
        private final List<Class<? extends Throwable>> documented = new ArrayList<>();
        private boolean finiteOutputs = true;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** A read-only argument (array, boxes or scalar). */
        public Builder in(String name, Supplier<?> baseline, Attack attack) {
            return param(new Param(name, Role.INPUT, baseline, attack));
        }

        /** An argument the call writes (an output array, boxes it fills). */
        public Builder out(String name, Supplier<?> baseline, Attack attack) {
            return param(new Param(name, Role.OUTPUT, baseline, attack));
        }

        /** An argument read and written in place. */
        public Builder inOut(String name, Supplier<?> baseline, Attack attack) {
            return param(new Param(name, Role.IN_OUT, baseline, attack));
        }

        /** Any argument. */
        public Builder param(Param p) {
            for (Param q : params) {
                if (q.name().equals(p.name())) {
                    throw new IllegalArgumentException("duplicate argument " + p.name());
                }
            }
            params.add(p);
            return this;
        }

        /** How to call the entry point. */
        public Builder call(Call call) {
            this.call = Objects.requireNonNull(call, "call");
            return this;
        }

        /**
         * Another implementation of the same contract, called with deep copies of the same arguments after the
         * entry point returned normally; its outputs and result must be bit-identical. Use it for the scalar and
         * the vector kernels behind a facade (load them as {@code IouImpls} does), so both are compared in one JVM
         * whatever the facade chose.
         */
        public Builder twin(String name, Call twin) {
            return twinWhen(name, x -> true, twin);
        }

        /**
         * A twin that only applies to the calls {@code applies} accepts (evaluated on a copy of the arguments
         * before the call). Use it only for a documented, tested difference, and say which test bounds it.
         */
        public Builder twinWhen(String name, Predicate<Invocation> applies, Call twin) {
            twins.put(Objects.requireNonNull(name, "name"), new Twin(Objects.requireNonNull(twin, "twin"),
                    Objects.requireNonNull(applies, "applies")));
            return this;
        }

        /** A documented answer checked on every successful call. */
        public Builder rule(Rule rule) {
            rules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /**
         * Two arguments that are attacked together as well as one by one: integers (a range's {@code from} and
         * {@code to}, an offset and a count) with values around both ends, so that sums and differences of the
         * two overflow; any other two (two box sets whose product sizes an allocation) with every combination of
         * their variants.
         */
        public Builder pair(String first, String second) {
            pairs.add(new String[] {first, second});
            return this;
        }

        /**
         * An exception type the entry point documents besides {@link IllegalArgumentException},
         * {@link NullPointerException} and {@link IllegalStateException} (for example
         * {@link IndexOutOfBoundsException} from an element accessor): a clear error, not a defect.
         */
        public Builder documents(Class<? extends Throwable> type) {
            documented.add(Objects.requireNonNull(type, "type"));
            return this;
        }

        /**
         * The outputs may hold non-finite values for finite inputs (only where the entry point documents it, for
         * example a function that returns its input unchanged); by default they must not.
         */
        public Builder nonFiniteOutputsDocumented() {
            finiteOutputs = false;
            return this;
        }

        /** Builds the description. */
        public EntryPoint build() {
            if (call == null) {
                throw new IllegalStateException(name + ": no call");
            }
            for (String[] p : pairs) {
                if (params.stream().noneMatch(q -> q.name().equals(p[0]))
                        || params.stream().noneMatch(q -> q.name().equals(p[1]))) {
                    throw new IllegalStateException(name + ": pair " + p[0] + ", " + p[1] + " names no argument");
                }
            }
            return new EntryPoint(this);
        }
    }
}
