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
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.twingrad.data.Dataset;
import org.twingrad.data.Normalization;
import org.twingrad.data.Split;
import org.twingrad.data.Activation;
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
 * Sweep.Result r = Sweep.run("sweep", grid, train, validation, null, null, dir, true, out);
 * r.describe(writeup, "", null);
 * }</pre>
 */
final class Sweep {
    private Sweep() {}

    /** One swept option: its name, as the flag says it, and its values, each a label and what it does to settings. */
    record Axis(String name, List<String> labels, List<UnaryOperator<Settings>> apply) {
    }

    /** The base settings and the swept axes; an option not swept keeps the base's value, one given one value sets it. */
    record Grid(Settings base, List<Axis> axes) {
        Grid(Settings base) {
            this(base, List.of());
        }

        /** The axis {@code name}: each value labelled, and set by {@code set}; one value is no axis, it sets the base. */
        private <T> Grid axis(String name, List<T> values, Function<T, String> label, BiFunction<Settings, T, Settings> set) {
            Experiment.require(!values.isEmpty(), "--" + name + " needs at least one value");
            if (values.size() == 1) {
                return new Grid(set.apply(base, values.get(0)), axes);
            }
            List<Axis> more = new ArrayList<>(axes);
            more.add(new Axis(name, values.stream().map(label).toList(),
                    values.stream().map(v -> (UnaryOperator<Settings>) s -> set.apply(s, v)).toList()));
            return new Grid(base, more);
        }

        // ---- the axes, in the flags' names ----

        Grid lr(double... v) { return axis("lr", Arrays.stream(v).boxed().toList(), Sweep::number, Settings::learningRate); }
        Grid l2(double... v) { return axis("l2", Arrays.stream(v).boxed().toList(), Sweep::number, Settings::l2); }
        Grid momentum(double... v) { return axis("momentum", Arrays.stream(v).boxed().toList(), Sweep::number, Settings::momentum); }
        Grid lrDecay(double... v) { return axis("lr-decay", Arrays.stream(v).boxed().toList(), Sweep::number, Settings::learningRateDecay); }
        Grid batch(int... v) { return axis("batch", Arrays.stream(v).boxed().toList(), String::valueOf, Settings::batch); }
        Grid epochs(int... v) { return axis("epochs", Arrays.stream(v).boxed().toList(), String::valueOf, Settings::epochs); }
        Grid hidden(int[]... v) { return axis("hidden", List.of(v), Sweep::hiddenLabel, Settings::hidden); }
        Grid activation(Activation... v) { return axis("activation", List.of(v), a -> a.cliName(), Settings::activation); }

        /** Every combination, the first axis varying slowest. */
        List<Point> points() {
            List<Point> out = List.of(new Point(1, base, List.of()));
            for (Axis a : axes) {
                List<Point> next = new ArrayList<>();
                for (Point p : out) {
                    for (int i = 0; i < a.labels().size(); i++) {
                        List<String> labels = new ArrayList<>(p.labels());
                        labels.add(a.labels().get(i));
                        next.add(new Point(next.size() + 1, a.apply().get(i).apply(p.settings()), labels));
                    }
                }
                out = next;
            }
            return out;
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
            return axes.isEmpty() ? "setting " + number
                    : IntStream.range(0, axes.size()).mapToObj(i -> axes.get(i).name() + " " + labels.get(i)).collect(Collectors.joining(", "));
        }
    }

    /**
     * One trained setting: its last epoch (validation in the {@code test} fields; null if it diverged in the first),
     * and why it stopped early (or null).
     */
    record Run(Point point, Trainer.Epoch last, String stopped, double seconds) {
        double validationAccuracy() {
            return last == null ? Double.NaN : last.testAccuracy();
        }
    }

