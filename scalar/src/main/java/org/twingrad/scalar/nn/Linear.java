package org.twingrad.scalar.nn;

import java.util.ArrayList;
import java.util.List;
import org.twingrad.data.NetworkSpec;
import org.twingrad.data.NumpyRandom;
import org.twingrad.data.WeightInit;
import org.twingrad.scalar.Value;

/**
 * A fully connected layer h = f(x·Wᵀ + b): one {@link Neuron} per unit, all with the same activation f. The weights
 * are [out, in], row j holding unit j's weights, as PyTorch stores them; the homework sheets' other layouts are named
 * factories:
 *
 * <pre>{@code
 * Linear.of(w, b, SIGMOID);             // w[j][i]: row j holds unit j's weights (CMU, TDT4265)
 * Linear.fromInputRows(W, b, SIGMOID);  // W[i][j]: k_j = Σ_i x_i·W[i][j] + b_j (DLVU, NumPy)
 * Linear.withBiasColumn(alpha, SIGMOID); // alpha[j][0] is unit j's bias, alpha[j][i] its weight for x_i (CMU §1)
 * }</pre>
 */
public final class Linear {
    private final List<Neuron> neurons;
    private final int inputs;
    private String name = "";
    /** Labels of each unit's w·x, z and h nodes, made once by {@link #named}; null while unnamed. */
    private String[] wxNames;
    private String[] zNames;
    private String[] hNames;

    /** A layer over existing neurons, which must all take the same number of inputs. */
    public Linear(List<Neuron> neurons) {
        if (neurons.isEmpty()) {
            throw new IllegalArgumentException("a layer needs at least one neuron");
        }
        this.neurons = List.copyOf(neurons);
        this.inputs = neurons.get(0).weights().size();
        for (int j = 0; j < neurons.size(); j++) {
            if (neurons.get(j).weights().size() != inputs) {
                throw new IllegalArgumentException("neuron " + j + " has " + neurons.get(j).weights().size()
                        + " weights, neuron 0 has " + inputs);
            }
        }
    }

    /** {@code w[j][i]}: unit j's weight for input i, [out][in]; {@code b[j]}: unit j's bias. */
    public static Linear of(double[][] w, double[] b, Activation f) {
        return from(new NetworkSpec.Layer(w, b, f.toName().cliName()));
    }

    /** {@code w[i][j]}: from input i to unit j, [in][out], as NumPy and DLVU write k_j = Σ_i x_i·W[i][j] + b_j. */
    public static Linear fromInputRows(double[][] w, double[] b, Activation f) {
        return from(NetworkSpec.Layer.fromInputRows(w, b, f.toName().cliName()));
    }

    /** The layer a {@link NetworkSpec.Layer} describes, with new leaf nodes for its numbers. */
    public static Linear from(NetworkSpec.Layer spec) {
        Activation f = Activation.of(spec.activationName());
        List<Neuron> ns = new ArrayList<>(spec.outputs());
        for (int j = 0; j < spec.outputs(); j++) {
            List<Value> wj = new ArrayList<>(spec.inputs());
            for (double w : spec.weights()[j]) {
                wj.add(Value.of(w));
            }
            ns.add(new Neuron(wj, Value.of(spec.bias()[j]), f));
        }
        return new Linear(ns);
    }

    /** Row j is unit j: column 0 its bias, columns 1… its weights (CMU's α and β). */
    public static Linear withBiasColumn(double[][] wb, Activation f) {
        return from(NetworkSpec.Layer.withBiasColumn(wb, f.toName().cliName()));
    }

    /** Weights drawn by {@code init} in NumPy's {@code (fan_in, fan_out)} order, stored [out, in]; biases 0. */
    public static Linear random(int in, int out, Activation f, WeightInit init, NumpyRandom rng) {
        return from(NetworkSpec.Layer.random(in, out, f.toName().cliName(), init, rng));
    }

    /** The layer's numbers as they are now, weights [out][in]. */
    public NetworkSpec.Layer export() {
        double[][] w = new double[outputs()][inputs];
        double[] b = new double[outputs()];
        for (int j = 0; j < outputs(); j++) {
            for (int i = 0; i < inputs; i++) {
                w[j][i] = weight(j, i).data();
            }
            b[j] = bias(j).data();
        }
        return new NetworkSpec.Layer(w, b, activation().toName().cliName());
    }

    /**
     * Names the layer: weights become {@code W<name>[j,i]} (unit j, input i), biases {@code b<name>[j]}, and each
     * forward pass labels pre-activations {@code z<name>[j]} and outputs {@code h<name>[j]}. Indices start at 0.
     */
    public Linear named(String layerName) {
        this.name = layerName;
        for (int j = 0; j < neurons.size(); j++) {
            Neuron n = neurons.get(j);
            for (int i = 0; i < inputs; i++) {
                n.weights().get(i).label("W" + layerName + "[" + j + "," + i + "]");
            }
            n.bias().label("b" + layerName + "[" + j + "]");
        }
        wxNames = new String[neurons.size()];
        zNames = new String[neurons.size()];
        hNames = new String[neurons.size()];
        for (int j = 0; j < neurons.size(); j++) {
            wxNames[j] = "Wx" + layerName + "[" + j + "]";
            zNames[j] = "z" + layerName + "[" + j + "]";
            hNames[j] = "h" + layerName + "[" + j + "]";
        }
        return this;
    }

    /** Every unit's output h = f(w·x + b). */
    public List<Value> forward(List<Value> x) {
        return forward(x, null);
    }

    /** Every unit's output h = f(z); each unit's pre-activation z is also added to {@code z} unless it is null. */
    public List<Value> forward(List<Value> x, List<Value> z) {
        if (x.size() != inputs) {
            throw new IllegalArgumentException("layer " + name + " takes " + inputs + " inputs, got " + x.size());
        }
        List<Value> out = new ArrayList<>(neurons.size());
        for (int j = 0; j < neurons.size(); j++) {
            Neuron n = neurons.get(j);
            Value zj = zNames == null ? n.preActivation(x, null, null) : n.preActivation(x, wxNames[j], zNames[j]);
            if (z != null) {
                z.add(zj);
            }
            out.add(n.activate(zj, zNames == null ? null : hNames[j]));
        }
        return out;
    }

    /** Every parameter: the weights [out, in] row by row, then the biases. */
    public List<Value> parameters() {
        List<Value> ps = weights();
        for (Neuron n : neurons) {
            ps.add(n.bias());
        }
        return ps;
    }

    /** The weights only, [out, in] row by row (what an L2 penalty covers). */
    public List<Value> weights() {
        List<Value> ws = new ArrayList<>(neurons.size() * inputs);
        for (Neuron n : neurons) {
            ws.addAll(n.weights());
        }
        return ws;
    }

    /** Weight w[j][i]: unit j, input i. */
    public Value weight(int j, int i) {
        return neurons.get(j).weights().get(i);
    }

    /** Bias of unit j. */
    public Value bias(int j) {
        return neurons.get(j).bias();
    }

    /** f, the same for every unit. */
    public Activation activation() {
        return neurons.get(0).activation();
    }

    /** Number of inputs each unit takes. */
    public int inputs() {
        return inputs;
    }

    /** Number of units. */
    public int outputs() {
        return neurons.size();
    }
}
