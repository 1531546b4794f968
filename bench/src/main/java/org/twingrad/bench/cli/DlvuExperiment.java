package org.twingrad.bench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.twingrad.data.Mnist;
import org.twingrad.data.MnistIdxReader;
import org.twingrad.data.Split;
import org.twingrad.data.Synth;
import org.twingrad.data.WeightInit;
import org.twingrad.tensor.nn.ModelFile;
import org.twingrad.tensor.nn.MLP;
import org.twingrad.tensor.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * DLVU assignment 1, Q4–Q7: the runs are data ({@link Traced} runs with their per-step losses and validation trace),
 * and one {@link Writeup} says for each question what it answers, the answer and every departure from the
 * sheet, on the console and in {@code report.md}.
 */
@Command(name = "dlvu", mixinStandardHelpOptions = true,
        description = "DLVU A1: Q4, the scalar engine trained by per-instance SGD on load_synth data; Q5-Q7 on MNIST with 300 "
                + "sigmoid hidden units and a softmax output, per-instance SGD: the loss of every instance against the timestep "
                + "with mean ± std bands over seeds, per epoch too; Q7.3 a learning-rate grid extended until the best rate is "
                + "inside it; Q7.4 the chosen rate on the full training data and the test set. Default data: the bundled "
                + "MNIST-10k (8000 train, 1000 validation, 1000 test, drawn by a seeded permutation); --data idx:DIR uses the "
                + "real MNIST files (55,000/5,000 as load_mnist(final=False), then 60,000 and the canonical 10,000 test images).")
final class DlvuExperiment extends Experiment<DlvuExperiment.Results> {
    /** The grid's ladder of rates: Q7.3 starts at 0.001–0.03 and moves along it until the best rate is inside. */
    static final double[] LADDER = {1e-5, 3e-5, 1e-4, 3e-4, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10};
    static final int FIRST = 4;
    static final int LAST = 7;

    @Option(names = "--seeds", defaultValue = "3", description = "runs for the mean ± std bands (default: ${DEFAULT-VALUE})")
    int seeds;

    @Override
    void check() {
        require(seeds >= 1, "--seeds must be at least 1, got " + seeds);
    }

    @Option(names = "--batch", defaultValue = "1", description = "minibatch size for Q5-Q7 (default: ${DEFAULT-VALUE}, per-instance SGD as the sheet)")
    int batch;

    @Option(names = "--data", description = "idx:DIR: the real MNIST IDX files; Q5-Q7.3 train on the first 55,000 training images "
            + "and validate on the last 5,000 (load_mnist(final=False)), Q7.4 trains on all 60,000 and tests on the 10,000 test "
            + "images (final=True). Default: the bundled MNIST-10k.")
    String data;

    /** A training run with what Q7 plots: every step's loss, and the validation loss after each of {@code checkSteps}. */
    record Traced(TrainingRun.Outcome outcome, double[] checkSteps, double[] checkLosses) {
        double[] steps() {
            return outcome.result().stepLosses();
        }

        /** Final validation loss, or +∞ if training stopped on a non-finite loss before an epoch ended. */
        double finalLoss() {
            return outcome.last() == null ? Double.POSITIVE_INFINITY : outcome.last().testLoss();
        }

        double finalAccuracy() {
            return outcome.last() == null ? Double.NaN : outcome.last().testAccuracy();
        }
    }

    /** Q5–Q7's data: train and validation for Q5–Q7.3, then Q7.4's training and test sets; the IDX files' image counts. */
    record Data(Split trainVal, Split finalRun, int filesTrain, int filesTest) {
    }

    /** Q4's run; Q5–Q7's data and runs per seed; Q7.3's by place on {@link #LADDER}, the best's; Q7.4's at that rate. */
    record Results(Split synth, Settings q4Settings, TrainingRun.Outcome q4, Data data, Settings base, List<Traced> bySeed,
                   TreeMap<Integer, Traced> rates, int best, Settings finalSettings, TrainingRun.Outcome fin) {
    }

