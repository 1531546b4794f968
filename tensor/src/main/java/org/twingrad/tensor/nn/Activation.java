package org.twingrad.tensor.nn;

import org.twingrad.data.ActivationName;
import org.twingrad.tensor.Tensor;

/** The activation functions of the homework networks, applied elementwise (the derivatives live in {@link Tensor}). */
public enum Activation {
    SIGMOID, RELU, TANH, IDENTITY, IMPROVED_SIGMOID;

    /** f(x), elementwise, as a graph node. */
    public Tensor forward(Tensor x) {
        return switch (this) {
            case SIGMOID -> x.sigmoid();                                    // 1/(1 + e⁻ˣ)
            case RELU -> x.relu();                                          // max(0, x)
            case TANH -> x.tanh();
            case IDENTITY -> x;                                             // linear units; logits before a softmax
            case IMPROVED_SIGMOID -> x.improvedSigmoid();                   // LeCun's 1.7159·tanh(2x/3), TDT4265 A2
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
