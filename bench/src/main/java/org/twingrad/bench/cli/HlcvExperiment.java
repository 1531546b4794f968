package org.twingrad.bench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.twingrad.data.HlcvToy;
import org.twingrad.scalar.Value;
import org.twingrad.scalar.nn.SoftmaxCrossEntropy;
import org.twingrad.tensor.Tensor;
import org.twingrad.tensor.nn.MLP;
import org.twingrad.tensor.optim.Sgd;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * HLCV exercise 2, Q1–Q3a on the starter's toy network; with {@code --data cifar:DIR}, Q3b and Q4 on CIFAR-10
 * ({@link HlcvCifar}).
 */
@Command(name = "hlcv", mixinStandardHelpOptions = true,
        description = "HLCV exercise 2 on its toy network replayed from the starter seeds: Q1 scores, Q2 loss and gradient "
                + "check in both engines, Q3a gradient descent to a training loss of 0.02. With --data cifar:DIR (CIFAR-10 "
                + "binary batches you supply): Q3b, the starter's default two-layer network, a sweep to above 48%% "
                + "validation accuracy and the best once on the test set; Q4, networks of 2 to 5 layers.")
final class HlcvExperiment implements Callable<Integer> {
    static final double REG = 0.05;

    @Spec
    CommandSpec spec;

    @Mixin
    ExperimentOptions opts;

    @Option(names = "--data", description = "cifar:DIR, a folder with data_batch_1..5.bin and test_batch.bin")
    String data;

    @Option(names = "--validation", defaultValue = "1000", paramLabel = "N",
            description = "with --data: the last N training rows are the validation set, as the starter's 49,000 + 1,000 (default: ${DEFAULT-VALUE})")
    int validation;

    @Option(names = "--test-rows", defaultValue = "1000", paramLabel = "N",
            description = "with --data: test on the first N test rows, as the starter's get_CIFAR10_data (default: ${DEFAULT-VALUE})")
    int testRows;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        Path out = opts.out("hlcv");
        Files.createDirectories(out);
        if (data != null) {
            return cifar(o, out);
        }
        double[][] p = HlcvToy.model();
        Tensor scores = MLP.from(HlcvToy.network(p)).forward(Tensor.constant(HlcvToy.inputs(), 5, 4));
        Table s = new Table("row", "class 0", "class 1", "class 2");
        double[] v = scores.values();
        for (int r = 0; r < 5; r++) {
            s.row(r, String.format("%.8f", v[3 * r]), String.format("%.8f", v[3 * r + 1]), String.format("%.8f", v[3 * r + 2]));
        }
        o.println("Q1: scores of the toy network (W1 = 0.1·randn(4,10) and W2 = 0.1·randn(10,3) from seed 0, X = 10·randn(5,4) from seed 1)");
        o.print(s.text());
        double loss = tensorLoss(p, null);
        o.printf("%nQ2: loss %.11f (published: 1.30378789133)%n", loss);
        Table g = new Table("parameter", "tensor engine", "scalar engine");
        double[] te = maxRelativeErrors(HlcvExperiment::tensorLoss);
        double[] se = maxRelativeErrors(HlcvExperiment::scalarLoss);
        String[] names = {"W1", "b1", "W2", "b2"};
        for (int t = 0; t < 4; t++) {
            g.row(names[t], String.format("%.3e", te[t]), String.format("%.3e", se[t]));
        }
        o.println("Q2: max relative error, analytic vs central-difference gradient (h = 1e-5), should be below 1e-8:");
        o.print(g.text());

