package org.twingrad.data;

import java.util.Locale;

/**
 * The activation functions of the homework networks, for both engines: f(x) is built from the node type's own ops,
 * which hold the derivatives ({@code Value} one number at a time, {@code Tensor} elementwise). The names are the ones
 * the command line and the network files use.
 */
public enum Activation {
    SIGMOID, RELU, TANH, IDENTITY, IMPROVED_SIGMOID;

    /** What f needs of a graph node: the ops {@code Value} and {@code Tensor} both have. */
    public interface Node<T extends Node<T>> {
        T sigmoid();
        T relu();
        T tanh();
        T improvedSigmoid();
    }

    /** f(x) as a graph node. */
    public <T extends Node<T>> T forward(T x) {
        return switch (this) {
            case SIGMOID -> x.sigmoid();                // 1/(1 + e⁻ˣ)
            case RELU -> x.relu();                      // max(0, x)
            case TANH -> x.tanh();
            case IDENTITY -> x;                         // linear units; logits before a softmax
            case IMPROVED_SIGMOID -> x.improvedSigmoid();   // LeCun's 1.7159·tanh(2x/3), TDT4265 A2
        };
    }

    /** {@code sigmoid}, {@code relu}, {@code tanh}, {@code identity} or {@code improved-sigmoid}, any case. */
    public static Activation parse(String name) {
        for (Activation a : values()) {
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
