package org.twingrad.bench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.twingrad.data.Mnist;
import org.twingrad.data.Normalization;
import org.twingrad.data.Split;
import org.twingrad.data.WeightInit;
import org.twingrad.tensor.nn.Activation;
import org.twingrad.tensor.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** TDT4265 assignment 2 on MNIST-10k: task 2c, task 3's tricks one at a time, tasks 4a, 4b, 4d and 4e. */
@Command(name = "tdt4265", mixinStandardHelpOptions = true,
        description = "TDT4265 A2 on MNIST-10k (8000 train, 2000 validation drawn by a seeded permutation; inputs normalized): 2c (64 sigmoid, uniform "
                + "[-1,1] init), 3 (fan-in init, improved sigmoid, momentum 0.9 with lr 0.02, added one at a time), 4a/4b "
                + "(32 and 128 hidden), 4d (two equal hidden layers, same parameter count), 4e (ten hidden layers of 64). "
                + "Early stopping after 5 epochs without a lower validation loss.")
final class Tdt4265Experiment implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ExperimentOptions opts;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        Path out = opts.out("tdt4265");
        Split raw = DataSpec.limit(Mnist.mnist10kSplit(8000), opts.limit);
        Normalization norm = Normalization.fit(raw.train());
        Split data = new Split(norm.apply(raw.train()), norm.apply(raw.test()));
        o.printf("TDT4265 A2 on MNIST-10k: %d training rows, %d validation rows (split by np.random.permutation, seed 0)%n",
                data.train().rows(), data.test().rows());
        o.printf("inputs normalized with the training set's %s%n", norm);

        Settings c2 = new Settings(new int[] {64}, Activation.SIGMOID, 0.1, 32, opts.epochs(50), 0, 0, WeightInit.uniform(1),
                true, 5, opts.seed, false);
        Settings fanIn = c2.withInit(WeightInit.fanIn());
        Settings improved = fanIn.withActivation(Activation.IMPROVED_SIGMOID);
        Settings momentum = improved.withMomentum(0.9).withLearningRate(0.02);
        int target = 784 * 64 + 64 + 64 * 10 + 10;
        int h = twoLayerWidth(target);
        Map<String, Settings> runs = new LinkedHashMap<>();
        runs.put("2c", c2);
        runs.put("3a fan-in init", fanIn);
        runs.put("3b + improved sigmoid", improved);
        runs.put("3c + momentum", momentum);
        runs.put("4a 32 hidden", momentum.withHidden(32));
        runs.put("4b 128 hidden", momentum.withHidden(128));
        runs.put("4d " + h + "," + h + " hidden", momentum.withHidden(h, h));
        runs.put("4e 10 x 64 hidden", momentum.withHidden(64, 64, 64, 64, 64, 64, 64, 64, 64, 64));
        o.printf("task 4d: one hidden layer of 64 has %,d parameters; two of %d have %,d%n", target, h, params(new int[] {h, h}));

        Table t = new Table("task", "network", "parameters", "epochs", "train acc", "val loss", "val acc", "time");
        List<Plots.Curve> valLoss = new ArrayList<>();
        List<Plots.Curve> valAcc = new ArrayList<>();
        int index = 0;
        for (Map.Entry<String, Settings> r : runs.entrySet()) {
            String dir = String.format("%d-%s", ++index, r.getKey().split(" ")[0]);
            o.printf("%s: %s%n", r.getKey(), r.getValue().describe());
            o.flush();
            TrainingRun.Outcome res = TrainingRun.run(r.getKey(), data, norm, r.getValue(), out.resolve(dir), !opts.quiet, o, "validation");
            if (res.result().stoppedReason() != null) {
                o.println("  " + res.result().stoppedReason());
            }
            t.row(r.getKey(), res.spec().shortName(), String.format("%,d", params(r.getValue().hidden())),
                    res.result().epochs().size(), Table.pct(res.last().trainAccuracy()), Table.num(res.last().testLoss()),
                    Table.pct(res.last().testAccuracy()), String.format("%.1f s", res.seconds()));
            if (index <= 4) {
                List<Trainer.Epoch> e = res.result().epochs();
                double[] x = Plots.range(1, e.size());
                valLoss.add(new Plots.Curve(r.getKey(), x, e.stream().mapToDouble(Trainer.Epoch::testLoss).toArray()));
                valAcc.add(new Plots.Curve(r.getKey(), x, e.stream().mapToDouble(ep -> 100 * ep.testAccuracy()).toArray()));
            }
        }
        Plots.save(out.resolve("task3-validation-loss.png"), "TDT4265 task 3: tricks added one at a time", "epoch",
                "validation loss", valLoss);
        Plots.save(out.resolve("task3-validation-accuracy.png"), "TDT4265 task 3: tricks added one at a time", "epoch",
                "validation accuracy (%)", valAcc);
        o.println();
        o.print(t.text());
        o.printf("%ncomparison plots: %s/task3-validation-loss.png, task3-validation-accuracy.png%n", out);
        Files.writeString(out.resolve("report.md"), "# TDT4265 assignment 2 on MNIST-10k\n\n" + data.train().rows()
                + " training rows, " + data.test().rows() + " validation rows (split by np.random.permutation, seed 0); inputs normalized with "
                + norm + "; batch 32, shuffled; early stopping after 5 epochs without a lower validation loss.\n\n"
                + "Task 4d: one hidden layer of 64 has " + target + " parameters; two of " + h + " have "
                + params(new int[] {h, h}) + ".\n\n" + t.markdown()
                + "\n![validation loss](task3-validation-loss.png)\n![validation accuracy](task3-validation-accuracy.png)\n");
        return 0;
    }

    /** Parameters of 784-hidden…-10. */
    static int params(int[] hidden) {
        int n = 0;
        int in = 784;
        for (int w : hidden) {
            n += in * w + w;
            in = w;
        }
        return n + in * 10 + 10;
    }

    /** The width h for which 784-h-h-10 has the parameter count closest to {@code target}. */
    static int twoLayerWidth(int target) {
        int best = 1;
        for (int h = 1; h < 200; h++) {
            if (Math.abs(params(new int[] {h, h}) - target) < Math.abs(params(new int[] {best, best}) - target)) {
                best = h;
            }
        }
        return best;
    }
}
