package org.twingrad.bench.jmh;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.twingrad.data.NumpyRandom;
import org.twingrad.data.WeightInit;
import org.twingrad.scalar.Value;
import org.twingrad.scalar.nn.MLP;
import org.twingrad.scalar.nn.MeanSquaredError;
import org.twingrad.scalar.nn.SoftmaxCrossEntropy;
import org.twingrad.tensor.Tensor;

/**
 * The benchmark networks in both engines, from the same seeded weights: {@code 2-16-16-1} (tanh, MSE) and
 * {@code 784-32-10} (sigmoid, softmax cross-entropy), with a batch of random inputs.
 */
final class Networks {
    final int[] widths;
    final int rows;
    final MLP scalar;
    final org.twingrad.tensor.nn.MLP tensor;
    final double[] x;
    final int[] labels;
    final double[] targets;

    /** {@code spec} is "2-16-16-1:1" or "784-32-10:50": widths, then the batch size. */
    Networks(String spec) {
        String[] p = spec.split(":");
        widths = Arrays.stream(p[0].split("-")).mapToInt(Integer::parseInt).toArray();
        rows = Integer.parseInt(p[1]);
        int[] hidden = Arrays.copyOfRange(widths, 1, widths.length - 1);
        org.twingrad.data.Activation f = regression() ? org.twingrad.data.Activation.TANH
                : org.twingrad.data.Activation.SIGMOID;
        tensor = org.twingrad.tensor.nn.MLP.random(widths[0], hidden, widths[widths.length - 1], f, WeightInit.xavier(),
                new NumpyRandom(0));
        scalar = MLP.from(tensor.export());
        NumpyRandom rng = new NumpyRandom(1);
        x = rng.uniform(0, 1, rows * widths[0]);
        labels = IntStream.range(0, rows).map(r -> (int) rng.randint(0, widths[widths.length - 1])).toArray();
        targets = rng.randn(rows);
    }

    boolean regression() {
        return widths[widths.length - 1] == 1;
    }

    /** Builds the scalar graph of the batch loss and backpropagates; returns the loss node. */
    Value scalarStep() {
        List<Value> perRow = new ArrayList<>(rows);
        List<Value> outputs = new ArrayList<>(rows);
        int in = widths[0];
        for (int r = 0; r < rows; r++) {
            List<Value> out = scalar.forward(Arrays.copyOfRange(x, r * in, (r + 1) * in));
            if (regression()) {
                outputs.add(out.get(0));
            } else {
                perRow.add(SoftmaxCrossEntropy.of(out, labels[r]));
            }
        }
        Value loss = regression() ? MeanSquaredError.of(outputs, targets) : Value.mean(perRow);
        loss.backward();
        return loss;
    }

    /** The same in the tensor engine. */
    Tensor tensorStep() {
        Tensor out = tensor.forward(Tensor.constant(x, rows, widths[0]));
        Tensor loss = regression() ? out.mse(Tensor.constant(targets, rows, 1)) : out.softmaxCrossEntropy(labels);
        loss.backward();
        return loss;
    }

    /** Prints the node counts the comparison script divides by: nodes in one scalar graph, each visited once. */
    public static void main(String[] args) {
        for (String s : args) {
            System.out.println(s + "\t" + new Networks(s).scalarStep().topologicalOrder().size());
        }
    }
}
