package org.twingrad.bench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.twingrad.data.HlcvToy;
import org.twingrad.scalar.Value;
import org.twingrad.scalar.nn.SoftmaxCrossEntropy;
import org.twingrad.tensor.Tensor;
import org.twingrad.tensor.nn.MLP;
import org.twingrad.tensor.optim.Sgd;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * HLCV exercise 2, Q1–Q3a on the starter's toy network; with {@code --data cifar:DIR}, Q3b and Q4 on CIFAR-10
 * ({@link HlcvCifar}).
 */
@Command(name = "hlcv", mixinStandardHelpOptions = true,
        description = "HLCV exercise 2 on its toy network replayed from the starter seeds: Q1 scores, Q2 loss and gradient "
                + "check in both engines, Q3a gradient descent to a training loss of 0.02. With --data cifar:DIR (CIFAR-10 "
                + "binary batches you supply): Q3b, the starter's default two-layer network, a sweep to above 48%% "
                + "validation accuracy and the best once on the test set; Q4, networks of 2 to 5 layers.")
final class HlcvExperiment extends Experiment<HlcvExperiment.Toy> {
    @Option(names = "--data", description = "cifar:DIR, a folder with data_batch_1..5.bin and test_batch.bin")
    String data;

    @Option(names = "--validation", defaultValue = "1000", paramLabel = "N",
            description = "with --data: the last N training rows are the validation set, as the starter's 49,000 + 1,000 (default: ${DEFAULT-VALUE})")
    int validation;

    @Option(names = "--test-rows", defaultValue = "1000", paramLabel = "N",
            description = "with --data: test on the first N test rows, as the starter's get_CIFAR10_data (default: ${DEFAULT-VALUE})")
    int testRows;

    /** Q1 the scores (3 per row), Q2 the loss and max relative gradient errors per engine, Q3a the loss per iteration. */
    record Toy(double[] scores, double loss, double[] tensorErrors, double[] scalarErrors, double[] curve) {
    }

    @Override
    void run(Path out, PrintWriter o) throws Exception {
        if (data == null) {
            super.run(out, o);
        } else {
            require(data.startsWith("cifar:"), "experiment hlcv takes --data cifar:DIR, got '" + data + "'");
            Writeup w = HlcvCifar.writeup(HlcvCifar.results(DataSpec.limit(DataSpec.load(data, false), opts.limit), data,
                    validation, testRows, opts, out, o), out);
            o.println();
            w.publish(o);
            o.printf("wrote %s (report.md; q3b-default, q3b-search, q4-depth with their tables, plots and one folder per run)%n", out);
        }
    }

