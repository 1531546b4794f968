package org.twingrad.bench.explain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.twingrad.bench.explain.NetworkFile.Loss;
import org.twingrad.scalar.BackpropTrace;
import org.twingrad.scalar.Dot;
import org.twingrad.scalar.Value;
import org.twingrad.scalar.nn.L2;
import org.twingrad.scalar.nn.Layer;
import org.twingrad.scalar.nn.MLP;
import org.twingrad.scalar.nn.MeanSquaredError;
import org.twingrad.scalar.nn.Sgd;
import org.twingrad.scalar.nn.SoftmaxCrossEntropy;

/**
 * Everything a homework sheet asks of a hand-worked network, computed by the scalar engine: the forward pass, the
 * loss (with and without L2), backward step by step, every parameter's gradient, and the network after the file's
 * gradient steps. The numbers only; {@link AnswerKeyReport} prints them.
 *
 * @param file           the network file
 * @param before         the forward pass of every row with the file's weights
 * @param loss           the plain loss
 * @param lossWithL2     loss + λ·Σw² (NaN when λ = 0)
 * @param trace          backward of the loss the steps follow, step by step
 * @param graph          that loss's graph, with values and gradients
 * @param dot            that graph as Graphviz DOT text
 * @param gradients      per layer, ∂loss/∂W[unit][input] and ∂loss/∂b[unit]
 * @param after          per layer, the weights and biases after the steps
 * @param afterPass      the forward pass of every row after the steps
 * @param lossAfter      the plain loss after the steps
 * @param lossWithL2After loss + λ·Σw² after the steps (NaN when λ = 0)
 * @param stepsToTargets for classification, after how many repeated steps every row is predicted as its target
 *                       (0: already; −1: not within {@link #MAX_REPEATED_STEPS}); −1 for MSE
 */
