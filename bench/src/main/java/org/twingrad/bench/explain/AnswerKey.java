package org.twingrad.bench.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.twingrad.bench.explain.NetworkFile.Loss;
import org.twingrad.scalar.BackpropTrace;
import org.twingrad.scalar.Dot;
import org.twingrad.scalar.Value;
import org.twingrad.scalar.nn.L2;
import org.twingrad.scalar.nn.Linear;
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
 * @param stepsTaken     the steps taken: the file's, or fewer when the loss stopped being finite (that step is undone)
 * @param stepsToTargets for classification, after how many repeated steps every row is predicted as its target
 *                       (0: already; −1: not within {@link #MAX_REPEATED_STEPS}); −1 for MSE
 */
public record AnswerKey(NetworkFile file, List<RowPass> before, double loss, double lossWithL2, BackpropTrace trace,
        Graph graph, String dot, List<LayerParams> gradients, List<LayerParams> after, List<RowPass> afterPass, double lossAfter,
        double lossWithL2After, int stepsTaken, int stepsToTargets) {

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

        /** Whether another class has the same largest output as the predicted one (the first is taken). */
        public boolean tie() {
            double[] o = outputs();
            return predicted >= 0 && IntStream.range(0, o.length).anyMatch(k -> k != predicted && o[k] == o[predicted]);
        }
    }

    /**
     * One layer's weights (or their gradients) in twingrad's orientation.
     *
     * @param weights [unit][input]
     * @param bias    [unit]
     */
    public record LayerParams(double[][] weights, double[] bias) {
        static LayerParams of(Linear layer, boolean gradients) {
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
        BackpropTrace trace = start.stepped(f).backwardTraced();
        Graph graph = Graph.of(start.stepped(f));
        String dot = Dot.of(start.stepped(f));
        List<LayerParams> gradients = params(net, true);
        Steps steps = Steps.take(f, net, start, true);
        Forward end = steps.end;
        return new AnswerKey(f, start.rows, start.loss.data(), f.l2() > 0 ? start.withL2.data() : Double.NaN, trace,
                graph, dot, gradients, params(net, false), end.rows, end.loss.data(),
                f.l2() > 0 ? end.withL2.data() : Double.NaN, steps.taken, stepsToTargets(f));
    }

    /**
     * The loss before and after the file's steps, without the rest of the answer key (for comparing variants), and
     * the step after which the loss stopped being finite (0 if it never did).
     */
    public static double[] lossBeforeAndAfter(NetworkFile f) {
        MLP net = f.network();
        Forward start = forward(f, net);
        Steps steps = Steps.take(f, net, start, false);
        return new double[] {start.loss.data(), steps.taken < f.steps() ? Double.NaN : steps.end.loss.data(),
                steps.taken < f.steps() ? steps.taken + 1 : 0};
    }

    /**
     * Gradient steps on the file's examples, each from the gradient of the loss the file's steps follow. A step whose
     * loss afterwards is not finite (or whose forward pass meets a non-finite number) is undone and ends the steps:
     * {@code end} holds the last weights with a finite loss, {@code taken} how many steps led there.
     */
    private record Steps(Forward end, int taken) {
        static Steps take(NetworkFile f, MLP net, Forward start, boolean backwardDone) {
            List<Value> params = net.parameters();
            Sgd sgd = new Sgd(params, f.learningRate());
            Forward current = start;
            for (int s = 1; s <= f.steps(); s++) {
                if (s > 1 || !backwardDone) {
                    sgd.zeroGrad();
                    current.stepped(f).backward();
                }
                double[] before = params.stream().mapToDouble(Value::data).toArray();
                sgd.step();
                Forward next;
                try {
                    next = forward(f, net);
                } catch (ArithmeticException e) {
                    next = null;
                }
                if (next == null || !Double.isFinite(next.stepped(f).data())) {
                    IntStream.range(0, before.length).forEach(i -> params.get(i).setData(before[i]));
                    return new Steps(current, s - 1);
                }
                current = next;
            }
            return new Steps(current, f.steps());
        }
    }

    /** The loss graph of every row: L (labelled "L") and L + λ·Σw² (labelled "L+l2"). */
    private record Forward(List<RowPass> rows, Value loss, Value withL2) {
        /** The loss the file's steps follow. */
        Value stepped(NetworkFile f) {
            return f.stepWithL2() && f.l2() > 0 ? withL2 : loss;
        }
    }

    private static Forward forward(NetworkFile f, MLP net) {
        int n = f.inputs().length;
        List<RowPass> rows = new ArrayList<>(n);
        List<Value> rowLosses = new ArrayList<>(n);
        List<Value> outputs = new ArrayList<>();
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
            }
            rows.add(new RowPass(f.inputs()[r].clone(), values(p.z()), values(p.h()), probabilities, predicted));
        }
        Value loss;
        if (f.loss() == Loss.MSE) {
            double[] targets = Arrays.stream(f.valueTargets()).flatMapToDouble(Arrays::stream).toArray();
            loss = MeanSquaredError.of(outputs, targets);   // the mean over rows and outputs of (ŷ − y)²
            int perRow = targets.length / n;
            for (int k = 0; k < loss.inputs().size(); k++) {    // its inputs: (ŷ − y)², each of ŷ − y
                String at = "[" + k % perRow + "]" + (n > 1 ? "@" + k / perRow : "");
                Value square = loss.inputs().get(k);
                square.label("(ŷ−y)²" + at);
                square.inputs().get(0).label("ŷ−y" + at);
            }
        } else {
            loss = n == 1 ? rowLosses.get(0) : Value.mean(rowLosses);
        }
        loss.label("L");
        Value withL2 = loss;
        if (f.l2() > 0) {
            Value penalty = L2.penalty(net, f.l2()).label("l2");     // λ·Σw²: its input is Σw², whose inputs are w·w
            Value sum = penalty.inputs().get(0).label("Σw²");
            for (Value square : sum.inputs()) {
                square.label(square.inputs().get(0).label() + "²");
            }
            withL2 = loss.add(penalty).label("L+l2");
        }
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
        return layers.stream().map(l -> l.stream().mapToDouble(Value::data).toArray()).toList();
    }

    private static List<LayerParams> params(MLP net, boolean gradients) {
        return net.layers().stream().map(l -> LayerParams.of(l, gradients)).toList();
    }

    /**
     * CMU §1.4's "after many steps": repeat the step until every row is predicted as its target, by a largest output
     * that no other class ties (−1 if that does not happen within {@link #MAX_REPEATED_STEPS} steps, or the loss
     * stops being finite first).
     */
    private static int stepsToTargets(NetworkFile f) {
        if (f.loss() != Loss.SOFTMAX_CROSS_ENTROPY) {
            return -1;
        }
        MLP net = f.network();
        Sgd sgd = new Sgd(net.parameters(), f.learningRate());
        try {
            for (int s = 0; s <= MAX_REPEATED_STEPS; s++) {
                Forward fw = forward(f, net);
                if (IntStream.range(0, fw.rows.size())
                        .allMatch(r -> fw.rows.get(r).predicted() == f.classTargets()[r] && !fw.rows.get(r).tie())) {
                    return s;
                }
                if (!Double.isFinite(fw.stepped(f).data())) {
                    return -1;
                }
                sgd.zeroGrad();
                fw.stepped(f).backward();
                sgd.step();
            }
        } catch (ArithmeticException e) {
            return -1;      // a non-finite number on the way: the steps diverged
        }
        return -1;
    }
}
