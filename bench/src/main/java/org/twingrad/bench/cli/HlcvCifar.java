package org.twingrad.bench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.twingrad.data.Dataset;
import org.twingrad.data.Normalization;
import org.twingrad.data.Split;
import org.twingrad.data.WeightInit;
import org.twingrad.data.Activation;

/**
 * HLCV exercise 2 on CIFAR-10 (Q3b and Q4), as the starter code {@code ex2_FCnet.py} / {@code ex2_pytorch.py} lays
 * them out: the two-layer network with the starter's default settings, a search to above 48% validation accuracy, the
 * best network once on the test set; then networks of 2 to 5 layers. Both searches run through {@link Sweep}.
 *
 * <p>The starter's figures, from its public copies (e.g. github.com/AMLHomeworks/Homework2, {@code ex2_FCnet.py},
 * {@code two_layernet.py} and {@code ex2_pytorch.py}): Q3b {@code TwoLayerNet(3072, 50, 10)} with weights
 * {@code 1e-4·randn}, {@code num_iters=1000, batch_size=200, learning_rate=1e-4, learning_rate_decay=0.95, reg=0.25},
 * "a validation accuracy of about 0.29", "aim to achieve … greater than 48% on the validation set", data from
 * {@code get_CIFAR10_data()}: the first 49,000 training images, the next 1,000 for validation, the first 1,000 test
 * images, the mean image subtracted. Q4: {@code hidden_size=[50], num_epochs=10, batch_size=200, learning_rate=1e-3,
 * learning_rate_decay=0.95, reg=0.001} (Adam's weight decay), weights {@code N(0, 1e-3)}, inputs scaled to [−1, 1],
 * "at least from 2 to 5 layers".
 */
final class HlcvCifar {
    /** The starter's split: 49,000 training rows, then 1,000 validation rows; the first 1,000 test rows. */
    static final int SHEET_TRAIN = 49_000;
    static final int SHEET_VALIDATION = 1_000;
    static final int SHEET_TEST = 1_000;
    /** The starter's 1,000 iterations of 200 rows are 4.08 epochs of 49,000; twingrad trains whole epochs. */
    static final int DEFAULT_EPOCHS = 4;
    static final int SEARCH_EPOCHS = 10;
    static final double TARGET = 0.48;

    private HlcvCifar() {}

    /** What the CIFAR-10 part found: the rows and their departures from the sheet, the starter's settings, three sweeps. */
    record Results(String dataSpec, int trainRows, List<String> departures, Settings starter, Sweep.Result defaults,
                   Sweep.Result search, Sweep.Result deep) {
    }

    /** Trains Q3b's runs and Q4's on {@code raw} (pixels in [0, 1] as read), each sweep into its folder under {@code out}. */
    static Results results(Split raw, String dataSpec, int validation, int testRows, Experiment.Options opts, Path out,
                           PrintWriter o) throws IOException {
        Dataset all = raw.train();
        Sweep.checkValidation(validation, all.rows());
        Experiment.require(testRows >= 1, "--test-rows takes a positive number of rows, got " + testRows);
        int trainRows = all.rows() - validation;
        int tests = Math.min(testRows, raw.test().rows());
        List<String> departures = trainRows == SHEET_TRAIN && validation == SHEET_VALIDATION && tests == SHEET_TEST ? List.of()
                : List.of(String.format("%d training, %d validation and %d test rows, where the starter has %,d, %,d and %,d (the "
                        + "split's layout is the starter's: validation is the rows after the training rows)", trainRows, validation,
                        tests, SHEET_TRAIN, SHEET_VALIDATION, SHEET_TEST));
        o.printf("HLCV exercise 2 on CIFAR-10: %d training, %d validation, %d test rows%n", trainRows, validation, tests);
        Dataset test = raw.test().slice(0, tests);
        Settings starter = Settings.defaults().hidden(50).activation(Activation.RELU).learningRate(1e-4).batch(200)
                .epochs(opts.epochs(DEFAULT_EPOCHS)).l2(0.25).init(WeightInit.normal(1e-4)).shuffle(true).seed(opts.seed)
                .learningRateDecay(0.95);
        Settings searchBase = starter.epochs(opts.epochs(SEARCH_EPOCHS));
        Sweep.Result[] q3b = q3b(all, trainRows, test, starter, searchBase, opts, out, o);
        Settings q4 = starter.learningRate(1e-2).epochs(opts.epochs(SEARCH_EPOCHS)).momentum(0.9).l2(0.0005).init(WeightInit.he());
        return new Results(dataSpec, trainRows, departures, starter, q3b[0], q3b[1],
                q4(all, trainRows, test, q4, opts, out, o));
    }