    /** Q1 the scores, Q2 the loss and the gradient check in both engines, Q3a gradient descent to a loss of 0.02. */
    @Override
    Toy results(Path out, PrintWriter o) {
        double[][] p = HlcvToy.model();
        MLP toy = net(p);
        Sgd sgd = new Sgd(toy.parameters(), 0.1);
        List<Double> curve = new ArrayList<>();
        for (int it = 0; it < 1000; it++) {
            sgd.zeroGrad();
            Tensor l = loss(toy, 5e-6);
            curve.add(l.item());
            if (l.item() <= 0.02) {
                break;
            }
            l.backward();
            sgd.step();
        }
        return new Toy(net(p).forward(inputs()).values(), tensorLoss(p, null), HlcvToy.maxRelativeErrors(HlcvExperiment::tensorLoss),
                HlcvToy.maxRelativeErrors(HlcvExperiment::scalarLoss), curve.stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Override
    Writeup writeup(Toy toy, Path out) throws java.io.IOException {
        Writeup w = new Writeup(out).title("HLCV exercise 2 on the toy network");
        double[] v = toy.scores();
        Table s = new Table("row", "class 0", "class 1", "class 2");
        for (int r = 0; r < HlcvToy.ROWS; r++) {
            s.row(r, String.format("%.8f", v[3 * r]), String.format("%.8f", v[3 * r + 1]), String.format("%.8f", v[3 * r + 2]));
        }
        w.para("Q1: scores of the toy network (W1 = 0.1·randn(4,10) and W2 = 0.1·randn(10,3) from seed 0, X = 10·randn(5,4) "
                + "from seed 1)").table(s);
        w.para(String.format("Q2: loss %.11f (published: 1.30378789133)", toy.loss()));
        Table g = new Table("parameter", "tensor engine", "scalar engine");
        String[] names = {"W1", "b1", "W2", "b2"};
        for (int t = 0; t < 4; t++) {
            g.row(names[t], String.format("%.3e", toy.tensorErrors()[t]), String.format("%.3e", toy.scalarErrors()[t]));
        }
        w.para("Q2: max relative error, analytic vs central-difference gradient (h = 1e-5), should be below 1e-8:").table(g);
        double[] c = toy.curve();
        Plots.save(out.resolve("q3a-loss.png"), "HLCV Q3a: training the toy network", "iteration", "training loss",
                List.of(new Plots.Curve("training loss", Plots.range(0, c.length), c)));
        return w.para(String.format("Q3a: gradient descent, lr 0.1, reg 5e-6: training loss %.4f after %d iterations (target "
                + "0.02)", c[c.length - 1], c.length - 1)).plot("q3a-loss.png", "Q3a: training loss per iteration");
    }

    private static MLP net(double[][] p) {
        return MLP.from(HlcvToy.network(p));
    }

    private static Tensor inputs() {
        return Tensor.constant(HlcvToy.inputs(), HlcvToy.ROWS, HlcvToy.INPUTS);
    }

    /** Mean cross-entropy of the toy rows + reg·(ΣW1² + ΣW2²). */
    private static Tensor loss(MLP n, double reg) {
        List<Tensor> ps = n.parameters();
        return n.forward(inputs()).softmaxCrossEntropy(HlcvToy.labels()).add(ps.get(0).sumOfSquares().add(ps.get(2).sumOfSquares()).mul(reg));
    }

    /** Mean cross-entropy + 0.05·(ΣW1² + ΣW2²) in the tensor engine; fills {@code grads} when given. */
    static double tensorLoss(double[][] p, double[][] grads) {
        MLP n = net(p);
        Tensor loss = loss(n, HlcvToy.REG);
        if (grads != null) {
            loss.backward();
            gradients(n.parameters().stream().map(Tensor::grads).toList(), grads);
        }
        return loss.item();
    }

    /** The same loss in the scalar engine. */
    static double scalarLoss(double[][] p, double[][] grads) {
        org.twingrad.scalar.nn.MLP n = org.twingrad.scalar.nn.MLP.from(HlcvToy.network(p));
        double[] x = HlcvToy.inputs();
        List<Value> rows = java.util.stream.IntStream.range(0, HlcvToy.ROWS).mapToObj(r -> SoftmaxCrossEntropy.of(
                n.forward(java.util.Arrays.copyOfRange(x, 4 * r, 4 * r + 4)), HlcvToy.labels()[r])).toList();
        Value loss = Value.mean(rows).add(org.twingrad.scalar.nn.L2.penalty(n, HlcvToy.REG));
        if (grads != null) {
            loss.backward();
            double[] all = n.parameters().stream().mapToDouble(Value::grad).toArray();
            List<double[]> g = new ArrayList<>();
            int at = 0;
            for (double[] q : p) {
                g.add(java.util.Arrays.copyOfRange(all, at, at += q.length));
            }
            gradients(g, grads);
        }
        return loss.data();
    }

    /** W1, b1, W2, b2's gradients as both engines give them (W [out, in]) in the exercise's layout (W [in, out]). */
    private static void gradients(List<double[]> g, double[][] grads) {
        for (int t = 0; t < 4; t++) {
            int out = g.get(t | 1).length;
            grads[t] = t % 2 == 1 ? g.get(t)
                    : Tensor.constant(g.get(t), out, g.get(t).length / out).transpose().values();
        }
    }
}
