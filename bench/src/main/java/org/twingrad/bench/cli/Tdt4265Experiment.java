package org.twingrad.bench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.twingrad.data.Mnist;
import org.twingrad.data.MnistIdxReader;
import org.twingrad.data.Normalization;
import org.twingrad.data.Split;
import org.twingrad.data.WeightInit;
import org.twingrad.bench.cli.StarterTrainer.Check;
import org.twingrad.data.Activation;
import org.twingrad.tensor.nn.ModelFile;
import org.twingrad.tensor.train.Evaluation;
import org.twingrad.tensor.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * TDT4265 assignment 2, tasks 2c, 2d, 3, 4a, 4b, 4d and 4e, trained by the starter code's procedure
 * ({@link StarterTrainer}): the runs are data ({@link Run}), and one {@link Writeup} says for every task what
 * it answers, the answer, and each departure from the sheet, on the console and in {@code report.md}.
 */
@Command(name = "tdt4265", mixinStandardHelpOptions = true,
        description = "TDT4265 A2 as the starter code runs it: 784(+1 bias trick)-64-10, no other biases, batch 32, lr 0.1, "
                + "up to 50 epochs, shuffled; validation 5 times per epoch, early stopping after 50 checks without a new lowest "
                + "validation loss. Task 2c (sigmoid, U[-1,1] weights), task 3's tricks added one at a time (fan-in init, improved "
                + "sigmoid, momentum 0.9 with lr 0.02), 4a/4b (32 and 128 hidden), 4d (two equal hidden layers with task 3's "
                + "parameter count), 4e (ten hidden layers of 64, with each layer's gradient). Default data: the bundled MNIST-10k "
                + "(8000 train, 2000 validation); --data idx:DIR uses the real MNIST files and the starter's split. --seed is 1 "
                + "unless given, the starter's np.random.seed(1).")
final class Tdt4265Experiment extends Experiment<Tdt4265Experiment.Results> {
    /** The starter's {@code np.random.seed(1)} before the weights ({@code task2a.py}, {@code SoftmaxModel.__init__}). */
    static final long STARTER_SEED = 1;

    @Option(names = "--data", description = "idx:DIR: the real MNIST IDX files (train-images-idx3-ubyte, … t10k-labels-idx1-ubyte, "
            + "raw or .gz): the first 20,000 training images to train on and the 10,000 test images to validate on, as the "
            + "starter's load_full_mnist. Default: the bundled MNIST-10k, 8000 train and 2000 validation rows.")
    String data;

    @Option(names = "--output-bias", description = "give the output layer (and 4d/4e's later hidden layers) a trained bias; "
            + "the starter's network has none: its only bias is the input's bias trick")
    boolean outputBias;

    /** One of the sheet's runs: its id ("3b"), what it is, and its settings. */
    record Task(String id, String title, Settings settings) {
        String folder(int index) {
            return index + "-" + id;
        }
    }

    /** A finished run with the starter's final evaluation of the whole training and validation sets. */
    record Run(Task task, StarterTrainer.Result result, Evaluation train, Evaluation validation) {
        int steps() {
            return result.stepLosses().length;
        }
    }

    /** The runs on {@code data} (the IDX files' image counts; 0: bundled), and 4e's mean |∂C/∂W| per layer, first and last tenth. */
    record Results(Split data, int filesTrain, int filesTest, Normalization norm, boolean seedGiven, long seed, List<Run> runs,
                   double seconds, double[] early, double[] late) {
    }