    /**
     * Q3b, get_CIFAR10_data's preprocessing (the mean image subtracted from pixels on the 0-255 scale): the starter's
     * defaults, then the search. The centered copy (~1.2 GB on the real data) goes before Q4 builds its own.
     */
    private static Sweep.Result[] q3b(Dataset all, int trainRows, Dataset test, Settings starter, Settings searchBase,
                                      Experiment.Options opts, Path out, PrintWriter o) throws IOException {
        Dataset[] centered = centerOnMeanImage(all, trainRows, test, test.rows());
        Sweep.Result defaults = Sweep.run("q3b-default", new Sweep.Grid(starter), centered[0], centered[1], null, null,
                out.resolve("q3b-default"), !opts.quiet, o);
        Sweep.Grid grid = new Sweep.Grid(searchBase).hidden(new int[] {100}, new int[] {200}).lr(5e-4, 1e-3).l2(0.05, 0.25);
        return new Sweep.Result[] {defaults, Sweep.run("q3b-search", grid, centered[0], centered[1], centered[2], null,
                out.resolve("q3b-search"), !opts.quiet, o)};
    }

    /** Q4: networks of 2 to 5 layers; torchvision's ToTensor + Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5)), pixels in [-1, 1]. */
    private static Sweep.Result q4(Dataset all, int trainRows, Dataset test, Settings q4, Experiment.Options opts, Path out,
                                   PrintWriter o) throws IOException {
        Normalization half = new Normalization(0.5, 0.5);
        Sweep.Grid depths = new Sweep.Grid(q4).hidden(new int[] {50}, new int[] {50, 50}, new int[] {50, 50, 50},
                new int[] {50, 50, 50, 50});
        return Sweep.run("q4-depth", depths, half.apply(all.slice(0, trainRows)), half.apply(all.slice(trainRows, all.rows())),
                half.apply(test), half, out.resolve("q4-depth"), !opts.quiet, o);
    }

    /** Q3b's and Q4's questions, sweeps, answers and departures from the sheet, every sentence once. */
    static Writeup writeup(Results r, Path out) {
        Writeup w = new Writeup(out).title("HLCV exercise 2 on CIFAR-10 (" + r.dataSpec() + ")");
        w.section("Q3b: the two-layer network with the starter's default settings");
        w.question("Q3b", "train the network on CIFAR-10 with the default parameters (expect a validation accuracy of about "
                + "29%), then tune the hyper-parameters on the validation set to above 48%, and run the best network on "
                + "the test set once.");
        r.defaults().describe(w, "q3b-default/", null);
        w.plot("q3b-default/01/loss.png", "the default run's loss per epoch (every step's loss is in q3b-default/01/steps.csv)");
        w.plot("q3b-default/01/accuracy.png", "the default run's training and validation accuracy per epoch");
        w.answer(String.format("with the starter's defaults, validation accuracy %s; the sheet expects about 29%%.",
                Table.pct(r.defaults().best().validationAccuracy())));

        w.section("Q3b: the search, then the test set once");
        Sweep.Result search = r.search();
        search.describe(w, "q3b-search/", null);
        double best = search.best().validationAccuracy();
        w.answer(String.format("the best setting reaches %s validation accuracy, %s the sheet's target of 48%%; on the test "
                        + "set, once, %s (the sheet: \"you should get above 48%%\").", Table.pct(best),
                best > TARGET ? "above" : "below", search.test() == null ? "nothing (every setting diverged)"
                        : Table.pct(search.test().accuracy())));
        List<String> q3 = new ArrayList<>(r.departures());
        q3.add(String.format("%d epoch(s) of shuffled minibatches drawn without replacement (%d steps of 200), where the "
                + "starter takes 1,000 iterations of 200 rows drawn with replacement", r.starter().epochs(),
                r.starter().epochs() * ((r.trainRows() + 199) / 200)));
        q3.add("the learning rate is multiplied by 0.95 after each epoch, from the second epoch on; the starter's check "
                + "'it % iterations_per_epoch == 0' is also true at iteration 0, so its rate is one factor of 0.95 lower "
                + "from its second step on");
        q3.add("the weights are 1e-4·randn drawn by twingrad's NumPy-compatible generator from seed " + r.starter().seed()
                + "; the starter does not seed np.random before building the CIFAR-10 network");
        q3.add("the first layer's weights are not drawn as images (the starter's show_net_weights)");
        q3.add("the grid (hidden 100 or 200, lr 5e-4 or 1e-3, reg 0.05 or 0.25, " + search.grid().base().epochs() + " epochs, the "
                + "other settings the starter's) is twingrad's choice: the sheet leaves the search to the student");
        w.departures(q3);

        w.section("Q4: deeper networks, 2 to 5 layers");
        w.question("Q4", "experiment with the number of layers (at least from 2 to 5) and record the final training and "
                + "validation accuracies; report how adding layers affects the network; run the best on the test set once.");
        r.deep().describe(w, "q4-depth/", null);
        w.answer(depthAnswer(r.deep()));
        List<String> q4 = new ArrayList<>(r.departures());
        q4.add("SGD with momentum 0.9 and learning rate 0.01, where the starter uses Adam with 1e-3: twingrad has no Adam");
        q4.add("He initialization, where the starter draws N(0, 1e-3) weights: without Adam's per-weight step sizes, "
                + "such small weights leave the deeper networks' signals and gradients vanishingly small");
        q4.add("Adam's weight_decay=0.001 becomes an L2 penalty 0.0005·ΣW² on the weights only (the same gradient, "
                + "0.001·W; the starter's weight decay also reaches the biases)");
        q4.add("every hidden layer has the starter's 50 units (the sheet leaves the widths open)");
        return w.departures(q4);
    }

