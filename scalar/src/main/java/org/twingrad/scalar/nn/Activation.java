package org.twingrad.scalar.nn;

import org.twingrad.scalar.Value;

/** The activation functions of the homework networks, each built from {@link Value} ops (which hold the derivatives). */
public enum Activation {
    /** σ(x) = 1/(1 + e⁻ˣ). */
    SIGMOID {
        @Override
        public Value apply(Value x) {
            return x.sigmoid();
        }
    },
    /** max(0, x). */
    RELU {
        @Override
        public Value apply(Value x) {
            return x.relu();
        }
    },
    /** tanh x. */
    TANH {
        @Override
        public Value apply(Value x) {
            return x.tanh();
        }
    },
    /** x: no activation (linear units; logits before a softmax). */
    IDENTITY {
        @Override
        public Value apply(Value x) {
            return x;
        }
    },
    /** LeCun's improved sigmoid 1.7159·tanh(2x/3) (Efficient BackProp, 1998; TDT4265 A2 task 3). */
    IMPROVED_SIGMOID {
        @Override
        public Value apply(Value x) {
            return x.mul(2.0 / 3.0).tanh().mul(1.7159);
        }
    };

    /** f(x) as a graph node. */
    public abstract Value apply(Value x);

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

    /** The name on the command line: lower case, with a hyphen. */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
