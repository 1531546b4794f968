package org.twingrad.tensor.nn;

import java.util.List;
import org.twingrad.data.NumpyRandom;
import org.twingrad.data.WeightInit;
import org.twingrad.tensor.Tensor;

/**
 * A fully connected layer y = x·W + b, with W of shape [in, out] (NumPy's and TDT4265's layout) and b of shape [out],
 * broadcast over the rows of the batch.
 *
 * <pre>{@code
 * Linear hidden = Linear.random(784, 64, WeightInit.fanIn(), new NumpyRandom(0));
 * Linear dlvu = Linear.of(new double[][] {{1, 1, 1}, {-1, -1, -1}}, new double[3]);   // W[i][j], as DLVU
 * Linear cmu = Linear.withBiasColumn(alpha);                                          // α[j][0] = bias of unit j
 * }</pre>
 */
public final class Linear implements Module {
    private final Tensor weight;
    private final Tensor bias;

    /** A layer over existing parameter tensors: weight [in, out], bias [out]. */
    public Linear(Tensor weight, Tensor bias) {
        int[] w = weight.shape();
        int[] b = bias.shape();
        if (w.length != 2 || b.length != 1 || b[0] != w[1]) {
            throw new IllegalArgumentException("Linear needs weight [in, out] and bias [out], got "
                    + java.util.Arrays.toString(w) + " and " + java.util.Arrays.toString(b));
        }
        this.weight = weight;
        this.bias = bias;
    }

    /** Weights drawn by {@code init} in NumPy's (fan_in, fan_out) order, biases 0. */
    public static Linear random(int in, int out, WeightInit init, NumpyRandom rng) {
        return new Linear(Tensor.of(init.sample(in, out, rng), in, out), Tensor.zeros(out));
    }

    /** {@code w[i][j]}: from input i to unit j. */
    public static Linear of(double[][] w, double[] b) {
        int in = w.length;
        int out = rectangular(w);
        double[] flat = new double[in * out];
        for (int i = 0; i < in; i++) {
            System.arraycopy(w[i], 0, flat, i * out, out);
        }
        return new Linear(Tensor.of(flat, in, out), Tensor.of(b, b.length));
    }

    /** {@code w[j][i]}: row j holds unit j's weights (CMU, TDT4265 write them so). */
    public static Linear fromRows(double[][] w, double[] b) {
        int out = w.length;
        int in = rectangular(w);
        double[] flat = new double[in * out];
        for (int j = 0; j < out; j++) {
            for (int i = 0; i < in; i++) {
                flat[i * out + j] = w[j][i];
            }
        }
        return new Linear(Tensor.of(flat, in, out), Tensor.of(b, b.length));
    }

    /** Row j is unit j: column 0 its bias, columns 1… its weights (CMU's α and β). */
    public static Linear withBiasColumn(double[][] wb) {
        int cols = rectangular(wb);
        double[][] w = new double[wb.length][cols - 1];
        double[] b = new double[wb.length];
        for (int j = 0; j < wb.length; j++) {
            b[j] = wb[j][0];
            System.arraycopy(wb[j], 1, w[j], 0, cols - 1);
        }
        return fromRows(w, b);
    }

    private static int rectangular(double[][] m) {
        if (m.length == 0 || m[0].length == 0) {
            throw new IllegalArgumentException("weight matrix is empty");
        }
        for (int r = 1; r < m.length; r++) {
            if (m[r].length != m[0].length) {
                throw new IllegalArgumentException("ragged weight matrix: row " + r + " has " + m[r].length
                        + " entries, row 0 has " + m[0].length);
            }
        }
        return m[0].length;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.matmul(weight).add(bias);
    }

    @Override
    public List<Tensor> parameters() {
        return List.of(weight, bias);
    }

    @Override
    public List<Tensor> weights() {
        return List.of(weight);
    }

    /** W, shape [in, out]. */
    public Tensor weight() {
        return weight;
    }

    /** b, shape [out]. */
    public Tensor bias() {
        return bias;
    }

    /** Number of inputs. */
    public int inputs() {
        return weight.shape()[0];
    }

    /** Number of units. */
    public int outputs() {
        return weight.shape()[1];
    }
}
