package org.twingrad.scalar.nn;

import java.util.ArrayList;
import java.util.List;
import org.twingrad.data.NumpyRandom;
import org.twingrad.data.WeightInit;
import org.twingrad.scalar.Value;

/**
 * A fully connected layer of {@link Neuron}s sharing one activation. Build it from the weights a homework sheet
 * prints, in whichever orientation the sheet uses:
 *
 * <pre>{@code
 * Layer.fromRows(w, b, SIGMOID);        // w[j][i]: row j holds unit j's weights (CMU, TDT4265)
 * Layer.fromColumns(W, b, SIGMOID);     // W[i][j]: k_j = Σ_i x_i·W[i][j] + b_j (DLVU)
 * Layer.withBiasColumn(alpha, SIGMOID); // alpha[j][0] is unit j's bias, alpha[j][i] its weight for x_i (CMU §1)
 * }</pre>
 */
public final class Layer {
    private final List<Neuron> neurons;
    private final int inputs;
    private String name = "";
    /** Labels of each unit's w·x, z and h nodes, made once by {@link #named}; null while unnamed. */
    private String[] wxNames;
    private String[] zNames;
    private String[] hNames;

    /** A layer over existing neurons, which must all take the same number of inputs. */
    public Layer(List<Neuron> neurons) {
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

    /** {@code w[j][i]} is the weight from input i to unit j; {@code b[j]} unit j's bias. */
    public static Layer fromRows(double[][] w, double[] b, Activation f) {
        int in = checkRectangular(w, "weight matrix");
        if (b.length != w.length) {
            throw new IllegalArgumentException("bias has " + b.length + " entries, weight matrix has " + w.length + " rows (units)");
        }
        List<Neuron> ns = new ArrayList<>();
        for (int j = 0; j < w.length; j++) {
            List<Value> wj = new ArrayList<>(in);
            for (int i = 0; i < in; i++) {
                wj.add(Value.of(w[j][i]));
            }
            ns.add(new Neuron(wj, Value.of(b[j]), f));
        }
        return new Layer(ns);
    }

    /** {@code w[i][j]} is the weight from input i to unit j (unit = column), as DLVU writes k_j = Σ_i x_i·W[i][j] + b_j. */
    public static Layer fromColumns(double[][] w, double[] b, Activation f) {
        int out = checkRectangular(w, "weight matrix");
        double[][] rows = new double[out][w.length];
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < out; j++) {
                rows[j][i] = w[i][j];
            }
        }
        return fromRows(rows, b, f);
    }

    /** Column 0 of each row is the unit's bias, the other columns its weights (CMU's α and β). */
    public static Layer withBiasColumn(double[][] wb, Activation f) {
        int cols = checkRectangular(wb, "weight matrix with bias column");
        if (cols < 2) {
            throw new IllegalArgumentException("a weight matrix with a bias column needs at least 2 columns, has " + cols);
        }
        double[][] w = new double[wb.length][cols - 1];
        double[] b = new double[wb.length];
        for (int j = 0; j < wb.length; j++) {
            b[j] = wb[j][0];
            System.arraycopy(wb[j], 1, w[j], 0, cols - 1);
        }
        return fromRows(w, b, f);
    }

    /** Weights drawn by {@code init} in NumPy's {@code (fan_in, fan_out)} order; biases 0. */
    public static Layer random(int inputs, int units, Activation f, WeightInit init, NumpyRandom rng) {
        double[] drawn = init.sample(inputs, units, rng);
        double[][] w = new double[units][inputs];
        for (int i = 0; i < inputs; i++) {
            for (int j = 0; j < units; j++) {
                w[j][i] = drawn[i * units + j];
            }
        }
        return fromRows(w, new double[units], f);
    }

    private static int checkRectangular(double[][] m, String what) {
        if (m.length == 0 || m[0].length == 0) {
            throw new IllegalArgumentException(what + " is empty");
        }
        for (int r = 1; r < m.length; r++) {
            if (m[r].length != m[0].length) {
                throw new IllegalArgumentException("ragged " + what + ": row " + r + " has " + m[r].length
                        + " entries, row 0 has " + m[0].length);
            }
        }
        return m[0].length;
    }

    /**
     * Names the layer: weights become {@code W<name>[j,i]} (unit j, input i), biases {@code b<name>[j]}, and each
     * forward pass labels pre-activations {@code z<name>[j]} and outputs {@code h<name>[j]}. Indices start at 0.
     */
    public Layer named(String layerName) {
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

    /** Every unit's output. */
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

    /** The neurons, unit 0 first. */
    public List<Neuron> neurons() {
        return neurons;
    }

    /** Number of inputs each unit takes. */
    public int inputs() {
        return inputs;
    }

    /** Number of units. */
    public int outputs() {
        return neurons.size();
    }

    /** Weight wⱼᵢ (unit j, input i). */
    public Value weight(int j, int i) {
        return neurons.get(j).weights().get(i);
    }

    /** Bias of unit j. */
    public Value bias(int j) {
        return neurons.get(j).bias();
    }
}
