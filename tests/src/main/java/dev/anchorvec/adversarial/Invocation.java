package dev.anchorvec.adversarial;

import java.util.List;

/**
 * The arguments of one generated call, in the order the {@link EntryPoint} declared them. {@link #get} is
 * generic so that a call reads naturally: {@code BoxIou.aligned(x.get(0), x.get(1), x.get(2), ...)} (Java infers
 * each type from the parameter it is passed to; primitives unbox).
 */
public final class Invocation {

    private final List<String> names;
    private final Object[] args;

    Invocation(List<String> names, Object[] args) {
        this.names = names;
        this.args = args;
    }

    /** Argument {@code i}, cast to whatever the caller expects. */
    @SuppressWarnings("unchecked")
    public <T> T get(int i) {
        return (T) args[i];
    }

    /** The argument called {@code name}. */
    @SuppressWarnings("unchecked")
    public <T> T get(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no argument " + name + " in " + names);
        }
        return (T) args[i];
    }

    /** Number of arguments. */
    public int size() {
        return args.length;
    }

    Object[] raw() {
        return args;
    }
}
