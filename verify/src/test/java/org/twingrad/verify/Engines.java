package org.twingrad.verify;

import java.util.ArrayList;
import java.util.List;
import org.twingrad.scalar.Value;
import org.twingrad.scalar.nn.L2;
import org.twingrad.scalar.nn.Layer;
import org.twingrad.scalar.nn.MLP;
import org.twingrad.scalar.nn.MeanSquaredError;
import org.twingrad.scalar.nn.SoftmaxCrossEntropy;
import org.twingrad.tensor.Tensor;
import org.twingrad.tensor.nn.Activation;
import org.twingrad.tensor.nn.Linear;
import org.twingrad.tensor.nn.Module;
import org.twingrad.tensor.nn.Sequential;

/**
 * The same {@link NetCase} in both engines. Parameters are listed in one canonical order for both: layer by layer,
 * W as [in, out] row-major, then b.
 */
final class Engines {
    private Engines() {}

    // ---- scalar ----

    static MLP scalarNet(NetCase c) {
        int[] widths = c.widths();
        org.twingrad.scalar.nn.Activation f = org.twingrad.scalar.nn.Activation.parse(c.activation());
        List<Layer> layers = new ArrayList<>();
        for (int l = 0; l < c.weights().length; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            double[][] w = new double[in][out];
            for (int i = 0; i < in; i++) {
                System.arraycopy(c.weights()[l], i * out, w[i], 0, out);
            }
            boolean last = l == c.weights().length - 1;
            layers.add(Layer.fromColumns(w, c.biases()[l], last ? org.twingrad.scalar.nn.Activation.IDENTITY : f));
        }
        return new MLP(layers);
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

    /** Scalar parameters in the canonical order. */
    static List<Value> scalarParams(MLP net) {
        List<Value> ps = new ArrayList<>();
        for (Layer layer : net.layers()) {
            for (int i = 0; i < layer.inputs(); i++) {
                for (int j = 0; j < layer.outputs(); j++) {
                    ps.add(layer.weight(j, i));
                }
            }
            for (int j = 0; j < layer.outputs(); j++) {
                ps.add(layer.bias(j));
            }
        }
        return ps;
    }

    static double[] scalarGrads(MLP net) {
        return scalarParams(net).stream().mapToDouble(Value::grad).toArray();
    }

    static double[] scalarValues(MLP net) {
        return scalarParams(net).stream().mapToDouble(Value::data).toArray();
    }

    // ---- tensor ----

    static Sequential tensorNet(NetCase c) {
        int[] widths = c.widths();
        Activation f = Activation.parse(c.activation());
        List<Module> ms = new ArrayList<>();
        for (int l = 0; l < c.weights().length; l++) {
            ms.add(new Linear(Tensor.of(c.weights()[l], widths[l], widths[l + 1]), Tensor.of(c.biases()[l], widths[l + 1])));
            if (l < c.weights().length - 1) {
                ms.add(f);
            }
        }
        return new Sequential(ms);
    }

    static Tensor tensorLoss(Sequential net, NetCase c) {
        Tensor out = net.forward(Tensor.constant(c.x(), c.rows(), c.inputs()));
        Tensor loss = c.mse() ? out.mse(Tensor.constant(c.targets(), c.rows(), c.classes())) : out.softmaxCrossEntropy(c.labels());
        return c.lambda() > 0 ? loss.add(org.twingrad.tensor.optim.L2.penalty(net.weights(), c.lambda())) : loss;
    }

    static double[] tensorGrads(Sequential net) {
        return flatten(net, true);
    }

    static double[] tensorValues(Sequential net) {
        return flatten(net, false);
    }

    private static double[] flatten(Sequential net, boolean grads) {
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
                w[l][index - at] += h;
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
        int[] widths = c.widths();
        List<Double> zs = new ArrayList<>();
        Sequential net = tensorNet(c);
        Tensor h = Tensor.constant(c.x(), c.rows(), c.inputs());
        List<Module> ms = net.modules();
        for (int m = 0; m < ms.size() - 1; m++) {
            h = ms.get(m).forward(h);
            if (ms.get(m) instanceof Linear) {
                for (double v : h.values()) {
                    zs.add(v);
                }
            }
        }
        return zs.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
