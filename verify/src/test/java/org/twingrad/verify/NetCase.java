package org.twingrad.verify;

import java.util.Arrays;
import java.util.Locale;

/**
 * One generated test case: a network (architecture, activation, every weight and bias), a batch, its targets, the
 * loss and the L2 λ. Plain data, so both engines can be built from it and a shrunk counterexample prints readably.
 *
 * @param inputs     input width
 * @param hidden     hidden layer widths
 * @param classes    output width (classes for cross-entropy, outputs for MSE)
 * @param activation hidden activation: sigmoid, relu, tanh, identity or improved-sigmoid
 * @param mse        true for mean squared error, false for softmax cross-entropy
 * @param lambda     L2 λ on weights (0 for none)
 * @param weights    per layer, W of shape [in, out] row-major
 * @param biases     per layer, b of shape [out]
 * @param rows       batch size
 * @param x          the batch, [rows, inputs] row-major
 * @param labels     class per row (cross-entropy)
 * @param targets    [rows, classes] target values (MSE)
 */
record NetCase(int inputs, int[] hidden, int classes, String activation, boolean mse, double lambda,
               double[][] weights, double[][] biases, int rows, double[] x, int[] labels, double[] targets) {

    /** Layer widths, input first: inputs, hidden…, classes. */
    int[] widths() {
        int[] w = new int[hidden.length + 2];
        w[0] = inputs;
        System.arraycopy(hidden, 0, w, 1, hidden.length);
        w[w.length - 1] = classes;
        return w;
    }

    /** Number of weights and biases. */
    int parameterCount() {
        int n = 0;
        for (int l = 0; l < weights.length; l++) {
            n += weights[l].length + biases[l].length;
        }
        return n;
    }

    /** A deep copy with another batch (rows, x, labels, targets): for per-row checks. */
    NetCase withBatch(int newRows, double[] newX, int[] newLabels, double[] newTargets) {
        return new NetCase(inputs, hidden, classes, activation, mse, lambda, weights, biases, newRows, newX, newLabels, newTargets);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "network %s, %s hidden, loss %s, λ = %s, batch of %d%n",
                Arrays.toString(widths()).replace(", ", "-").replace("[", "").replace("]", ""), activation,
                mse ? "MSE" : "softmax cross-entropy", lambda, rows));
        for (int l = 0; l < weights.length; l++) {
            sb.append("  W").append(l + 1).append(" = ").append(Arrays.toString(weights[l]))
                    .append("\n  b").append(l + 1).append(" = ").append(Arrays.toString(biases[l])).append('\n');
        }
        sb.append("  x = ").append(Arrays.toString(x)).append('\n');
        sb.append(mse ? "  targets = " + Arrays.toString(targets) : "  labels = " + Arrays.toString(labels));
        return sb.toString();
    }
}
