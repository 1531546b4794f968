package org.twingrad.scalar.nn;

import java.util.List;
import org.twingrad.scalar.Value;

/**
 * One unit: out = f(Σᵢ wᵢ·xᵢ + b). Its weights and bias are leaf {@link Value}s, the parameters an optimizer changes.
 */
public final class Neuron {
    private final List<Value> weights;
    private final Value bias;
    private final Activation activation;

    /** A neuron over existing parameter nodes. */
    public Neuron(List<Value> weights, Value bias, Activation activation) {
        this.weights = List.copyOf(weights);
        this.bias = bias;
        this.activation = activation;
    }

    /** f(w·x + b), with no labels on the new nodes. */
    public Value forward(List<Value> x) {
        return activate(preActivation(x, null, null), null);
    }

    /** z = w·x + b, the pre-activation; the nodes w·x and z get the labels given (null for none). */
    public Value preActivation(List<Value> x, String wxName, String zName) {
        if (x.size() != weights.size()) {
            throw new IllegalArgumentException("neuron has " + weights.size() + " weights but got " + x.size() + " inputs");
        }
        Value wx = Value.dot(weights, x);
        Value z = wx.add(bias);
        if (zName != null) {
            wx.label(wxName);
            z.label(zName);
        }
        return z;
    }

    /** f(z), labelled {@code hName} unless f is the identity (then the output is z itself and keeps z's label). */
    public Value activate(Value z, String hName) {
        Value h = activation.forward(z);
        if (hName != null && h != z) {
            h.label(hName);
        }
        return h;
    }

    /** The weights wᵢ, one per input. */
    public List<Value> weights() {
        return weights;
    }

    /** The bias b. */
    public Value bias() {
        return bias;
    }

    /** f. */
    public Activation activation() {
        return activation;
    }
}