public record AnswerKey(NetworkFile file, List<RowPass> before, double loss, double lossWithL2, BackpropTrace trace,
        Graph graph, String dot, List<LayerParams> gradients, List<LayerParams> after, List<RowPass> afterPass, double lossAfter,
        double lossWithL2After, int stepsToTargets) {

    /** How far {@link #stepsToTargets} looks. */
    public static final int MAX_REPEATED_STEPS = 1000;

    /**
     * One row's forward pass.
     *
     * @param x             the input
     * @param z             per layer, each unit's pre-activation
     * @param h             per layer, each unit's activation; the last layer's are the outputs
     * @param probabilities softmax of the outputs (softmax cross-entropy only, else null)
     * @param predicted     the index of the largest output (softmax cross-entropy only, else −1)
     */
    public record RowPass(double[] x, List<double[]> z, List<double[]> h, double[] probabilities, int predicted) {
        /** The network's outputs. */
        public double[] outputs() {
            return h.get(h.size() - 1);
        }
    }

    /**
     * One layer's weights (or their gradients) in twingrad's orientation.
     *
     * @param weights [unit][input]
     * @param bias    [unit]
     */
    public record LayerParams(double[][] weights, double[] bias) {
        static LayerParams of(Layer layer, boolean gradients) {
            double[][] w = new double[layer.outputs()][layer.inputs()];
            double[] b = new double[layer.outputs()];
            for (int j = 0; j < w.length; j++) {
                for (int i = 0; i < w[j].length; i++) {
                    w[j][i] = gradients ? layer.weight(j, i).grad() : layer.weight(j, i).data();
                }
                b[j] = gradients ? layer.bias(j).grad() : layer.bias(j).data();
            }
            return new LayerParams(w, b);
        }
    }

    /** The answer key of a network file. */
    public static AnswerKey of(NetworkFile f) {
        MLP net = f.network();
        Forward start = forward(f, net);
        Value root = f.stepWithL2() && f.l2() > 0 ? start.withL2 : start.loss;
        BackpropTrace trace = root.backwardTraced();
        Graph graph = Graph.of(root);
        String dot = Dot.of(root);
        List<LayerParams> gradients = params(net, true);

        // The first step uses the gradients just traced; each further step runs forward and backward again.
        Sgd sgd = new Sgd(net.parameters(), f.learningRate());
        for (int s = 0; s < f.steps(); s++) {
            if (s > 0) {
                sgd.zeroGrad();
                Forward again = forward(f, net);
                (f.stepWithL2() && f.l2() > 0 ? again.withL2 : again.loss).backward();
            }
            sgd.step();
        }
        Forward end = forward(f, net);
        return new AnswerKey(f, start.rows, start.loss.data(), f.l2() > 0 ? start.withL2.data() : Double.NaN, trace,
                graph, dot, gradients, params(net, false), end.rows, end.loss.data(),
                f.l2() > 0 ? end.withL2.data() : Double.NaN, stepsToTargets(f));
    }

    /** The loss before and after the file's steps, without the rest of the answer key (for comparing variants). */
    public static double[] lossBeforeAndAfter(NetworkFile f) {
        MLP net = f.network();
        double before = forward(f, net).loss.data();
        Sgd sgd = new Sgd(net.parameters(), f.learningRate());
        for (int s = 0; s < f.steps(); s++) {
            sgd.zeroGrad();
            Forward fw = forward(f, net);
            (f.stepWithL2() && f.l2() > 0 ? fw.withL2 : fw.loss).backward();
            sgd.step();
        }
        return new double[] {before, forward(f, net).loss.data()};
    }

    /** The loss graph of every row: L (labelled "L") and L + λ·Σw² (labelled "L+l2"). */
    private record Forward(List<RowPass> rows, Value loss, Value withL2) {
    }

    private static Forward forward(NetworkFile f, MLP net) {
        int n = f.inputs().length;
        List<RowPass> rows = new ArrayList<>(n);
        List<Value> rowLosses = new ArrayList<>(n);
        List<Value> outputs = new ArrayList<>();
        double[] targets = new double[0];
        for (int r = 0; r < n; r++) {
            MLP.Pass p = net.pass(f.inputs()[r]);
            if (n > 1) {
                nameRow(p, r);
            }
            List<Value> out = p.outputs();
            double[] probabilities = null;
            int predicted = -1;
            if (f.loss() == Loss.SOFTMAX_CROSS_ENTROPY) {
                probabilities = SoftmaxCrossEntropy.probabilities(out);
                predicted = SoftmaxCrossEntropy.predictedClass(out);
                rowLosses.add(SoftmaxCrossEntropy.of(out, f.classTargets()[r]).label(n > 1 ? "L@" + r : "L"));
            } else {
                outputs.addAll(out);
                double[] t = f.valueTargets()[r];
                double[] all = new double[targets.length + t.length];
                System.arraycopy(targets, 0, all, 0, targets.length);
                System.arraycopy(t, 0, all, targets.length, t.length);
                targets = all;
            }
            rows.add(new RowPass(f.inputs()[r].clone(), values(p.z()), values(p.h()), probabilities, predicted));
        }
        Value loss;
        if (f.loss() == Loss.MSE) {
            loss = MeanSquaredError.of(outputs, targets);   // the mean over rows and outputs of (ŷ − y)²
        } else {
            loss = n == 1 ? rowLosses.get(0) : Value.mean(rowLosses);
        }
        loss.label("L");
        Value withL2 = f.l2() > 0 ? loss.add(L2.penalty(net, f.l2()).label("l2")).label("L+l2") : loss;
        return new Forward(rows, loss, withL2);
    }

    /** With several rows, row r's nodes are named {@code x[0]@r}, {@code z1[0]@r}, …, so every name is one node. */
    private static void nameRow(MLP.Pass p, int r) {
        Set<Value> done = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Value> nodes = new ArrayList<>(p.inputs());
        for (List<Value> z : p.z()) {
            for (Value zj : z) {
                nodes.add(zj);
                nodes.add(zj.inputs().get(0));    // w·x, of z = w·x + b (b is a parameter: it keeps its name)
            }
        }
        p.h().forEach(nodes::addAll);
        for (Value v : nodes) {
            if (v.label() != null && done.add(v)) {    // done: an identity layer's h is its z
                v.label(v.label() + "@" + r);
            }
        }
    }

    private static List<double[]> values(List<List<Value>> layers) {
        List<double[]> out = new ArrayList<>(layers.size());
        for (List<Value> l : layers) {
            double[] v = new double[l.size()];
            for (int j = 0; j < v.length; j++) {
                v[j] = l.get(j).data();
            }
            out.add(v);
        }
        return out;
    }

    private static List<LayerParams> params(MLP net, boolean gradients) {
        List<LayerParams> out = new ArrayList<>();
        for (Layer l : net.layers()) {
            out.add(LayerParams.of(l, gradients));
        }
        return out;
    }

    /** CMU §1.4's "after many steps": repeat the step until every row is predicted as its target. */
    private static int stepsToTargets(NetworkFile f) {
        if (f.loss() != Loss.SOFTMAX_CROSS_ENTROPY) {
            return -1;
        }
        MLP net = f.network();
        Sgd sgd = new Sgd(net.parameters(), f.learningRate());
        for (int s = 0; s <= MAX_REPEATED_STEPS; s++) {
            Forward fw = forward(f, net);
            boolean all = true;
            for (int r = 0; r < fw.rows.size(); r++) {
                all &= fw.rows.get(r).predicted() == f.classTargets()[r];
            }
            if (all) {
                return s;
            }
            if (!Double.isFinite(fw.loss.data())) {
                return -1;
            }
            sgd.zeroGrad();
            (f.stepWithL2() && f.l2() > 0 ? fw.withL2 : fw.loss).backward();
            sgd.step();
        }
        return -1;
    }

    /** The predicted class of each row before the steps (0-based; empty for MSE). */
    public int[] predictions() {
        return before.stream().mapToInt(RowPass::predicted).toArray();
    }
}
