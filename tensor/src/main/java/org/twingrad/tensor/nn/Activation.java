package org.twingrad.tensor.nn;

import java.util.List;
import org.twingrad.tensor.Tensor;

/** Activation layers: no parameters, the function applied elementwise (the derivatives live in {@link Tensor}). */
public enum Activation implements Module {
    SIGMOID, RELU, TANH, IDENTITY, IMPROVED_SIGMOID;

    @Override
    public Tensor forward(Tensor x) {
        switch (this) {
            case SIGMOID: return x.sigmoid();
            case RELU: return x.relu();
            case TANH: return x.tanh();
            case IMPROVED_SIGMOID: return x.improvedSigmoid();
            default: return x;
        }
    }

    @Override
    public List<Tensor> parameters() {
        return List.of();
    }

    @Override
    public List<Tensor> weights() {
        return List.of();
    }

    /** {@code sigmoid}, {@code relu}, {@code tanh}, {@code identity} or {@code improved-sigmoid}. */
    public static Activation parse(String name) {
        for (Activation a : values()) {
            if (a.cliName().equals(name.trim().toLowerCase(java.util.Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name
                + "': expected sigmoid, relu, tanh, identity or improved-sigmoid");
    }

    /** The command-line name: lower case with a hyphen. */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
