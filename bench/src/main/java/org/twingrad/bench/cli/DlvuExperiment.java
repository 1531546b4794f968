package org.twingrad.bench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.twingrad.data.Dataset;
import org.twingrad.data.Mnist;
import org.twingrad.data.Split;
import org.twingrad.data.Synth;
import org.twingrad.data.WeightInit;
import org.twingrad.tensor.nn.Activation;
import org.twingrad.tensor.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** DLVU assignment 1, Q4–Q7. */
@Command(name = "dlvu", mixinStandardHelpOptions = true,
        description = "DLVU A1: Q4, the scalar engine trained by per-instance SGD on load_synth data; Q5-Q7 on MNIST-10k "
                + "(8000 train, 1000 validation, 1000 test, drawn by a seeded permutation) with 300 sigmoid hidden units and a softmax output: training "
                + "and validation loss per epoch over 5 epochs, mean ± std over seeds, the learning-rate sweep 0.001, "
                + "0.003, 0.01, 0.03, then the chosen rate on train + validation with the final test accuracy.")
final class DlvuExperiment implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ExperimentOptions opts;

    @Option(names = "--seeds", defaultValue = "3", description = "runs for the mean ± std bands (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--batch", defaultValue = "1", description = "minibatch size for Q5-Q7 (default: ${DEFAULT-VALUE}, per-instance SGD as the sheet)")
    int batch;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        Path out = opts.out("dlvu");
        Files.createDirectories(out);
        if (seeds < 1) {
            throw new IllegalArgumentException("--seeds must be at least 1, got " + seeds);
        }
        StringBuilder md = new StringBuilder("# DLVU assignment 1, Q4-Q7\n\n");

        // Q4: the scalar engine, one instance at a time, on the synthetic data.
        Split synth = DataSpec.limit(Synth.load(60_000, 10_000, 0), opts.limit);
        Settings q4 = new Settings(new int[] {3}, Activation.SIGMOID, 0.01, 1, opts.epochs(1), 0, 0, WeightInit.normal(1.0),
                false, 0, opts.seed, true);
        o.printf("Q4: load_synth(), %d training and %d validation points; 2-3-2 network, scalar engine; %s%n",
                synth.train().rows(), synth.test().rows(), q4.describe());
        o.flush();
        TrainingRun.Outcome r4 = TrainingRun.run("Q4", synth, null, q4, out.resolve("q4"), !opts.quiet, o, "validation");
        double[] curve = runningMean(r4.result().stepLosses(), Math.max(1, synth.train().rows() / 60));
        Plots.save(out.resolve("q4-loss.png"), "DLVU Q4: scalar engine, per-instance SGD on load_synth", "instance",
                "loss (running mean)", List.of(new Plots.Curve("training loss", Plots.range(1, curve.length), curve)));
        o.printf("Q4: running-mean loss %.4f over the first instances, %.4f over the last; validation accuracy %.2f%%%n",
                curve[0], curve[curve.length - 1], 100 * r4.last().testAccuracy());
        md.append(String.format("## Q4\n\nScalar engine, per-instance SGD, %s. Running-mean training loss from %.4f to %.4f; "
                + "validation accuracy %.2f%%.\n\n![Q4 loss](q4-loss.png)\n\n", q4.describe(), curve[0], curve[curve.length - 1],
                100 * r4.last().testAccuracy()));

        // Q5-Q7 on MNIST-10k: 9000 rows to train on (8000 train + 1000 validation) and 1000 test rows, all drawn by
        // np.random.permutation with seed 0 (the file's own order leaves its last rows without any 5s).
        Split nineAndOne = Mnist.mnist10kSplit(9000);
        Split trainVal = DataSpec.limit(nineAndOne.train().splitAt(8000), opts.limit);
        Dataset test = nineAndOne.test();
        Settings base = new Settings(new int[] {300}, Activation.SIGMOID, 0.01, batch, opts.epochs(5), 0, 0, WeightInit.fanIn(),
                true, 0, opts.seed, false);
        o.printf("Q5-Q7: MNIST-10k split by np.random.permutation (seed 0): %d train rows, %d validation rows, %d test rows; %s%n",
                trainVal.train().rows(), trainVal.test().rows(), test.rows(), base.describe());

        List<List<Trainer.Epoch>> bySeed = new ArrayList<>();
        for (int s = 0; s < seeds; s++) {
            TrainingRun.Outcome r = TrainingRun.run("Q6 seed " + (opts.seed + s), trainVal, null, base.withSeed(opts.seed + s),
                    out.resolve("q6-seed" + (opts.seed + s)), !opts.quiet, o, "validation");
            bySeed.add(r.result().epochs());
        }
        int epochs = bySeed.get(0).size();
        double[] x = Plots.range(1, epochs);
        double[][] train = meanStd(bySeed, epochs, true);
        double[][] val = meanStd(bySeed, epochs, false);
        Plots.save(out.resolve("q6-loss-bands.png"), "DLVU Q6: mean ± std over " + seeds + " seeds", "epoch", "loss",
                List.of(new Plots.Curve("training", x, train[0], train[1]), new Plots.Curve("validation", x, val[0], val[1])));
        Table q6 = new Table("epoch", "train loss (mean ± std)", "validation loss (mean ± std)");
        for (int e = 0; e < epochs; e++) {
            q6.row(e + 1, String.format("%.4f ± %.4f", train[0][e], train[1][e]), String.format("%.4f ± %.4f", val[0][e], val[1][e]));
        }
        o.println();
        o.print(q6.text());
        md.append("## Q5-Q6\n\n").append(base.describe()).append(", ").append(seeds).append(" seeds.\n\n").append(q6.markdown())
                .append("\n![bands](q6-loss-bands.png)\n\n");

        double[] rates = {0.001, 0.003, 0.01, 0.03};
        Table q7 = new Table("learning rate", "final train loss", "final validation loss", "validation acc");
        List<Plots.Curve> sweep = new ArrayList<>();
        double bestRate = rates[0];
        double bestLoss = Double.POSITIVE_INFINITY;
        for (double lr : rates) {
            TrainingRun.Outcome r = TrainingRun.run("Q7 lr " + lr, trainVal, null, base.withLearningRate(lr),
                    out.resolve("q7-lr" + lr), !opts.quiet, o, "validation");
            Trainer.Epoch last = r.last();
            q7.row(lr, Table.num(last.trainLoss()), Table.num(last.testLoss()), Table.pct(last.testAccuracy()));
            sweep.add(new Plots.Curve("lr " + lr, Plots.range(1, r.result().epochs().size()),
                    r.result().epochs().stream().mapToDouble(Trainer.Epoch::testLoss).toArray()));
            if (last.testLoss() < bestLoss) {
                bestLoss = last.testLoss();
                bestRate = lr;
            }
        }
        Plots.save(out.resolve("q7-learning-rates.png"), "DLVU Q7: learning-rate sweep", "epoch", "validation loss", sweep);
        o.println();
        o.print(q7.text());
        o.printf("chosen learning rate: %s (lowest final validation loss)%n", bestRate);

        Split full = new Split(nineAndOne.train(), test);
        if (opts.limit > 0) {
            full = DataSpec.limit(full, opts.limit);
        }
        TrainingRun.Outcome fin = TrainingRun.run("final", full, null, base.withLearningRate(bestRate), out.resolve("final"),
                !opts.quiet, o, "test");
        o.printf("final: lr %s on %d rows (train + validation), test accuracy %.2f%% on %d test rows%n", bestRate,
                full.train().rows(), 100 * fin.last().testAccuracy(), full.test().rows());
        md.append("## Q7\n\n").append(q7.markdown()).append("\nChosen learning rate: ").append(bestRate)
                .append("\n\n![sweep](q7-learning-rates.png)\n\n## Final\n\n")
                .append(String.format("Learning rate %s on %d rows (train + validation): test accuracy %.2f%% on %d rows.%n",
                        bestRate, full.train().rows(), 100 * fin.last().testAccuracy(), full.test().rows()));
        Files.writeString(out.resolve("report.md"), md);
        return 0;
    }

    static double[] runningMean(double[] v, int window) {
        int n = Math.max(1, v.length / window);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            int count = 0;
            for (int j = i * window; j < Math.min(v.length, (i + 1) * window); j++) {
                s += v[j];
                count++;
            }
            out[i] = count > 0 ? s / count : Double.NaN;
        }
        return out;
    }

    /** {mean, std} per epoch of the training (or held-out) loss over the runs. */
    static double[][] meanStd(List<List<Trainer.Epoch>> runs, int epochs, boolean train) {
        double[] mean = new double[epochs];
        double[] std = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            double s = 0;
            for (List<Trainer.Epoch> r : runs) {
                s += train ? r.get(e).trainLoss() : r.get(e).testLoss();
            }
            mean[e] = s / runs.size();
            double q = 0;
            for (List<Trainer.Epoch> r : runs) {
                double d = (train ? r.get(e).trainLoss() : r.get(e).testLoss()) - mean[e];
                q += d * d;
            }
            std[e] = runs.size() > 1 ? Math.sqrt(q / (runs.size() - 1)) : 0;
        }
        return new double[][] {mean, std};
    }
}