    @Override
    Results results(Path out, PrintWriter o) throws IOException {
        Split synth = DataSpec.limit(Synth.load(60_000, 10_000, 0), opts.limit);
        Settings q4 = Settings.defaults().hidden(3).batch(1).epochs(opts.epochs(1)).init(WeightInit.normal(1.0))
                .seed(opts.seed).scalarEngine(true);
        o.printf("Q4: %s%n", q4.describe());
        TrainingRun.Outcome q4Run = TrainingRun.run("Q4", synth, null, q4, out.resolve("q4"), !opts.quiet, o, "validation");
        Data d = load();
        Settings base = Settings.defaults().hidden(300).batch(batch).epochs(opts.epochs(5)).init(WeightInit.fanIn())
                .shuffle(true).seed(opts.seed);
        List<Traced> bySeed = new ArrayList<>();
        for (int s = 0; s < seeds; s++) {
            long seed = opts.seed + s;
            bySeed.add(traced("Q7 seed " + seed, d.trainVal(), base.seed(seed), out.resolve("q7-seed" + seed), o));
        }
        TreeMap<Integer, Traced> tried = new TreeMap<>();
        for (int i = FIRST; i <= LAST; i++) {
            tried.put(i, traced("Q7.3 lr " + LADDER[i], d.trainVal(), base.learningRate(LADDER[i]), out.resolve("q7.3-lr" + LADDER[i]),
                    o));
        }
        int best = bestOf(tried);
        while ((best == tried.firstKey() && best > 0) || (best == tried.lastKey() && best < LADDER.length - 1)) {
            int next = best == tried.firstKey() ? best - 1 : best + 1;
            o.printf("Q7.3: the best rate so far, %s, is at the edge of the grid: trying %s%n", LADDER[best], LADDER[next]);
            tried.put(next, traced("Q7.3 lr " + LADDER[next], d.trainVal(), base.learningRate(LADDER[next]),
                    out.resolve("q7.3-lr" + LADDER[next]), o));
            best = bestOf(tried);
        }
        Settings chosen = base.learningRate(LADDER[best]);
        return new Results(synth, q4, q4Run, d, base, bySeed, tried, best, chosen, TrainingRun.run("Q7.4", d.finalRun(), null, chosen,
                out.resolve("q7.4-final"), !opts.quiet, o, "test"));
    }

    @Override
    Writeup writeup(Results r, Path out) throws IOException {
        Writeup report = new Writeup(out).title("DLVU assignment 1, Q4-Q7");
        if (opts.epochs > 0) {
            report.departure("--epochs " + opts.epochs + ": " + opts.epochs + " epoch(s) for Q4 (1 otherwise) and for Q5-Q7 (5 "
                    + "otherwise)");
        }
        q4(report, r, out);
        report.section("Q5-Q6: MNIST, 784-300-10 with a sigmoid hidden layer and a softmax output, trained by SGD");
        data(report, r.data());
        report.para("settings: " + r.base().describe() + "; weights N(0, 1/fan-in), biases 0; the loss is the softmax "
                + "cross-entropy of each instance");
        if (batch != 1) {
            report.departure("--batch " + batch + ": minibatches of " + batch + " instead of the sheet's one instance per step");
        }
        q7(report, r.bySeed(), r.base(), out);
        q73(report, r.rates(), r.best(), r.base(), out);
        q74(report, r.data(), r.finalSettings(), r.fin());
        return report;
    }

    // ---- Q4 ----

