package org.twingrad.verify;

import java.util.ArrayList;
import java.util.List;
import org.twingrad.data.NetworkSpec;
import org.twingrad.scalar.Value;
import org.twingrad.scalar.nn.L2;
import org.twingrad.scalar.nn.MLP;
import org.twingrad.scalar.nn.MeanSquaredError;
import org.twingrad.scalar.nn.SoftmaxCrossEntropy;
import org.twingrad.tensor.Tensor;
import org.twingrad.tensor.nn.Linear;

/**
 * The same {@link NetCase} in both engines, each built from one {@link NetworkSpec}. Parameters are listed in the
 * order both engines' {@code parameters()} give them: layer by layer, W as [out, in] row-major, then b.
 */
final class Engines {
    private Engines() {}

    /** The case's network: its weights are [in, out] row-major, as NumPy draws them; the output layer is linear. */
    static NetworkSpec spec(NetCase c) {
        List<NetworkSpec.Layer> ls = new ArrayList<>();
        for (int l = 0; l < c.weights().length; l++) {
            boolean last = l == c.weights().length - 1;
            ls.add(NetworkSpec.Layer.fromInputRows(c.weights()[l], c.biases()[l], last ? "identity" : c.activation()));
        }
        return new NetworkSpec(ls);
    }

    // ---- scalar ----

    static MLP scalarNet(NetCase c) {
        return MLP.from(spec(c));
    }

    /** Mean loss over the batch (+ λ·Σw²), built in the scalar engine. */
    static Value scalarLoss(MLP net, NetCase c) {
        List<Value> perRow = new ArrayList<>();
        List<Value> outputs = new ArrayList<>();
        for (int r = 0; r < c.rows(); r++) {
            double[] x = java.util.Arrays.copyOfRange(c.x(), r * c.inputs(), (r + 1) * c.inputs());
            List<Value> logits = net.forward(x);
            if (c.mse()) {
                outputs.addAll(logits);
            } else {
                perRow.add(SoftmaxCrossEntropy.of(logits, c.labels()[r]));
            }
        }
        Value loss = c.mse() ? MeanSquaredError.of(outputs, c.targets()) : Value.mean(perRow);
        return c.lambda() > 0 ? loss.add(L2.penalty(net, c.lambda())) : loss;
    }

    static double[] scalarGrads(MLP net) {
        return net.parameters().stream().mapToDouble(Value::grad).toArray();
    }

    static double[] scalarValues(MLP net) {
        return net.parameters().stream().mapToDouble(Value::data).toArray();
    }

    // ---- tensor ----

    static org.twingrad.tensor.nn.MLP tensorNet(NetCase c) {
        return org.twingrad.tensor.nn.MLP.from(spec(c));
    }

    static Tensor tensorLoss(org.twingrad.tensor.nn.MLP net, NetCase c) {
        Tensor out = net.forward(Tensor.constant(c.x(), c.rows(), c.inputs()));
        Tensor loss = c.mse() ? out.mse(Tensor.constant(c.targets(), c.rows(), c.classes())) : out.softmaxCrossEntropy(c.labels());
        return c.lambda() > 0 ? loss.add(org.twingrad.tensor.optim.L2.penalty(net.weights(), c.lambda())) : loss;
    }

    static double[] tensorGrads(org.twingrad.tensor.nn.MLP net) {
        return flatten(net, true);
    }

    static double[] tensorValues(org.twingrad.tensor.nn.MLP net) {
        return flatten(net, false);
    }

    private static double[] flatten(org.twingrad.tensor.nn.MLP net, boolean grads) {
        List<Double> all = new ArrayList<>();
        for (Tensor p : net.parameters()) {
            for (double v : grads ? p.grads() : p.values()) {
                all.add(v);
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The case with parameter {@code index} (canonical order) moved by {@code h}. */
    static NetCase nudge(NetCase c, int index, double h) {
        double[][] w = new double[c.weights().length][];
        double[][] b = new double[c.biases().length][];
        int at = 0;
        for (int l = 0; l < w.length; l++) {
            w[l] = c.weights()[l].clone();
            b[l] = c.biases()[l].clone();
            if (index >= at && index < at + w[l].length) {
                int k = index - at;
                int in = c.widths()[l];
                w[l][(k % in) * c.widths()[l + 1] + k / in] += h;   // parameter k of W [out, in] is the case's W[in][out]
            }
            at += w[l].length;
            if (index >= at && index < at + b[l].length) {
                b[l][index - at] += h;
            }
            at += b[l].length;
        }
        return new NetCase(c.inputs(), c.hidden(), c.classes(), c.activation(), c.mse(), c.lambda(), w, b, c.rows(),
                c.x(), c.labels(), c.targets());
    }

    /**
     * Which side of 0 every hidden pre-activation lies on, and the smallest |z|: ReLU is smooth at a point only while
     * this pattern does not change.
     */
    static double smallestPreActivation(NetCase c) {
        double smallest = Double.POSITIVE_INFINITY;
        for (double z : preActivations(c)) {
            smallest = Math.min(smallest, Math.abs(z));
        }
        return smallest;
    }

    static boolean[] reluPattern(NetCase c) {
        double[] z = preActivations(c);
        boolean[] on = new boolean[z.length];
        for (int i = 0; i < z.length; i++) {
            on[i] = z[i] > 0;
        }
        return on;
    }

    /** Every hidden pre-activation z of every row, in plain double arithmetic. */
    private static double[] preActivations(NetCase c) {
        List<Double> zs = new ArrayList<>();
        List<Linear> layers = tensorNet(c).layers();
        Tensor h = Tensor.constant(c.x(), c.rows(), c.inputs());
        for (Linear layer : layers.subList(0, layers.size() - 1)) {
            Tensor z = h.matmulTransposed(layer.weight()).add(layer.bias());
            for (double v : z.values()) {
                zs.add(v);
            }
            h = layer.activation().forward(z);
        }
        return zs.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
