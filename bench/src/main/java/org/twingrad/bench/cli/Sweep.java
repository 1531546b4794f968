package org.twingrad.bench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.twingrad.data.Dataset;
import org.twingrad.data.Normalization;
import org.twingrad.data.Split;
import org.twingrad.tensor.nn.Activation;
import org.twingrad.tensor.nn.MLP;
import org.twingrad.tensor.train.Evaluation;
import org.twingrad.tensor.train.Trainer;

/**
 * A grid search: every combination of the swept values trained on the training rows and measured on held-out
 * validation rows, ranked by validation accuracy; then, only if asked, the best network once on the test set. The one
 * implementation behind {@code twingrad sweep} and the searches of {@code experiment hlcv}.
 *
 * <pre>{@code
 * Sweep.Grid grid = new Sweep.Grid(base).lr(0.1, 0.01).hidden(new int[] {64}, new int[] {384, 256});
 * Sweep.Result r = Sweep.run("sweep", grid, train, validation, null, dir, true, out);
 * r.describe(writeup, "");
 * }</pre>
 */
final class Sweep {
    private Sweep() {}

    /** One swept option: its name, as the flag says it, and its values, each a label and what it does to settings. */
    record Axis(String name, List<String> labels, List<UnaryOperator<Settings>> apply) {
    }

    /** The base settings and the swept axes; an option not swept keeps the base's value. */
    static final class Grid {
        private final Settings base;
        private final List<Axis> axes = new ArrayList<>();

        Grid(Settings base) {
            this.base = base;
        }

        Settings base() {
            return base;
        }

        List<Axis> axes() {
            return axes;
        }

        private Grid axis(String name, List<String> labels, List<UnaryOperator<Settings>> apply) {
            if (labels.isEmpty()) {
                throw new IllegalArgumentException("--" + name + " needs at least one value");
            }
            axes.add(new Axis(name, List.copyOf(labels), List.copyOf(apply)));
            return this;
        }

        Grid lr(double... v) {
            return axis("lr", labels(v),
                    Arrays.stream(v).mapToObj(x -> (UnaryOperator<Settings>) s -> s.withLearningRate(x)).toList());
        }

        Grid l2(double... v) {
            return axis("l2", labels(v), Arrays.stream(v).mapToObj(x -> (UnaryOperator<Settings>) s -> s.withL2(x)).toList());
        }

        Grid momentum(double... v) {
            return axis("momentum", labels(v),
                    Arrays.stream(v).mapToObj(x -> (UnaryOperator<Settings>) s -> s.withMomentum(x)).toList());
        }

        Grid lrDecay(double... v) {
            return axis("lr-decay", labels(v),
                    Arrays.stream(v).mapToObj(x -> (UnaryOperator<Settings>) s -> s.withLearningRateDecay(x)).toList());
        }

        Grid batch(int... v) {
            return axis("batch", Arrays.stream(v).mapToObj(Integer::toString).toList(),
                    Arrays.stream(v).mapToObj(x -> (UnaryOperator<Settings>) s -> s.withBatch(x)).toList());
        }

        Grid epochs(int... v) {
            return axis("epochs", Arrays.stream(v).mapToObj(Integer::toString).toList(),
                    Arrays.stream(v).mapToObj(x -> (UnaryOperator<Settings>) s -> s.withEpochs(x)).toList());
        }

        Grid hidden(int[]... v) {
            return axis("hidden", Arrays.stream(v).map(Sweep::hiddenLabel).toList(),
                    Arrays.stream(v).map(x -> (UnaryOperator<Settings>) s -> s.withHidden(x)).toList());
        }

        Grid activation(Activation... v) {
            return axis("activation", Arrays.stream(v).map(a -> a.toName().cliName()).toList(),
                    Arrays.stream(v).map(x -> (UnaryOperator<Settings>) s -> s.withActivation(x)).toList());
        }

