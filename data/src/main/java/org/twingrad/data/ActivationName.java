package org.twingrad.data;

import java.util.Locale;

/**
 * The activation functions by name, as the command line and the network files spell them; each engine's
 * {@code Activation} maps from and to this one list, so a name is parsed in one place only.
 */
public enum ActivationName {
    SIGMOID, RELU, TANH, IDENTITY, IMPROVED_SIGMOID;

    /** {@code sigmoid}, {@code relu}, {@code tanh}, {@code identity} or {@code improved-sigmoid}, any case. */
    public static ActivationName parse(String name) {
        for (ActivationName a : values()) {
            if (a.cliName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name
                + "': expected sigmoid, relu, tanh, identity or improved-sigmoid");
    }

    /** The name on the command line: lower case, with a hyphen. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