    /** Q4's answer, from the numbers: accuracies per depth, the best, and how the train-validation gap moves. */
    static String depthAnswer(Sweep.Result deep) {
        List<String> parts = new ArrayList<>();
        Sweep.Run two = deep.runs().get(0);
        Sweep.Run five = deep.runs().get(deep.runs().size() - 1);
        for (Sweep.Run r : deep.runs()) {
            int layers = r.point().settings().hidden().length + 1;
            parts.add(r.last() == null ? layers + " layers diverged" : String.format("%d layers: training %s, validation %s",
                    layers, Table.pct(r.last().trainAccuracy()), Table.pct(r.validationAccuracy())));
        }
        StringBuilder sb = new StringBuilder(String.join("; ", parts)).append(". ");
        if (deep.best().last() == null || two.last() == null || five.last() == null) {
            return sb.append("Some depths diverged; see the table.").toString();
        }
        int bestLayers = deep.best().point().settings().hidden().length + 1;
        sb.append(String.format("The best on validation has %d layers (%s). ", bestLayers,
                Table.pct(deep.best().validationAccuracy())));
        double gap2 = two.last().trainAccuracy() - two.validationAccuracy();
        double gap5 = five.last().trainAccuracy() - five.validationAccuracy();
        sb.append(String.format("From 2 to 5 layers, validation accuracy %s by %.2f points and the gap between training "
                        + "and validation accuracy goes from %.2f to %.2f points. ",
                five.validationAccuracy() >= two.validationAccuracy() ? "rises" : "falls",
                100 * Math.abs(five.validationAccuracy() - two.validationAccuracy()), 100 * gap2, 100 * gap5));
        sb.append(String.format("Test set, once, for the %d-layer network: %s.", bestLayers,
                deep.test() == null ? "not run" : Table.pct(deep.test().accuracy())));
        return sb.toString();
    }

    /**
     * {@code get_CIFAR10_data}'s preprocessing: pixels on the 0–255 scale less the mean image of the training rows
     * (one mean per pixel and colour), for rows [0, trainRows) and [trainRows, end) of {@code all} and the first
     * {@code testRows} of {@code test}. The starter's learning rate 1e-4 is tuned to inputs of that size. Built row by
     * row from {@code all}, so that the real 49,000 rows (1.2 GB) are never copied more than once at a time.
     */
    static Dataset[] centerOnMeanImage(Dataset all, int trainRows, Dataset test, int testRows) {
        int cols = all.cols();
        double[] mean = new double[cols];
        for (int r = 0; r < trainRows; r++) {
            double[] x = all.row(r);
            for (int c = 0; c < cols; c++) {
                mean[c] += 255 * x[c];
            }
        }
        for (int c = 0; c < cols; c++) {
            mean[c] /= trainRows;
        }
        return new Dataset[] {centered(all, 0, trainRows, mean, "train"), centered(all, trainRows, all.rows(), mean, "validation"),
                centered(test, 0, testRows, mean, "test")};
    }

    private static Dataset centered(Dataset d, int from, int to, double[] mean, String part) {
        int cols = d.cols();
        double[] v = new double[(to - from) * cols];
        int[] labels = new int[to - from];
        for (int r = from; r < to; r++) {
            double[] x = d.row(r);
            for (int c = 0; c < cols; c++) {
                v[(r - from) * cols + c] = 255 * x[c] - mean[c];
            }
            labels[r - from] = d.label(r);
        }
        return Dataset.of("cifar10/" + part + " (mean image subtracted)", v, to - from, cols, labels, d.classes());
    }
}