    /**
     * The runs in grid order, the best by validation accuracy (the first of equals), and its figures on the test set,
     * used once after the choice (null and 0 rows if the test set was not given or every setting diverged).
     */
    record Result(Grid grid, List<Run> runs, Run best, int trainRows, int validationRows, Evaluation test, int testRows) {
        /** The runs, best validation accuracy first; a run that diverged shows so and comes last. */
        Table table() {
            List<String> header = new ArrayList<>(List.of("rank", "#"));
            grid.axes().forEach(a -> header.add(a.name()));
            header.addAll(List.of("validation acc", "validation loss", "train acc", "train loss", "epochs", "time"));
            Table t = new Table(header.toArray(new String[0]));
            List<Run> sorted = runs.stream().sorted(Comparator.comparingDouble((Run r) -> Double.isNaN(r.validationAccuracy()) ? -1
                    : r.validationAccuracy()).reversed()).toList();
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
            w.para(grid.axes().isEmpty() ? String.format("One setting, trained on %d training rows and measured on %d held-out "
                    + "validation rows: %s.", trainRows, validationRows, fixed(grid)) : String.format("Swept %s: %d settings, each "
                    + "trained on %d training rows and measured on %d held-out validation rows. Settings not swept: %s.",
                    grid.describe(), runs.size(), trainRows, validationRows, fixed(grid)));
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
     * Trains every setting of {@code grid} on {@code train}, measuring on {@code validation} after every epoch, then the
     * best once on {@code test} unless it is null; each run's curves, plots and weights go to {@code dir/NN/}, the
     * sweep's plots and {@code sweep.csv} to {@code dir}.
     * Runs one after another in grid order, each from its own seed, so the same grid gives the same numbers.
     */
    static Result run(String name, Grid grid, Dataset train, Dataset validation, Dataset test, Normalization norm, Path dir,
                      boolean bars, PrintWriter out) throws IOException {
        List<Point> points = grid.points();
        for (Point p : points) {    // every setting must fit in memory before the first is trained or anything written
            MemoryCheck.check(train.cols(), p.settings().hidden(), train.classes(), p.settings().batch(),
                    Math.min(1000, Math.max(train.rows(), validation.rows())), p.settings().momentum() > 0,
                    hiddenLabel(p.settings().hidden()), 8L * train.cols() * (train.rows() + validation.rows()));
        }
        Files.createDirectories(dir);
        List<Run> runs = new ArrayList<>();
        Run best = null;
        MLP bestNet = null;
        List<Plots.Curve> curves = new ArrayList<>();
        for (Point p : points) {
            String label = p.label(grid.axes());
            out.printf("%s [%d/%d] %s%n", name, p.number(), points.size(), label);
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
            List<Trainer.Epoch> epochs = o.result().epochs();
            if (!epochs.isEmpty()) {
                curves.add(new Plots.Curve("#" + p.number() + " " + label, epochs.stream().mapToDouble(Trainer.Epoch::epoch).toArray(),
                        epochs.stream().mapToDouble(e -> 100 * e.testAccuracy()).toArray()));
            }
        }
        Evaluation tested = test == null || bestNet == null ? null : Trainer.evaluate(bestNet, test);
        Result result = new Result(grid, runs, best, train.rows(), validation.rows(), tested, test == null ? 0 : test.rows());
        Plots.bars(dir.resolve("sweep.png"), name + ": validation accuracy per setting (best #" + best.point().number() + ")",
                "setting (# as in the table)", "validation accuracy (%)",
                runs.stream().map(r -> barLabel(r.point(), grid.axes(), runs.size())).toList(),
                runs.stream().mapToDouble(r -> 100 * r.validationAccuracy()).toArray());
        if (!curves.isEmpty()) {
            Plots.save(dir.resolve("validation-curves.png"), name + ": validation accuracy per epoch", "epoch",
                    "validation accuracy (%)", curves, org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        }
        String header = grid.axes().stream().map(a -> "," + a.name()).collect(Collectors.joining("", "setting", ""))
                + ",validation_accuracy,validation_loss,train_accuracy,train_loss,epochs,seconds\n";
        Files.writeString(dir.resolve("sweep.csv"), runs.stream().map(r -> r.point().number() + r.point().labels().stream()
                .map(l -> "," + l).collect(Collectors.joining()) + (r.last() == null ? ",NaN,NaN,NaN,NaN,0" : "," + r.last().testAccuracy()
                + "," + r.last().testLoss() + "," + r.last().trainAccuracy() + "," + r.last().trainLoss() + "," + r.last().epoch())
                + "," + r.seconds() + "\n").collect(Collectors.joining("", header, "")));
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
        String[][] options = {{"hidden", hiddenLabel(b.hidden())}, {"activation", b.activation().cliName()},
                {"lr", number(b.learningRate())}, {"batch", Integer.toString(b.batch())}, {"epochs", Integer.toString(b.epochs())},
                {"momentum", number(b.momentum())}, {"l2", number(b.l2())}, {"lr-decay", number(b.learningRateDecay())}};
        List<String> parts = new ArrayList<>(Arrays.stream(options).filter(o -> !swept.contains(o[0])).map(o -> o[0] + " " + o[1])
                .toList());
        parts.add("init " + b.init());
        parts.add(b.shuffle() ? "shuffled" : "unshuffled");
        if (b.patience() > 0) {
            parts.add("early stopping " + b.patience());
        }
        parts.add("seed " + b.seed());
        return String.join(", ", parts);
    }

    /** Refuses a {@code --validation} that leaves no training row or holds out none, naming the range it takes. */
    static void checkValidation(int validation, int rows) {
        Experiment.require(validation >= 1 && validation < rows, "--validation takes a number of rows from 1 to " + (rows - 1)
                + " (the " + rows + " training rows less one), got " + validation);
    }

    /** {@code 384x256}: the layers of one architecture, as the sweep's {@code --hidden} takes them. */
    static String hiddenLabel(int[] h) {
        return Arrays.stream(h).mapToObj(Integer::toString).collect(Collectors.joining("x"));
    }

    /** A number as a person writes it: 0.0001, not 1.0E-4. */
    static String number(double v) {
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
