package org.twingrad.scalar.nn;

import org.twingrad.data.ActivationName;
import org.twingrad.scalar.Value;

/** The activation functions of the homework networks, each built from {@link Value} ops (which hold the derivatives). */
public enum Activation {
    SIGMOID, RELU, TANH, IDENTITY, IMPROVED_SIGMOID;

    /** f(x) as a graph node. */
    public Value forward(Value x) {
        return switch (this) {
            case SIGMOID -> x.sigmoid();                                    // 1/(1 + e⁻ˣ)
            case RELU -> x.relu();                                          // max(0, x)
            case TANH -> x.tanh();
            case IDENTITY -> x;                                             // linear units; logits before a softmax
            case IMPROVED_SIGMOID -> x.mul(2.0 / 3.0).tanh().mul(1.7159);   // LeCun's 1.7159·tanh(2x/3), TDT4265 A2
        };
    }

    /** The activation of that name. */
    public static Activation of(ActivationName name) {
        return valueOf(name.name());
    }

    /** Its name, as the command line and {@link org.twingrad.data.NetworkSpec} spell it. */
    public ActivationName toName() {
        return ActivationName.valueOf(name());
    }
}
