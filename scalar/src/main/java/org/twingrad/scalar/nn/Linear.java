package org.twingrad.scalar.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.twingrad.data.Activation;
import org.twingrad.data.NetworkSpec;
import org.twingrad.data.NumpyRandom;
import org.twingrad.data.WeightInit;
import org.twingrad.scalar.Value;

/**
 * A fully connected layer h = f(x·Wᵀ + b) on one input vector x: W is [out, in], row j holding unit j's weights, as
 * PyTorch stores them, and unit j computes h_j = f(w_j·x + b_j). The homework sheets' other layouts are named
 * factories:
 *
 * <pre>{@code
 * Linear.of(w, b, SIGMOID);             // w[j][i]: row j holds unit j's weights (CMU, TDT4265)
 * Linear.fromInputRows(W, b, SIGMOID);  // W[i][j]: k_j = Σ_i x_i·W[i][j] + b_j (DLVU, NumPy)
 * Linear.withBiasColumn(alpha, SIGMOID); // alpha[j][0] is unit j's bias, alpha[j][i] its weight for x_i (CMU §1)
 * }</pre>
 */
public final class Linear {
    private final Value[][] weight;
    private final Value[] bias;
    private final Activation activation;
    private String name = "";
    /** Labels of each unit's w·x, z and h nodes, made once by {@link #named}; null while unnamed. */
    private String[] wxNames;
    private String[] zNames;
    private String[] hNames;

    private Linear(Value[][] weight, Value[] bias, Activation activation) {
        this.weight = weight;
        this.bias = bias;
        this.activation = activation;
    }

    /** {@code w[j][i]}: unit j's weight for input i, [out][in]; {@code b[j]}: unit j's bias. */
    public static Linear of(double[][] w, double[] b, Activation f) {
        return from(new NetworkSpec.Layer(w, b, f.cliName()));
    }

    /** {@code w[i][j]}: from input i to unit j, [in][out], as NumPy and DLVU write k_j = Σ_i x_i·W[i][j] + b_j. */
    public static Linear fromInputRows(double[][] w, double[] b, Activation f) {
        return from(NetworkSpec.Layer.fromInputRows(w, b, f.cliName()));
    }

    /** The layer a {@link NetworkSpec.Layer} describes, with new leaf nodes for its numbers. */
    public static Linear from(NetworkSpec.Layer spec) {
        Value[][] w = Arrays.stream(spec.weights()).map(Linear::leaves).toArray(Value[][]::new);
        return new Linear(w, leaves(spec.bias()), spec.f());
    }

    private static Value[] leaves(double[] numbers) {
        return Arrays.stream(numbers).mapToObj(Value::of).toArray(Value[]::new);
    }

    /** Row j is unit j: column 0 its bias, columns 1… its weights (CMU's α and β). */
    public static Linear withBiasColumn(double[][] wb, Activation f) {
        return from(NetworkSpec.Layer.withBiasColumn(wb, f.cliName()));
    }

    /** Weights drawn by {@code init} in NumPy's {@code (fan_in, fan_out)} order, stored [out, in]; biases 0. */
    public static Linear random(int in, int out, Activation f, WeightInit init, NumpyRandom rng) {
        return from(NetworkSpec.Layer.random(in, out, f.cliName(), init, rng));
    }

    /** The layer's numbers as they are now, weights [out][in]. */
    public NetworkSpec.Layer export() {
        double[][] w = Arrays.stream(weight).map(Linear::numbers).toArray(double[][]::new);
        return new NetworkSpec.Layer(w, numbers(bias), activation.cliName());
    }

    private static double[] numbers(Value[] nodes) {
        return Arrays.stream(nodes).mapToDouble(Value::data).toArray();
    }

    /**
     * Names the layer: weights become {@code W<name>[j,i]} (unit j, input i), biases {@code b<name>[j]}, and each
     * forward pass labels pre-activations {@code z<name>[j]} and outputs {@code h<name>[j]}. Indices start at 0.
     */
    public Linear named(String layerName) {
        this.name = layerName;
        wxNames = new String[outputs()];
        zNames = new String[outputs()];
        hNames = new String[outputs()];
        for (int j = 0; j < outputs(); j++) {
            for (int i = 0; i < inputs(); i++) {
                weight[j][i].label("W" + layerName + "[" + j + "," + i + "]");
            }
            bias[j].label("b" + layerName + "[" + j + "]");
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

    /**
     * Every unit's output h = f(z), z = w·x + b; each unit's pre-activation z is also added to {@code z} unless it is
     * null. A named layer labels the new nodes; with f the identity, h is z itself and keeps z's label.
     */
    public List<Value> forward(List<Value> x, List<Value> z) {
        if (x.size() != inputs()) {
            throw new IllegalArgumentException("layer " + name + " takes " + inputs() + " inputs, got " + x.size());
        }
        List<Value> out = new ArrayList<>(outputs());
        for (int j = 0; j < outputs(); j++) {
            Value wx = Value.dot(Arrays.asList(weight[j]), x);       // w·x as one node, not 2n
            Value zj = wx.add(bias[j]);
            Value h = activation.forward(zj);
            if (zNames != null) {
                wx.label(wxNames[j]);
                zj.label(zNames[j]);
                h.label(h == zj ? zNames[j] : hNames[j]);
            }
            if (z != null) {
                z.add(zj);
            }
            out.add(h);
        }
        return out;
    }

    /** Every parameter: the weights [out, in] row by row, then the biases. */
    public List<Value> parameters() {
        return Stream.concat(weights().stream(), Arrays.stream(bias)).toList();
    }

    /** The weights only, [out, in] row by row (what an L2 penalty covers). */
    public List<Value> weights() {
        return Arrays.stream(weight).flatMap(Arrays::stream).toList();
    }

    /** Weight w[j][i]: unit j, input i. */
    public Value weight(int j, int i) {
        return weight[j][i];
    }

    /** Bias of unit j. */
    public Value bias(int j) {
        return bias[j];
    }

    /** f, the same for every unit. */
    public Activation activation() {
        return activation;
    }

    /** Number of inputs each unit takes. */
    public int inputs() {
        return weight[0].length;
    }

    /** Number of units. */
    public int outputs() {
        return bias.length;
    }
}
