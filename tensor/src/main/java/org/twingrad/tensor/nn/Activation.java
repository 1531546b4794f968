package org.twingrad.tensor.nn;

import org.twingrad.data.ActivationName;
import org.twingrad.tensor.Tensor;

/** The activation functions of the homework networks, applied elementwise (the derivatives live in {@link Tensor}). */
public enum Activation {
    SIGMOID, RELU, TANH, IDENTITY, IMPROVED_SIGMOID;

    /** f(x), elementwise, as a graph node. */
    public Tensor forward(Tensor x) {
        switch (this) {
            case SIGMOID: return x.sigmoid();
            case RELU: return x.relu();
            case TANH: return x.tanh();
            case IMPROVED_SIGMOID: return x.improvedSigmoid();
            default: return x;
        }
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