        // Q3a: gradient descent on the five toy rows until the training loss is 0.02 or lower.
        MLP toy = MLP.from(HlcvToy.network(p));
        List<Tensor> w = toy.weights();
        Sgd sgd = new Sgd(toy.parameters(), 0.1);
        List<Double> curve = new ArrayList<>();
        for (int it = 0; it < 1000; it++) {
            sgd.zeroGrad();
            Tensor l = toy.forward(Tensor.constant(HlcvToy.inputs(), 5, 4)).softmaxCrossEntropy(HlcvToy.labels())
                    .add(w.get(0).sumOfSquares().add(w.get(1).sumOfSquares()).mul(5e-6));
            curve.add(l.item());
            if (l.item() <= 0.02) {
                break;
            }
            l.backward();
            sgd.step();
        }
        double[] c = curve.stream().mapToDouble(Double::doubleValue).toArray();
        Plots.save(out.resolve("q3a-loss.png"), "HLCV Q3a: training the toy network", "iteration", "training loss",
                List.of(new Plots.Curve("training loss", Plots.range(0, c.length), c)));
        o.printf("%nQ3a: gradient descent, lr 0.1, reg 5e-6: training loss %.4f after %d iterations (target 0.02); plot %s%n",
                c[c.length - 1], c.length - 1, out.resolve("q3a-loss.png"));
        Files.writeString(out.resolve("report.md"), "# HLCV exercise 2 on the toy network\n\n## Q1 scores\n\n" + s.markdown()
                + String.format("%n## Q2%n%nLoss %.11f (published 1.30378789133).%n%n", loss) + g.markdown()
                + String.format("%n## Q3a%n%nTraining loss %.4f after %d iterations.%n%n![loss](q3a-loss.png)%n", c[c.length - 1], c.length - 1));
        return 0;
    }

    private int cifar(PrintWriter o, Path out) throws Exception {
        if (!data.startsWith("cifar:")) {
            throw new IllegalArgumentException("experiment hlcv takes --data cifar:DIR, got '" + data + "'");
        }
        HlcvCifar.run(DataSpec.limit(DataSpec.load(data, false), opts.limit), data, validation, testRows, opts, out, o);
        return 0;
    }

    /** Mean cross-entropy + 0.05·(ΣW1² + ΣW2²) in the tensor engine; fills {@code grads} when given. */
    static double tensorLoss(double[][] p, double[][] grads) {
        MLP n = MLP.from(HlcvToy.network(p));
        List<Tensor> ps = n.parameters();
        Tensor loss = n.forward(Tensor.constant(HlcvToy.inputs(), 5, 4)).softmaxCrossEntropy(HlcvToy.labels())
                .add(ps.get(0).sumOfSquares().add(ps.get(2).sumOfSquares()).mul(REG));
        if (grads != null) {
            loss.backward();
            gradients(ps.stream().map(Tensor::grads).toList(), grads);
        }
        return loss.item();
    }

    /** The same loss in the scalar engine. */
    static double scalarLoss(double[][] p, double[][] grads) {
        org.twingrad.scalar.nn.MLP n = org.twingrad.scalar.nn.MLP.from(HlcvToy.network(p));
        double[] x = HlcvToy.inputs();
        List<Value> rows = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            rows.add(SoftmaxCrossEntropy.of(n.forward(java.util.Arrays.copyOfRange(x, 4 * r, 4 * r + 4)), HlcvToy.labels()[r]));
        }
        Value loss = Value.mean(rows).add(org.twingrad.scalar.nn.L2.penalty(n, REG));
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

    interface Loss {
        double of(double[][] params, double[][] grads);
    }

    /** The exercise's measure per parameter array: max |a − n| / max(1e-8, |a| + |n|), n by central differences. */
    static double[] maxRelativeErrors(Loss f) {
        double[][] p = HlcvToy.model();
        double[][] g = new double[4][];
        f.of(p, g);
        double[] worst = new double[4];
        double h = 1e-5;
        for (int t = 0; t < 4; t++) {
            for (int e = 0; e < p[t].length; e++) {
                double keep = p[t][e];
                p[t][e] = keep + h;
                double up = f.of(p, null);
                p[t][e] = keep - h;
                double down = f.of(p, null);
                p[t][e] = keep;
                double n = (up - down) / (2 * h);
                worst[t] = Math.max(worst[t], Math.abs(g[t][e] - n) / Math.max(1e-8, Math.abs(g[t][e]) + Math.abs(n)));
            }
        }
        return worst;
    }
}