    private void q4(Writeup report, Results res, Path out) throws IOException {
        Split synth = res.synth();
        TrainingRun.Outcome r = res.q4();
        int window = Math.max(1, synth.train().rows() / 60);
        double[] curve = Stats.runningMean(r.result().stepLosses(), window);
        new Plots.Figure("DLVU Q4: scalar engine, per-instance SGD on load_synth",
                String.format("instances seen (each point: the mean loss of %,d consecutive instances)", window),
                String.format("mean loss of %,d instances", window))
                .line(String.format("training loss, mean of each %,d instances", window), Stats.multiples(curve.length, window), curve,
                        Plots.PALETTE[0], false)
                .save(out.resolve("q4-loss.png"));
        report.section("Q4: the network of Q3 trained on load_synth() by SGD, one instance at a time (scalar engine)");
        report.para(String.format("load_synth(): %,d training and %,d validation points; 2-3-2 network, %s",
                synth.train().rows(), synth.test().rows(), res.q4Settings().describe()));
        if (opts.limit > 0) {
            report.departure(String.format("--limit %d: %,d of load_synth's 60,000 training points", opts.limit, synth.train().rows()));
        }
        report.answer(String.format("the training loss %s from %.4f (mean of the first %,d instances) to %.4f (mean of the "
                        + "last %,d); validation accuracy after training %s", curve[curve.length - 1] < curve[0] ? "falls" : "does not fall",
                curve[0], window, curve[curve.length - 1], window,
                r.last() == null ? "n/a" : Table.pct(r.last().testAccuracy())));
        report.plot("q4-loss.png", String.format("Q4: training loss against instances seen, each point the mean of %,d instances",
                window));
    }

    // ---- Q5-Q7 data ----

    private Data load() throws IOException {
        Data d;
        if (data == null) {
            // 9000 rows to train on (8000 train + 1000 validation) and 1000 test rows, all drawn by np.random.permutation
            // with seed 0 (the file's own order leaves its last rows without any 5s).
            Split nineAndOne = Mnist.mnist10kSplit(9000);
            d = new Data(nineAndOne.train().splitAt(8000), new Split(nineAndOne.train(), nineAndOne.test()), 0, 0);
        } else {
            Split files = MnistIdxReader.readDirectory(Path.of(Options.idxFolder(data)));
            int n = files.train().rows();
            int held = Math.min(5000, n / 2);
            d = new Data(new Split(files.train().slice(0, n - held), files.train().slice(n - held, n)), files, n, files.test().rows());
        }
        return new Data(DataSpec.limit(d.trainVal(), opts.limit), DataSpec.limit(d.finalRun(), opts.limit), d.filesTrain(),
                d.filesTest());
    }

    /** Where Q5–Q7's data comes from, and how it departs from the sheet's. */
    private void data(Writeup report, Data d) {
        if (data == null) {
            report.departure("data: the bundled 10,000-digit MNIST-10k is a substitute for MNIST's 60,000 training and 10,000 "
                    + "test images: Q5-Q7.3 train on 8000 of its digits and validate on 1000, Q7.4 trains on those 9000 and "
                    + "tests on the other 1000 (drawn by np.random.permutation, seed 0); --data idx:DIR uses the real files");
        } else {
            int n = d.filesTrain();
            int held = Math.min(5000, n / 2);
            report.para(String.format("data: MNIST from %s, as load_mnist: Q5-Q7.3 train on the first %,d training images and "
                            + "validate on the last %,d (final=False); Q7.4 trains on all %,d and tests on the %,d test images "
                            + "(final=True)", data.substring(4), n - held, held, n, d.filesTest()));
            if (held != 5000) {
                report.departure(String.format("the files hold %,d training images: %,d of them validate instead of 5,000", n, held));
            }
        }
        if (opts.limit > 0) {
            report.departure(String.format("--limit %d: %,d training and %,d validation rows; Q7.4 on %,d and %,d", opts.limit,
                    d.trainVal().train().rows(), d.trainVal().test().rows(), d.finalRun().train().rows(), d.finalRun().test().rows()));
        }
    }

