package org.twingrad.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A network as plain numbers and names, no engine types: each engine builds from it ({@code MLP.from(spec)}) and
 * exports to it ({@code mlp.export()}), so moving a network from one engine to the other is export, then from. The
 * arrays are held as given, not copied.
 *
 * <pre>{@code
 * NetworkSpec spec = scalarNet.export();
 * org.twingrad.tensor.nn.MLP twin = org.twingrad.tensor.nn.MLP.from(spec);
 * }</pre>
 *
 * @param layers first to last; each takes as many inputs as the one before has units
 */
public record NetworkSpec(List<Layer> layers) {
    /**
     * One fully connected layer h = f(x·Wᵀ + b).
     *
     * @param weights    {@code weights[j][i]}: unit j's weight for input i, shape [out][in] (PyTorch's layout)
     * @param bias       {@code bias[j]}: unit j's bias
     * @param activation f by its {@link Activation} spelling ({@code sigmoid}, {@code relu}, …)
     */
    public record Layer(double[][] weights, double[] bias, String activation) {
        /** Checks the shapes and the name and spells the name as {@link Activation#cliName} does. */
        public Layer {
            rectangular(weights, "weight matrix");
            if (bias.length != weights.length) {
                throw new IllegalArgumentException("bias has " + bias.length + " entries, weight matrix has "
                        + weights.length + " rows (units)");
            }
            activation = Activation.parse(activation).cliName();
        }

        /** {@code w[i][j]}: from input i to unit j, NumPy's and DLVU's layout (k_j = Σ_i x_i·W[i][j] + b_j). */
        public static Layer fromInputRows(double[][] w, double[] b, String activation) {
            rectangular(w, "weight matrix");
            return new Layer(transpose(w), b, activation);
        }

        /** Row j is unit j: column 0 its bias, columns 1… its weights (CMU's α and β). */
        public static Layer withBiasColumn(double[][] wb, String activation) {
            int cols = rectangular(wb, "weight matrix with bias column");
            if (cols < 2) {
                throw new IllegalArgumentException("a weight matrix with a bias column needs at least 2 columns, has "
                        + cols);
            }
            double[][] w = Arrays.stream(wb).map(row -> Arrays.copyOfRange(row, 1, cols)).toArray(double[][]::new);
            return new Layer(w, Arrays.stream(wb).mapToDouble(row -> row[0]).toArray(), activation);
        }

        /**
         * Weights drawn by {@code init} in NumPy's {@code (fan_in, fan_out)} order, as the starter code draws them,
         * then stored [out][in]; biases 0.
         */
        public static Layer random(int in, int out, String activation, WeightInit init, NumpyRandom rng) {
            return fromInputRows(init.sample(in, out, rng), new double[out], activation);
        }

        /** {@code w[i * out + j]}: flat row-major [in][out], NumPy's {@code (fan_in, fan_out)}; out is b's length. */
        public static Layer fromInputRows(double[] w, double[] b, String activation) {
            int out = b.length;
            if (out == 0 || w.length == 0 || w.length % out != 0) {
                throw new IllegalArgumentException(w.length + " weights do not fill [in, " + out + "] for " + out
                        + " biases");
            }
            double[][] rows = new double[out][w.length / out];
            for (int k = 0; k < w.length; k++) {
                rows[k % out][k / out] = w[k];   // w[i * out + j] is unit j's weight for input i
            }
            return new Layer(rows, b, activation);
        }

        /** f, parsed. */
        public Activation f() {
            return Activation.parse(activation);
        }

        /** Number of inputs each unit takes. */
        public int inputs() {
            return weights[0].length;
        }

        /** Number of units. */
        public int outputs() {
            return weights.length;
        }
    }

    /** Checks that consecutive layers fit. */
    public NetworkSpec {
        layers = List.copyOf(layers);
        checkSizes(layers.stream().map(l -> new int[] {l.inputs(), l.outputs()}).toList());
    }

    /**
     * Checks layer sizes {@code {inputs, units}}, first to last: at least one layer, each taking as many inputs as the
     * one before has units.
     */
    public static void checkSizes(List<int[]> sizes) {
        if (sizes.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        for (int l = 1; l < sizes.size(); l++) {
            if (sizes.get(l)[0] != sizes.get(l - 1)[1]) {
                throw new IllegalArgumentException("layer " + (l + 1) + " takes " + sizes.get(l)[0]
                        + " inputs but layer " + l + " has " + sizes.get(l - 1)[1] + " units");
            }
        }
    }

    /**
     * A seeded network: {@code inputs → hidden[0] → … → outputs}, hidden layers with {@code activation}, the output
     * layer linear (logits), weights drawn layer by layer, first to last, by {@code init}; biases 0.
     */
    public static NetworkSpec random(int inputs, int[] hidden, int outputs, String activation, WeightInit init,
                                     NumpyRandom rng) {
        List<Layer> ls = new ArrayList<>();
        int in = inputs;
        for (int width : hidden) {
            ls.add(Layer.random(in, width, activation, init, rng));
            in = width;
        }
        ls.add(Layer.random(in, outputs, "identity", init, rng));
        return new NetworkSpec(ls);
    }

    /** {@code m} transposed: {@code t[c][r] = m[r][c]}. */
    public static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int r = 0; r < m.length; r++) {
            for (int c = 0; c < m[0].length; c++) {
                t[c][r] = m[r][c];
            }
        }
        return t;
    }

    private static int rectangular(double[][] m, String what) {
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
}