        /** Every combination, the first axis varying slowest. */
        List<Point> points() {
            List<Point> out = new ArrayList<>();
            out.add(new Point(0, base, List.of()));
            for (Axis a : axes) {
                List<Point> next = new ArrayList<>();
                for (Point p : out) {
                    for (int i = 0; i < a.labels().size(); i++) {
                        List<String> labels = new ArrayList<>(p.labels());
                        labels.add(a.labels().get(i));
                        next.add(new Point(0, a.apply().get(i).apply(p.settings()), labels));
                    }
                }
                out = next;
            }
            List<Point> numbered = new ArrayList<>();
            for (int i = 0; i < out.size(); i++) {
                numbered.add(new Point(i + 1, out.get(i).settings(), out.get(i).labels()));
            }
            return numbered;
        }

        /** "lr ∈ {0.1, 0.01} × hidden ∈ {64, 384x256}". */
        String describe() {
            return axes.isEmpty() ? "nothing swept (one setting)" : axes.stream()
                    .map(a -> a.name() + " ∈ {" + String.join(", ", a.labels()) + "}").collect(Collectors.joining(" × "));
        }
    }

    /** One setting of the grid: its number (from 1), its settings, and its value on each axis. */
    record Point(int number, Settings settings, List<String> labels) {
        String label(List<Axis> axes) {
            if (axes.isEmpty()) {
                return "setting " + number;
            }
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < axes.size(); i++) {
                parts.add(axes.get(i).name() + " " + labels.get(i));
            }
            return String.join(", ", parts);
        }
    }

    /**
     * One trained setting.
     *
     * @param last    its last epoch's figures (validation in the {@code test} fields), or null if its loss became
     *                NaN or infinite within the first epoch
     * @param stopped why it stopped early, or null
     */
    record Run(Point point, Trainer.Epoch last, String stopped, double seconds) {
        double validationAccuracy() {
            return last == null ? Double.NaN : last.testAccuracy();
        }
    }

    /** The runs in grid order, the best by validation accuracy (the first of equals), and its trained network. */
    static final class Result {
        private final Grid grid;
        private final List<Run> runs;
        private final Run best;
        private final MLP bestNet;
        private final int trainRows;
        private final int validationRows;
        private Evaluation test;
        private int testRows;

        private Result(Grid grid, List<Run> runs, Run best, MLP bestNet, int trainRows, int validationRows) {
            this.grid = grid;
            this.runs = runs;
            this.best = best;
            this.bestNet = bestNet;
            this.trainRows = trainRows;
            this.validationRows = validationRows;
        }

        List<Run> runs() {
            return runs;
        }

        Run best() {
            return best;
        }

        Grid grid() {
            return grid;
        }

        /** The test-set evaluation of the best network, or null if the test set was not used. */
        Evaluation test() {
            return test;
        }

        /** Evaluates the best network on {@code test}: call it once, after choosing on validation accuracy alone. */
        Evaluation testBest(Dataset testData) {
            if (test != null) {
                throw new IllegalStateException("the test set is used once");
            }
            if (bestNet == null) {
                return null;   // every setting diverged: there is nothing to test
            }
            test = Trainer.evaluate(bestNet, testData);
            testRows = testData.rows();
            return test;
        }

        /** The runs, best validation accuracy first; a run that diverged shows so and comes last. */
        Table table() {
            List<String> header = new ArrayList<>(List.of("rank", "#"));
            grid.axes().forEach(a -> header.add(a.name()));
            header.addAll(List.of("validation acc", "validation loss", "train acc", "train loss", "epochs", "time"));
            Table t = new Table(header.toArray(new String[0]));
            List<Run> sorted = new ArrayList<>(runs);
            sorted.sort(Comparator.comparingDouble((Run r) -> Double.isNaN(r.validationAccuracy()) ? -1 : r.validationAccuracy())
                    .reversed());
            for (int i = 0; i < sorted.size(); i++) {
                Run r = sorted.get(i);
                List<Object> row = new ArrayList<>(List.of(i + 1, r.point().number()));
                row.addAll(r.point().labels());
                if (r.last() == null) {
                    row.addAll(List.of("diverged", "", "", "", 0));
                } else {
                    row.addAll(List.of(Table.pct(r.last().testAccuracy()), Table.num(r.last().testLoss()),
                            Table.pct(r.last().trainAccuracy()), Table.num(r.last().trainLoss()),
                            r.last().epoch() + (r.stopped() != null ? " (stopped)" : "")));
                }
                row.add(String.format("%.1f s", r.seconds()));
                t.row(row.toArray());
            }
            return t;
        }

        /**
         * Adds the sweep to a writeup: what was swept and held out, the ranked table, the plots ({@code prefix} is the
         * sweep's folder relative to the report's), the best setting, and the test set's figures if it was used, or
         * else {@code untested} (null: nothing).
         */
        void describe(Writeup w, String prefix, String untested) {
            if (grid.axes().isEmpty()) {
                w.para(String.format("One setting, trained on %d training rows and measured on %d held-out validation rows: "
                        + "%s.", trainRows, validationRows, fixed(grid)));
            } else {
                w.para(String.format("Swept %s: %d settings, each trained on %d training rows and measured on %d held-out "
                        + "validation rows. Settings not swept: %s.", grid.describe(), runs.size(), trainRows, validationRows,
                        fixed(grid)));
            }
            w.table(table());
            w.plot(prefix + "sweep.png", "validation accuracy per setting");
            w.plot(prefix + "validation-curves.png", "validation accuracy per epoch, one curve per setting");
            if (best.last() == null) {
                w.para("Every setting diverged; there is no best setting.");
                return;
            }
            w.para(String.format("Best on validation: #%d, %s (%s): validation accuracy %s, training accuracy %s. "
                            + "Its curves and weights are in %s%02d/ beside report.md.", best.point().number(),
                    best.point().label(grid.axes()), best.point().settings().describe(), Table.pct(best.validationAccuracy()),
                    Table.pct(best.last().trainAccuracy()), prefix, best.point().number()));
            if (test != null) {
                w.para(String.format("Test set, used once, by the best setting's network as trained above (on the %d "
                        + "training rows): accuracy %s, loss %s on %d test rows.", trainRows, Table.pct(test.accuracy()),
                        Table.num(test.loss()), testRows));
            } else if (untested != null) {
                w.para(untested);
            }
        }
    }

    /**
     * Trains every setting of {@code grid} on {@code train}, measuring on {@code validation} after every epoch; each
     * run's curves, plots and weights go to {@code dir/NN/}, the sweep's plots and {@code sweep.csv} to {@code dir}.
     * Runs one after another in grid order, each from its own seed, so the same grid gives the same numbers.
     */
    static Result run(String name, Grid grid, Dataset train, Dataset validation, Normalization norm, Path dir, boolean bars,
                      PrintWriter out) throws IOException {
        List<Point> points = grid.points();
        for (Point p : points) {    // every setting must fit in memory before the first is trained or anything written
            MemoryCheck.check(train.cols(), p.settings().hidden(), train.classes(), p.settings().batch(),
                    Math.min(1000, Math.max(train.rows(), validation.rows())), p.settings().momentum() > 0,
                    java.util.Arrays.stream(p.settings().hidden()).mapToObj(Integer::toString).collect(java.util.stream.Collectors.joining("x")),
                    8L * train.cols() * (train.rows() + validation.rows()));
        }
        Files.createDirectories(dir);
        List<Run> runs = new ArrayList<>();
        Run best = null;
        MLP bestNet = null;
        List<Plots.Curve> curves = new ArrayList<>();
        for (Point p : points) {
            String label = p.label(grid.axes());
            out.printf("%s [%d/%d] %s%n", name, p.number(), points.size(), label);
            out.flush();
            TrainingRun.Outcome o = TrainingRun.run(name + " [" + p.number() + "/" + points.size() + "]",
                    new Split(train, validation), norm, p.settings(), dir.resolve(String.format("%02d", p.number())), bars,
                    out, "validation");
            Run r = new Run(p, o.last(), o.result().stoppedReason(), o.seconds());
            runs.add(r);
            if (r.last() != null && (best == null || best.last() == null || r.validationAccuracy() > best.validationAccuracy())) {
                best = r;
                bestNet = o.net();
            } else if (best == null) {
                best = r;
            }
            double[] x = new double[o.result().epochs().size()];
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = o.result().epochs().get(i).epoch();
                y[i] = 100 * o.result().epochs().get(i).testAccuracy();
            }
            if (x.length > 0) {
                curves.add(new Plots.Curve("#" + p.number() + " " + label, x, y));
            }
        }
        Result result = new Result(grid, runs, best, bestNet, train.rows(), validation.rows());
        Plots.bars(dir.resolve("sweep.png"), name + ": validation accuracy per setting (best #" + best.point().number() + ")",
                "setting (# as in the table)", "validation accuracy (%)",
                runs.stream().map(r -> barLabel(r.point(), grid.axes(), runs.size())).toList(),
                runs.stream().mapToDouble(r -> 100 * r.validationAccuracy()).toArray());
        if (!curves.isEmpty()) {
            Plots.save(dir.resolve("validation-curves.png"), name + ": validation accuracy per epoch", "epoch",
                    "validation accuracy (%)", curves, org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        }
        StringBuilder csv = new StringBuilder("setting");
        grid.axes().forEach(a -> csv.append(',').append(a.name()));
        csv.append(",validation_accuracy,validation_loss,train_accuracy,train_loss,epochs,seconds\n");
        for (Run r : runs) {
            csv.append(r.point().number());
            r.point().labels().forEach(l -> csv.append(',').append(l));
            Trainer.Epoch e = r.last();
            csv.append(',').append(e == null ? "NaN" : e.testAccuracy()).append(',').append(e == null ? "NaN" : e.testLoss())
                    .append(',').append(e == null ? "NaN" : e.trainAccuracy()).append(',').append(e == null ? "NaN" : e.trainLoss())
                    .append(',').append(e == null ? 0 : e.epoch()).append(',').append(r.seconds()).append('\n');
        }
        Files.writeString(dir.resolve("sweep.csv"), csv);
        return result;
    }

    /**
     * A bar's label: "#3 lr 0.1, hidden 64" while four fit side by side, else "#3" (the table and the curves' legend
     * name it). XChart's rotated category labels drift a bar sideways, so labels are never rotated.
     */
    private static String barLabel(Point p, List<Axis> axes, int bars) {
        return axes.isEmpty() || bars > 4 ? "#" + p.number() : "#" + p.number() + " " + p.label(axes);
    }

    /** The options every setting shares: those not swept, with the base's values. */
    static String fixed(Grid grid) {
        Settings b = grid.base();
        List<String> swept = grid.axes().stream().map(Axis::name).toList();
        List<String> parts = new ArrayList<>();
        addUnlessSwept(parts, swept, "hidden", hiddenLabel(b.hidden()));
        addUnlessSwept(parts, swept, "activation", b.activation().toName().cliName());
        addUnlessSwept(parts, swept, "lr", number(b.learningRate()));
        addUnlessSwept(parts, swept, "batch", Integer.toString(b.batch()));
        addUnlessSwept(parts, swept, "epochs", Integer.toString(b.epochs()));
        addUnlessSwept(parts, swept, "momentum", number(b.momentum()));
        addUnlessSwept(parts, swept, "l2", number(b.l2()));
        addUnlessSwept(parts, swept, "lr-decay", number(b.learningRateDecay()));
        parts.add("init " + b.init());
        parts.add(b.shuffle() ? "shuffled" : "unshuffled");
        if (b.patience() > 0) {
            parts.add("early stopping " + b.patience());
        }
        parts.add("seed " + b.seed());
        return String.join(", ", parts);
    }

    private static void addUnlessSwept(List<String> parts, List<String> swept, String name, String value) {
        if (!swept.contains(name)) {
            parts.add(name + " " + value);
        }
    }

    /** {@code 384x256}: the layers of one architecture, as the sweep's {@code --hidden} takes them. */
    static String hiddenLabel(int[] h) {
        return Arrays.stream(h).mapToObj(Integer::toString).collect(Collectors.joining("x"));
    }

    /** A number as a person writes it: 0.0001, not 1.0E-4. */
    static String number(double v) {
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    private static List<String> labels(double[] v) {
        return Arrays.stream(v).mapToObj(Sweep::number).toList();
    }
}