    @Override
    Results results(Path out, PrintWriter o) throws Exception {
        boolean seedGiven = spec.commandLine().getParseResult().hasMatchedOption("--seed");
        long seed = seedGiven ? opts.seed : STARTER_SEED;
        Split files = data == null ? null : MnistIdxReader.readDirectory(Path.of(Options.idxFolder(data)));
        int filesTrain = files == null ? 0 : files.train().rows();
        int filesTest = files == null ? 0 : files.test().rows();
        Split limited = DataSpec.limit(files == null ? Mnist.mnist10kSplit(8000) : new Split(files.train().slice(0,
                Math.min(20_000, filesTrain)), files.test().slice(Math.max(0, filesTest - 10_000), filesTest)), opts.limit);
        files = null;   // the files' 70,000 images are not kept while the runs train
        Normalization norm = Normalization.fit(limited.train());
        Split split = new Split(norm.apply(limited.train()), norm.apply(limited.test()));
        List<Task> tasks = tasks(seed);
        long t0 = System.nanoTime();
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            runs.add(train(tasks.get(i), i + 1, split, norm, out, o));
        }
        double total = (System.nanoTime() - t0) / 1e9;
        double[][] g = runs.get(7).result().gradients();
        int steps = g[0].length;
        int tenth = Math.max(1, steps / 10);
        return new Results(limited, filesTrain, filesTest, norm, seedGiven, seed, runs, total,
                Arrays.stream(g).mapToDouble(l -> Stats.mean(l, 0, tenth)).toArray(),
                Arrays.stream(g).mapToDouble(l -> Stats.mean(l, steps - tenth, steps)).toArray());
    }

    @Override
    Writeup writeup(Results r, Path out) throws IOException {
        Writeup report = new Writeup(out).title("TDT4265 assignment 2");
        data(report, r);
        procedure(report, r.norm());
        departures(report, r.seedGiven(), r.seed());
        List<Run> runs = r.runs();
        task2(report, runs.get(0));
        task3(report, runs.subList(0, 4), out);
        task4ab(report, runs.get(3), runs.get(4), runs.get(5), out);
        task4d(report, runs.get(3), runs.get(6), out);
        task4e(report, runs.get(3), runs.get(7), r.early(), r.late(), out);
        summary(report, runs, r.seconds());
        return report;
    }

    /** The sheet's runs: 2c, task 3's tricks added one at a time, then 4a, 4b, 4d and 4e with all of them. */
    private List<Task> tasks(long seed) {
        Settings c2 = Settings.defaults().hidden(64).learningRate(0.1).batch(32).epochs(opts.epochs(50))
                .init(WeightInit.uniform(1)).shuffle(true).patience(50).seed(seed);
        Settings fanIn = c2.init(WeightInit.fanIn());
        Settings improved = fanIn.activation(Activation.IMPROVED_SIGMOID);
        Settings momentum = improved.momentum(0.9).learningRate(0.02);
        int h = twoLayerWidth(params(new int[] {64}));
        return List.of(
                new Task("2c", "sigmoid, weights U[-1, 1]", c2),
                new Task("3a", "+ fan-in init N(0, 1/√fan-in)", fanIn),
                new Task("3b", "+ improved sigmoid 1.7159·tanh(2x/3)", improved),
                new Task("3c", "+ momentum 0.9, lr 0.02", momentum),
                new Task("4a", "32 hidden units, task 3's tricks", momentum.hidden(32)),
                new Task("4b", "128 hidden units, task 3's tricks", momentum.hidden(128)),
                new Task("4d", "two hidden layers of " + h + ", task 3's tricks", momentum.hidden(h, h)),
                new Task("4e", "ten hidden layers of 64, task 3's tricks", momentum.hidden(64, 64, 64, 64, 64, 64, 64, 64, 64, 64)));
    }

    /** How the inputs are normalized, and where the procedure's figures come from. */
    private static void procedure(Writeup report, Normalization norm) {
        report.para(String.format("inputs normalized as task 2a asks, with one μ and σ over the whole training set, applied to "
                + "both sets: %s", norm));
        report.para("procedure and figures from the public starter code (github.com/TDT4265-tutorial/TDT4265_StarterCode_2024, "
                + "assignment2): task2.py main(): num_epochs 50, "
                + "learning_rate 0.1, batch_size 32, neurons_per_layer [64, 10], momentum_gamma 0.9, shuffle_data True; "
                + "trainer.py: validation every num_batches_per_epoch // 5 steps (5 times per epoch), batch_loader drops "
                + "the last partial batch; task2a.py: 785 inputs (bias trick), weights [785, 64] and [64, 10] without "
                + "other biases, np.random.seed(1) before the weights; utils.py load_full_mnist: the first 20,000 training "
                + "images, validation on the 10,000 test images. Task 3 uses lr 0.02 with momentum, as the sheet says.");
        report.para("early stopping: the starter leaves it as a TODO; here as the sheet asks: stop after 50 validation checks "
                + "in a row without a new lowest validation loss (10 epochs); the weights at the stop are kept and "
                + "evaluated, as the starter keeps no copy of the best ones");
    }

    /** The sheet's data with {@code --data idx:DIR}; otherwise the bundled substitute, said in one line. */
    private void data(Writeup report, Results r) {
        Split s = r.data();
        if (data == null) {
            report.departure("data: the bundled MNIST-10k stands in for the sheet's 20,000 training and 10,000 validation "
                    + "images of the full MNIST: 8000 training and 2000 validation rows drawn from it by np.random.permutation "
                    + "(seed 0); --data idx:DIR uses the real files");
        } else {
            int train = Math.min(20_000, r.filesTrain());
            int val = Math.min(10_000, r.filesTest());
            report.para(String.format("data: MNIST from %s, split as the starter's load_full_mnist: the first %,d training "
                    + "images to train on, the last %,d test images to validate on", data.substring(4), train, val));
            if (train < 20_000 || val < 10_000) {
                report.departure(String.format("the files hold %,d training and %,d test images, fewer than the sheet's "
                        + "20,000 and 10,000: all of them are used", r.filesTrain(), r.filesTest()));
            }
        }
        if (opts.limit > 0) {
            report.departure(String.format("--limit %d: only %,d training and %,d validation rows", opts.limit, s.train().rows(),
                    s.test().rows()));
        }
        report.para(String.format("%,d training rows, %,d validation rows", s.train().rows(), s.test().rows()));
    }

    private void departures(Writeup report, boolean seedGiven, long seed) {
        if (seedGiven && seed != STARTER_SEED) {
            report.departure("--seed " + seed + ": the starter seeds NumPy with 1 before drawing the weights (and then shuffles "
                    + "from the same generator)");
        }
        if (opts.epochs > 0) {
            report.departure("--epochs " + opts.epochs + ": at most " + opts.epochs + " epochs instead of the starter's 50");
        }
        if (outputBias) {
            report.departure("--output-bias: the output layer (and 4d/4e's hidden layers after the first) have a bias, "
                    + "trained from 0; the sheet's [64, 10] output layer has none");
        }
    }

    private Run train(Task t, int index, Split split, Normalization norm, Path out, PrintWriter o) throws IOException {
        Settings s = t.settings();
        o.printf("%s (%s): %s%n", t.id(), t.title(), s.describe().replace("init uniform:1.0", "init U[-1,1]").replace("init fanin",
                "init N(0,1/√fan-in)").replace("early stopping " + s.patience(), "early stopping after " + s.patience()
                + " validation checks"));
        Progress bars = new Progress(t.id(), s.epochs(), split.train().rows(), s.batch(), !opts.quiet, o, "validation");
        StarterTrainer.Result r = StarterTrainer.fit(s, outputBias, split.train(), split.test(), new StarterTrainer.Listener() {
            @Override
            public void step(int epoch, int step, int stepsPerEpoch, double loss) {
                bars.step(epoch, step, stepsPerEpoch, loss);
            }

            @Override
            public void epoch(int epoch, int steps, Check c, double seconds) {
                bars.closeBar();
                o.printf("%s epoch %d/%d  step %,d  validation loss %.4f acc %.2f%%  train acc %.2f%% (check at step %,d)%n",
                        t.id(), epoch, s.epochs(), steps, c.validationLoss(), 100 * c.validationAccuracy(),
                        100 * c.trainAccuracy(), c.step());
            }
        });
        if (r.stoppedEarly() != null) {
            o.println(t.id() + ": " + r.stoppedEarly());
        }
        if (r.checks().isEmpty()) {
            throw new IllegalStateException(t.id() + ": " + r.stoppedEarly() + ", before the first validation check");
        }
        Run run = new Run(t, r, Trainer.evaluate(r.net(), split.train()), Trainer.evaluate(r.net(), split.test()));
        Path dir = out.resolve(t.folder(index));
        Files.createDirectories(dir);
        writeCurves(dir, r);
        ModelSpec spec = new ModelSpec(split.train().cols(), s.hidden(), split.train().classes(), s.activation(), norm);
        ModelFile.save(dir.resolve("model.twg"), spec.describe(), r.net().parameters());
        new Plots.Figure(t.id() + " (" + t.title() + "): loss", "gradient steps", "cross-entropy loss")
                .line("training (mean of 10 steps)", smoothX(r.stepLosses()), smooth(r.stepLosses()), Plots.PALETTE[0], false)
                .line("validation", checks(r, Check::step), checks(r, Check::validationLoss), Plots.PALETTE[1], false)
                .zoomY(0.1).save(dir.resolve("loss.png"));
        new Plots.Figure(t.id() + " (" + t.title() + "): accuracy", "gradient steps", "accuracy (%)")
                .line("training", checks(r, Check::step), checks(r, TRAIN_ACC), Plots.PALETTE[0], false)
                .line("validation", checks(r, Check::step), checks(r, VAL_ACC), Plots.PALETTE[1], false)
                .zoomY(0.1).save(dir.resolve("accuracy.png"));
        return run;
    }

    // ---- the sheet's questions ----

    private void task2(Writeup r, Run c2) {
        r.section("Task 2c: train the network (64 sigmoid hidden units, weights U[-1, 1])");
        r.answer(String.format("%s; final training loss %.4f, accuracy %s; validation loss %.4f, accuracy %s; lowest validation "
                        + "loss at a check %.4f (step %,d)", stopped(c2), c2.train().loss(), Table.pct(c2.train().accuracy()),
                c2.validation().loss(), Table.pct(c2.validation().accuracy()), c2.result().best().validationLoss(),
                c2.result().best().step()));
        r.plot(c2.task().folder(1) + "/loss.png", "2c: training and validation loss against gradient steps");
        r.plot(c2.task().folder(1) + "/accuracy.png", "2c: training and validation accuracy against gradient steps");
        r.section("Task 2d: parameters of the network of task 2c");
        r.answer(String.format("%,d: 785·64 weights into the hidden layer (the bias trick's row included) and 64·10 into the "
                + "output layer%s", StarterTrainer.parameters(784, new int[] {64}, 10, outputBias),
                outputBias ? ", and 10 output biases (--output-bias)" : ""));
    }

    private void task3(Writeup r, List<Run> runs, Path out) throws IOException {
        r.section("Task 3: the tricks added one at a time (each row adds one to the row above)");
        r.table(table(runs));
        for (int i = 1; i < runs.size(); i++) {
            r.answer(compare(runs.get(i), runs.get(i - 1)));
        }
        comparison(r, out, "task3", "TDT4265 task 3: %s, tricks added one at a time", runs, true, "task 3", " of each cumulative addition");
    }

    private void task4ab(Writeup r, Run base, Run small, Run large, Path out) throws IOException {
        r.section("Tasks 4a and 4b: 32 and 128 hidden units against task 3's 64");
        r.table(table(List.of(small, base, large)));
        r.answer(units(small, base) + " " + units(large, base));
        comparison(r, out, "task4ab", "TDT4265 tasks 4a, 4b: 32, 64 and 128 hidden units", List.of(small, base, large), false,
                "4a/4b", ", 32, 64 and 128 hidden units");
    }

    private void task4d(Writeup r, Run base, Run two, Path out) throws IOException {
        int target = params(new int[] {64});
        int h = two.task().settings().hidden()[0];
        r.section("Task 4d: two equal hidden layers with about task 3's parameter count");
        r.para(String.format("counting a bias per unit, as the report does: one hidden layer of 64 has %,d parameters; two "
                        + "hidden layers of %d have %,d, two of 64 have %,d; %d is the closest, and is trained. The starter's "
                        + "network (bias trick only, no other biases) has %,d, %,d and %,d.", target, h, params(new int[] {h, h}),
                params(new int[] {64, 64}), h, StarterTrainer.parameters(784, new int[] {64}, 10, false),
                StarterTrainer.parameters(784, new int[] {h, h}, 10, false),
                StarterTrainer.parameters(784, new int[] {64, 64}, 10, false)));
        r.table(table(List.of(base, two)));
        r.answer(compare(two, base));
        comparison(r, out, "task4d", "TDT4265 task 4d: two hidden layers of " + h + " against task 3", List.of(base, two), false,
                "4d", " with task 3's network");
    }

    private void task4e(Writeup r, Run base, Run deep, double[] early, double[] late, Path out) throws IOException {
        r.section("Task 4e: ten hidden layers of 64 — what happens, and why");
        r.table(table(List.of(base, deep)));
        r.answer(compare(deep, base));
        comparison(r, out, "task4e", "TDT4265 task 4e: ten hidden layers against task 3", List.of(base, deep), true, "4e",
                " on the same axes as task 3's network");

        double[][] g = deep.result().gradients();
        Table t = new Table("layer", "weights", "mean |∂C/∂W|, first 10% of steps", "last 10% of steps");
        int[] widths = widths(deep.task().settings().hidden());
        // The plot: each point the mean over one validation interval.
        int every = Math.max(1, (deep.steps() / Math.max(1, deep.result().checks().size())));
        Plots.Figure f = new Plots.Figure("TDT4265 task 4e: mean |∂C/∂W| per layer", "gradient steps", "mean |∂C/∂W| (log scale)")
                .logY();
        for (int l = 0; l < g.length; l++) {
            t.row(l + 1 == g.length ? l + 1 + " (output)" : l + 1, widths[l] + "×" + widths[l + 1], String.format("%.3e", early[l]),
                    String.format("%.3e", late[l]));
            double[] y = Stats.runningMean(g[l], every);
            f.line("layer " + (l + 1) + (l == g.length - 1 ? " (output)" : "") + " " + widths[l] + "×" + widths[l + 1],
                    Stats.multiples(y.length, every), y, Plots.PALETTE[l % Plots.PALETTE.length], l == g.length - 1);
        }
        r.table(t);
        r.answer(gradientAnswer(early, late));
        f.save(out.resolve("task4e-gradients.png"));
        r.plot("task4e-gradients.png", "4e: mean |∂C/∂W| of each layer's weights against gradient steps (log scale; each point "
                + "the mean over one validation interval)");
    }

    /**
     * What 4e's per-layer gradients show, from the figures: the trend across the equal 64×64 hidden layers (layer 1 and
     * the output layer multiply the error by other inputs, the pixels and 64 activations, so they are compared apart),
     * and how every layer's gradient changes from the first tenth of the steps ({@code early}) to the last ({@code late}).
     */
    private static String gradientAnswer(double[] early, double[] late) {
        int out = early.length - 1;
        StringBuilder sb = new StringBuilder();
        if (early.length >= 4) {
            double nearOut = early[out - 1];
            double nearIn = early[1];
            boolean shrinks = nearIn < nearOut;
            sb.append(String.format("in the first tenth of training, across the 64×64 hidden layers the mean |∂C/∂W| goes from "
                    + "%.2e at layer %d (next to the output) to %.2e at layer 2: it %s towards the input (%.1f×). ", nearOut, out,
                    nearIn, shrinks ? "shrinks" : "grows", shrinks ? nearOut / nearIn : nearIn / nearOut));
            sb.append(shrinks
                    ? "The gradient vanishes as it is passed back: each layer multiplies it by its weights and by f'(z) (at most "
                            + "1.144 for the improved sigmoid, less away from 0), so the layers near the input learn slowest. "
                    : "So no vanishing gradient across the hidden layers here: fan-in initialization keeps each layer's weights "
                            + "at the scale that passes the gradient back undiminished, and the improved sigmoid's slope reaches "
                            + "1.144 (the plain sigmoid's at most 0.25). ");
        }
        sb.append(String.format("Layer 1's %.2e and the output layer's %.2e multiply the error by other inputs (the pixels, and "
                + "64 activations). ", early[0], early[out]));
        DoubleSummaryStatistics change = IntStream.range(0, early.length).mapToDouble(l -> late[l] / early[l]).summaryStatistics();
        sb.append(String.format("Over training every layer's gradient changes by %.2f× to %.2f× (last tenth of the steps against "
                + "the first), as the loss falls. What happens to the network itself is in the line above: the ten-layer "
                + "network against task 3's.", change.getMin(), change.getMax()));
        return sb.toString();
    }

    private void summary(Writeup r, List<Run> runs, double seconds) {
        r.section("All runs");
        r.table(table(runs));
        r.para(String.format("%d runs in %.1f s; each run's folder holds steps.csv (every step's loss), checks.csv (every "
                + "validation check), gradients.csv (mean |∂C/∂W| per layer and step), loss.png, accuracy.png and model.twg",
                runs.size(), seconds));
    }

    // ---- sentences from the figures ----

    private static String stopped(Run run) {
        StarterTrainer.Result res = run.result();
        return res.stoppedEarly() != null ? res.stoppedEarly()
                : String.format("ran all %d epochs (%,d steps) without early stopping", run.task().settings().epochs(), run.steps());
    }

    /** {@code now} against {@code before}: loss, accuracy, and how soon {@code now} reached {@code before}'s best. */
    private static String compare(Run now, Run before) {
        Check was = before.result().best();
        Check is = now.result().best();
        Check reached = now.result().checks().stream().filter(c -> c.validationLoss() <= was.validationLoss()).findFirst().orElse(null);
        String speed = reached == null
                ? String.format("it never reached %s's lowest validation loss %.4f", before.task().id(), was.validationLoss())
                : String.format("it reached %s's lowest validation loss %.4f at step %,d, where %s needed %,d (%s)", before.task().id(),
                        was.validationLoss(), reached.step(), before.task().id(), was.step(),
                        reached.step() < was.step() ? "faster" : reached.step() == was.step() ? "as fast" : "slower");
        return String.format("%s (%s) against %s: lowest validation loss %.4f at step %,d → %.4f at step %,d (%s); final "
                        + "validation accuracy %s → %s (%s); final training accuracy %s → %s (%s); %s; training stopped after "
                        + "%,d steps against %,d", now.task().id(), now.task().title(), before.task().id(), was.validationLoss(),
                was.step(), is.validationLoss(), is.step(), is.validationLoss() < was.validationLoss() ? "lower" : "not lower",
                Table.pct(before.validation().accuracy()), Table.pct(now.validation().accuracy()),
                higher(now.validation().accuracy(), before.validation().accuracy()), Table.pct(before.train().accuracy()),
                Table.pct(now.train().accuracy()), higher(now.train().accuracy(), before.train().accuracy()), speed, now.steps(),
                before.steps());
    }

    /** "higher", "lower" or "the same" for two accuracies, as printed to two decimals of a percent. */
    private static String higher(double a, double b) {
        int c = Table.pct(a).equals(Table.pct(b)) ? 0 : Double.compare(a, b);
        return c > 0 ? "higher" : c < 0 ? "lower" : "the same";
    }

    private static String units(Run other, Run base) {
        int n = other.task().settings().hidden()[0];
        return String.format("%d hidden units against 64: training accuracy %s against %s (%s), validation accuracy %s against "
                        + "%s (%s), lowest validation loss %.4f against %.4f (%s); the gap between training and validation "
                        + "accuracy is %s against %s.", n, Table.pct(other.train().accuracy()), Table.pct(base.train().accuracy()),
                higher(other.train().accuracy(), base.train().accuracy()), Table.pct(other.validation().accuracy()),
                Table.pct(base.validation().accuracy()), higher(other.validation().accuracy(), base.validation().accuracy()),
                other.result().best().validationLoss(), base.result().best().validationLoss(),
                other.result().best().validationLoss() < base.result().best().validationLoss() ? "lower" : "not lower",
                Table.pct(other.train().accuracy() - other.validation().accuracy()),
                Table.pct(base.train().accuracy() - base.validation().accuracy()));
    }

    private Table table(List<Run> runs) {
        Table t = new Table("task", "network", "parameters", "steps", "stopped", "lowest val loss (step)", "train acc",
                "val loss", "val acc", "time");
        for (Run run : runs) {
            StarterTrainer.Result res = run.result();
            Settings s = run.task().settings();
            t.row(run.task().id() + " " + run.task().title(), shape(s.hidden()) + " " + s.activation().cliName(),
                    String.format("%,d", StarterTrainer.parameters(784, s.hidden(), 10, outputBias)), String.format("%,d", run.steps()),
                    res.stoppedEarly() != null ? "early, epoch " + res.last().epoch() : "no",
                    String.format("%.4f (%,d)", res.best().validationLoss(), res.best().step()), Table.pct(run.train().accuracy()),
                    Table.num(run.validation().loss()), Table.pct(run.validation().accuracy()), String.format("%.1f s", res.seconds()));
        }
        return t;
    }

    // ---- curves and plots ----

    /** The training or validation accuracy of a check in %, as the plots show it. */
    private static final ToDoubleFunction<Check> TRAIN_ACC = c -> 100 * c.trainAccuracy();
    private static final ToDoubleFunction<Check> VAL_ACC = c -> 100 * c.validationAccuracy();

    /** One figure ({@code what}) of every check. */
    private static double[] checks(StarterTrainer.Result r, ToDoubleFunction<Check> what) {
        return r.checks().stream().mapToDouble(what).toArray();
    }

    /**
     * The starter's plot_loss(npoints_to_average=10): the mean of each 10 steps, at the step in their middle (blocks of
     * fewer steps when a quick run has fewer than 10).
     */
    private static double[] smooth(double[] v) {
        return Stats.runningMean(v, Math.max(1, Math.min(10, v.length)));
    }

    private static double[] smoothX(double[] v) {
        int k = Math.max(1, Math.min(10, v.length));
        // Steps count from 1; the starter plots global_step 10i + 5, i.e. step 10i + 6.
        return IntStream.range(0, v.length / k).mapToDouble(i -> k * i + k / 2 + 1).toArray();
    }

    /**
     * Training (solid) and validation (dashed) loss of each run on one plot, {@code stem-loss.png} in the report (titled
     * {@code title} with "loss" for its %s); with {@code accuracy} their accuracy after it, {@code stem-accuracy.png}.
     */
    private static void comparison(Writeup w, Path out, String stem, String title, List<Run> runs, boolean accuracy, String who,
                                   String after) throws IOException {
        for (String what : accuracy ? List.of("loss", "accuracy") : List.of("loss")) {
            boolean acc = what.equals("accuracy");
            Plots.Figure f = new Plots.Figure(String.format(title, what), "gradient steps", acc ? "accuracy (%)" : "cross-entropy loss");
            for (int i = 0; i < runs.size(); i++) {
                StarterTrainer.Result r = runs.get(i).result();
                String name = runs.get(i).task().id() + " " + runs.get(i).task().title();
                f.line(name + ": training", acc ? checks(r, Check::step) : smoothX(r.stepLosses()),
                        acc ? checks(r, TRAIN_ACC) : smooth(r.stepLosses()), Plots.PALETTE[i], false);
                f.line(name + ": validation", checks(r, Check::step), checks(r, acc ? VAL_ACC : Check::validationLoss), Plots.PALETTE[i], true);
            }
            f.zoomY(0.1).save(out.resolve(stem + "-" + what + ".png"));
            w.plot(stem + "-" + what + ".png", who + ": training (solid) and validation (dashed) " + what + after);
        }
    }

    /** steps.csv (every step's loss), checks.csv (every validation check), gradients.csv (mean |∂C/∂W| per layer and step). */
    private static void writeCurves(Path dir, StarterTrainer.Result r) throws IOException {
        double[] loss = r.stepLosses();
        Files.writeString(dir.resolve("steps.csv"), csv("step,loss", IntStream.range(0, loss.length).mapToObj(t -> (t + 1) + "," + loss[t])));
        Files.writeString(dir.resolve("checks.csv"), csv("step,epoch,train_loss,train_accuracy,validation_loss,validation_accuracy",
                r.checks().stream().map(c -> c.step() + "," + c.epoch() + "," + c.trainLoss() + "," + c.trainAccuracy() + ","
                        + c.validationLoss() + "," + c.validationAccuracy())));
        Files.writeString(dir.resolve("gradients.csv"), csv(IntStream.rangeClosed(1, r.gradients().length).mapToObj(l -> ",layer" + l)
                .collect(Collectors.joining("", "step", "")), IntStream.range(0, loss.length).mapToObj(t -> (t + 1)
                + Arrays.stream(r.gradients()).map(layer -> "," + layer[t]).collect(Collectors.joining()))));
    }

    private static String csv(String header, java.util.stream.Stream<String> rows) {
        return rows.map(row -> row + "\n").collect(Collectors.joining("", header + "\n", ""));
    }

    /** 785 (the bias trick), the hidden widths, 10. */
    private static int[] widths(int[] hidden) {
        return IntStream.concat(IntStream.of(785), IntStream.concat(Arrays.stream(hidden), IntStream.of(10))).toArray();
    }

    private static String shape(int[] hidden) {
        return "784-" + Sweep.hiddenLabel(hidden).replace('x', '-') + "-10";
    }

    /** Parameters of 784-hidden…-10 with a bias per unit, as the report counts them (the bias trick's row is layer 1's). */
    static int params(int[] hidden) {
        return StarterTrainer.parameters(784, hidden, 10, true);
    }

    /** The width h for which 784-h-h-10 has the parameter count closest to {@code target}. */
    static int twoLayerWidth(int target) {
        return IntStream.range(1, 200).reduce(1, (best, h) -> Math.abs(params(new int[] {h, h}) - target)
                < Math.abs(params(new int[] {best, best}) - target) ? h : best);
    }
}
