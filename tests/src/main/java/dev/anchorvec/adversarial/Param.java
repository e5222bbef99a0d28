package dev.anchorvec.adversarial;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One argument of an entry point: its name (as the Javadoc calls it, so that a message can be checked to name
 * it), its {@link Role}, a valid baseline value (made fresh for every call) and the {@link Attack} that
 * generates its adversarial values.
 */
public record Param(String name, Role role, Supplier<?> baseline, Attack attack) {

    public Param {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(attack, "attack");
    }
}
