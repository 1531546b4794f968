package org.twingrad.scalar.nn;

import org.twingrad.data.ActivationName;
import org.twingrad.scalar.Value;

/** The activation functions of the homework networks, each built from {@link Value} ops (which hold the derivatives). */
public enum Activation {
    /** σ(x) = 1/(1 + e⁻ˣ). */
    SIGMOID {
        @Override
        public Value forward(Value x) {
            return x.sigmoid();
        }
    },
    /** max(0, x). */
    RELU {
        @Override
        public Value forward(Value x) {
            return x.relu();
        }
    },
    /** tanh x. */
    TANH {
        @Override
        public Value forward(Value x) {
            return x.tanh();
        }
    },
    /** x: no activation (linear units; logits before a softmax). */
    IDENTITY {
        @Override
        public Value forward(Value x) {
            return x;
        }
    },
    /** LeCun's improved sigmoid 1.7159·tanh(2x/3) (Efficient BackProp, 1998; TDT4265 A2 task 3). */
    IMPROVED_SIGMOID {
        @Override
        public Value forward(Value x) {
            return x.mul(2.0 / 3.0).tanh().mul(1.7159);
        }
    };

    /** f(x) as a graph node. */
    public abstract Value forward(Value x);

    /** The activation of that name. */
    public static Activation of(ActivationName name) {
        return valueOf(name.name());
    }

    /** Its name, as the command line and {@link org.twingrad.data.NetworkSpec} spell it. */
    public ActivationName toName() {
        return ActivationName.valueOf(name());
    }
}