    /** Trains {@code s} on {@code data}, measuring the validation loss 10 times per epoch as well as after each epoch. */
    private Traced traced(String name, Split data, Settings s, Path dir, PrintWriter o) throws IOException {
        Files.createDirectories(dir);
        ModelSpec spec = new ModelSpec(data.train().cols(), s.hidden(), data.train().classes(), s.activation(), null);
        MLP net = spec.build(s.init(), s.seed());
        Progress progress = new Progress(name, s.epochs(), data.train().rows(), s.batch(), !opts.quiet, o, "validation");
        List<double[]> checks = new ArrayList<>();
        long t0 = System.nanoTime();
        Trainer.Result result = Trainer.fit(net, data.train(), data.test(), s.config(), new Trainer.Listener() {
            @Override
            public void step(int epoch, int step, int stepsPerEpoch, double loss) {
                progress.step(epoch, step, stepsPerEpoch, loss);
                int every = Math.max(1, stepsPerEpoch / 10);
                if (step % every == 0 || step == stepsPerEpoch) {
                    // The weights after this step; evaluation builds its own graph and leaves the gradients alone.
                    checks.add(new double[] {(double) (epoch - 1) * stepsPerEpoch + step, Trainer.evaluate(net, data.test()).loss()});
                }
            }

            @Override
            public void epoch(Trainer.Epoch e) {
                progress.epoch(e);
            }
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (result.stoppedReason() != null) {
            o.println(name + ": " + result.stoppedReason());
        }
        TrainingRun.write(dir, name, result, "validation");
        ModelFile.save(dir.resolve("model.twg"), spec.describe(), net.parameters());
        return new Traced(new TrainingRun.Outcome(spec, net, result, seconds), checks.stream().mapToDouble(c -> c[0]).toArray(),
                checks.stream().mapToDouble(c -> c[1]).toArray());
    }

    // ---- Q7 ----

    private void q7(Writeup report, List<Traced> runs, Settings base, Path out) throws IOException {
        int n = runs.size();
        int steps = runs.stream().mapToInt(r -> r.steps().length).min().orElse(0);
        int perEpoch = Math.max(1, steps / Math.max(1, base.epochs()));
        int window = Math.max(1, perEpoch / 20);
        // Raw: the mean over seeds of each instance's loss. Smoothed: each seed's mean over blocks of `window` steps,
        // then mean ± std over seeds of those block means.
        // Every step's value, but at most 2,000 drawn: 40,000 pale lines merged into a grey mass that hid the bands.
        int stride = Math.max(1, (steps + 1999) / 2000);
        double[] raw = IntStream.range(0, steps / stride).mapToDouble(i -> runs.stream().mapToDouble(r -> r.steps()[i * stride] / n)
                .reduce(0, Double::sum)).toArray();
        double[] rawX = IntStream.range(0, raw.length).mapToDouble(i -> i * stride + 1).toArray();
        int blocks = steps / window;
        double[] bx = IntStream.range(0, blocks).mapToDouble(b -> (b + 0.5) * window).toArray();
        double[][] train = Stats.meanStd(runs.stream().map(r -> Stats.runningMean(Arrays.copyOf(r.steps(), blocks * window), window))
                .toArray(double[][]::new));
        int checks = runs.stream().mapToInt(r -> r.checkLosses().length).min().orElse(0);
        double[][] val = Stats.meanStd(runs.stream().map(r -> Arrays.copyOf(r.checkLosses(), checks)).toArray(double[][]::new));
        double[] vx = Arrays.copyOf(runs.get(0).checkSteps(), checks);
        String unit = base.batch() == 1 ? "instance" : "batch";
        new Plots.Figure(String.format("DLVU Q7: loss of each %s against the timestep, %d seed(s)", unit, n),
                "timestep (gradient steps, one " + unit + " each)", "cross-entropy loss")
                .faint(String.format("training loss of each %s, mean over seeds (raw%s)", unit,
                        stride > 1 ? String.format(", every %d%s step drawn", stride, stride == 2 ? "nd" : stride == 3 ? "rd" : "th") : ""),
                        rawX, raw, Plots.PALETTE[0])
                .band(String.format("training loss, mean of %,d steps", window), bx, train[0], train[1], Plots.PALETTE[0])
                .band("validation loss (10 times per epoch)", vx, val[0], val[1], Plots.PALETTE[1])
                .zoomY(0.02).save(out.resolve("q7-loss-per-step.png"));

        int epochs = runs.stream().mapToInt(r -> r.outcome().result().epochs().size()).min().orElse(0);
        double[][] et = Stats.meanStd(runs.stream().map(r -> r.outcome().result().epochs().stream().limit(epochs)
                .mapToDouble(Trainer.Epoch::trainLoss).toArray()).toArray(double[][]::new));
        double[][] ev = Stats.meanStd(runs.stream().map(r -> r.outcome().result().epochs().stream().limit(epochs)
                .mapToDouble(Trainer.Epoch::testLoss).toArray()).toArray(double[][]::new));
        new Plots.Figure("DLVU Q7: loss per epoch, mean ± std over " + n + " seed(s)", "epoch", "cross-entropy loss")
                .band("training set", Plots.range(1, epochs), et[0], et[1], Plots.PALETTE[0])
                .band("validation set", Plots.range(1, epochs), ev[0], ev[1], Plots.PALETTE[1])
                .save(out.resolve("q7-loss-per-epoch.png"));

        Table t = new Table("epoch", "train loss (mean ± std)", "validation loss (mean ± std)");
        for (int e = 0; e < epochs; e++) {
            t.row(e + 1, String.format("%.4f ± %.4f", et[0][e], et[1][e]), String.format("%.4f ± %.4f", ev[0][e], ev[1][e]));
        }
        report.section(String.format("Q7: the loss of each %s against the timestep, and per epoch; mean ± std over %d seed(s)", unit, n));
        report.para(String.format("seeds %d-%d; the training loss is recorded at every step, the validation loss 10 times per "
                + "epoch; the training and validation sets' losses after each epoch are in the table", opts.seed, opts.seed + n - 1));
        report.table(t);
        report.answer(String.format("over the first %,d steps the training loss averages %.4f ± %.4f, over the last %,d %.4f ± "
                        + "%.4f; the validation loss goes from %.4f ± %.4f at the first check (step %,d) to %.4f ± %.4f at the "
                        + "last (step %,d); after the last epoch the training set's loss is %.4f and the validation set's "
                        + "%.4f (%s: %s)", window, train[0][0], train[1][0], window, train[0][blocks - 1], train[1][blocks - 1],
                val[0][0], val[1][0], (long) vx[0], val[0][checks - 1], val[1][checks - 1], (long) vx[checks - 1],
                et[0][epochs - 1], ev[0][epochs - 1], ev[0][epochs - 1] > et[0][epochs - 1] ? "higher" : "not higher",
                ev[0][epochs - 1] > et[0][epochs - 1] ? "the network fits the training digits better than unseen ones"
                        : "no overfitting visible yet"));
        report.plot("q7-loss-per-step.png", String.format("Q7: the training loss of every %s (raw, pale grey: the mean over seeds) "
                + "and its mean over %,d steps with a ± std band over seeds (blue); the validation loss, measured 10 times per "
                + "epoch, with its band (orange)", unit, window));
        report.plot("q7-loss-per-epoch.png", "Q7: training-set (blue) and validation-set (orange) loss after each epoch, mean ± std");
    }

    /** Q7.3: the grid, which started at 0.001-0.03 and grew along {@link #LADDER} until its best rate was inside. */
    private void q73(Writeup report, TreeMap<Integer, Traced> tried, int best, Settings base, Path out) throws IOException {
        Table t = new Table("learning rate", "final train loss", "final validation loss", "validation acc", "chosen");
        Plots.Figure curves = new Plots.Figure("DLVU Q7.3: validation loss per epoch for each learning rate", "epoch", "validation loss");
        int c = 0;
        for (var e : tried.entrySet()) {
            Traced r = e.getValue();
            Trainer.Epoch last = r.outcome().last();
            t.row(LADDER[e.getKey()], last == null ? "diverged" : Table.num(last.trainLoss()),
                    last == null ? "diverged" : Table.num(last.testLoss()), last == null ? "-" : Table.pct(last.testAccuracy()),
                    e.getKey() == best ? "← lowest validation loss" : "");
            List<Trainer.Epoch> es = r.outcome().result().epochs();
            if (!es.isEmpty()) {
                curves.line("lr " + LADDER[e.getKey()], Plots.range(1, es.size()), es.stream().mapToDouble(Trainer.Epoch::testLoss).toArray(),
                        Plots.PALETTE[c % Plots.PALETTE.length], false);
            }
            c++;
        }
        curves.zoomY(0.0).save(out.resolve("q7.3-learning-rates.png"));
        List<Integer> done = tried.keySet().stream().filter(k -> tried.get(k).outcome().last() != null).toList();
        double[] rx = done.stream().mapToDouble(k -> LADDER[k]).toArray();
        new Plots.Figure("DLVU Q7.3: final validation loss per learning rate", "learning rate (log scale)", "validation loss")
                .logX().line("validation loss after the last epoch", rx, done.stream().mapToDouble(k -> tried.get(k).finalLoss())
                        .toArray(), Plots.PALETTE[1], false).save(out.resolve("q7.3-validation-loss.png"));
        new Plots.Figure("DLVU Q7.3: final validation accuracy per learning rate", "learning rate (log scale)", "validation accuracy (%)")
                .logX().line("validation accuracy after the last epoch", rx, done.stream().mapToDouble(k -> 100 * tried.get(k)
                        .finalAccuracy()).toArray(), Plots.PALETTE[2], false).save(out.resolve("q7.3-validation-accuracy.png"));
        boolean inside = best != tried.firstKey() && best != tried.lastKey();
        report.section("Q7.3: the learning rate");
        report.para(String.format("grid: it starts at 0.001, 0.003, 0.01, 0.03 and adds the next rate of the ladder 1e-5, 3e-5, "
                + "… 3, 10 beyond whichever end holds the best rate (lowest validation loss after the last epoch, seed %d), until "
                + "the best is inside the grid", base.seed()));
        report.table(t);
        report.answer(String.format("%s: validation loss %.4f, accuracy %s; %s", LADDER[best], tried.get(best).finalLoss(),
                Table.pct(tried.get(best).finalAccuracy()), inside
                        ? String.format("it is inside the grid (%s gives %.4f, %s gives %.4f)", LADDER[tried.lowerKey(best)],
                                tried.get(tried.lowerKey(best)).finalLoss(), LADDER[tried.higherKey(best)],
                                tried.get(tried.higherKey(best)).finalLoss())
                        : "it is at the end of the ladder, so the grid could not bracket it"));
        report.plot("q7.3-learning-rates.png", "Q7.3: validation loss per epoch for each learning rate");
        report.plot("q7.3-validation-loss.png", "Q7.3: validation loss after the last epoch against the learning rate");
        report.plot("q7.3-validation-accuracy.png", "Q7.3: validation accuracy after the last epoch against the learning rate");
    }

    private static int bestOf(TreeMap<Integer, Traced> tried) {
        return tried.keySet().stream().reduce((best, k) -> tried.get(k).finalLoss() < tried.get(best).finalLoss() ? k : best)
                .orElseThrow();
    }

    private void q74(Writeup report, Data d, Settings s, TrainingRun.Outcome fin) {
        Split full = d.finalRun();
        report.section("Q7.4: the chosen rate on all the training data, evaluated once on the test set");
        report.para(String.format("%s on %,d training rows (training and validation together), tested on %,d rows", s.describe(),
                full.train().rows(), full.test().rows()));
        report.answer(fin.last() == null ? "training stopped before its first epoch ended: " + fin.result().stoppedReason()
                : String.format("test accuracy %s, test loss %.4f (training loss %.4f, accuracy %s)", Table.pct(fin.last().testAccuracy()),
                        fin.last().testLoss(), fin.last().trainLoss(), Table.pct(fin.last().trainAccuracy())));
        report.plot("q7.4-final/loss.png", "Q7.4: training and test loss per epoch");
    }
}
