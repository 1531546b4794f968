package org.twingrad.bench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.twingrad.data.Dataset;
import org.twingrad.data.Normalization;
import org.twingrad.data.Split;
import org.twingrad.data.WeightInit;
import org.twingrad.tensor.Kernels;
import org.twingrad.data.Activation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code twingrad sweep}: a grid search over comma lists of settings, trained on the training rows less a held-out
 * validation split, ranked by validation accuracy; the test set only with {@code --test-best}, once, for the best.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Grid search: train every combination of the listed values on the training rows less the last "
                + "--validation rows, rank them by validation accuracy, plot it, and write report.md. The test set is "
                + "left alone unless --test-best, which evaluates the best setting on it once.",
                "Each of --lr, --hidden, --batch, --l2, --momentum, --activation, --epochs and --lr-decay takes a comma "
                        + "list of values. In a sweep the comma separates settings, so the layers of one network are "
                        + "joined by 'x': --hidden 64,128,384x256 is three networks (64; 128; 384 then 256). --hidden "
                        + "may also be repeated. Unlisted options keep train's defaults.",
                "Example: twingrad sweep --lr 0.1,0.01 --hidden 64,128 --epochs 5 --validation 500"})
final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    RunOptions run;

    @Option(names = "--hidden", paramLabel = "W[xW...][,...]",
            description = "networks to try, comma-separated; 'x' joins the layers of one: 64,384x256 (default: 256)")
    List<String> hidden = new ArrayList<>();

    @Option(names = "--activation", defaultValue = "sigmoid", description = "comma list of sigmoid, relu, tanh, improved-sigmoid (default: ${DEFAULT-VALUE})")
    String activation;

    @Option(names = "--lr", defaultValue = "0.01", description = "comma list of learning rates (default: ${DEFAULT-VALUE})")
    String lr;

    @Option(names = "--batch", defaultValue = "50", description = "comma list of minibatch sizes (default: ${DEFAULT-VALUE})")
    String batch;

    @Option(names = "--epochs", defaultValue = "50", description = "comma list of epoch counts (default: ${DEFAULT-VALUE})")
    String epochs;

    @Option(names = "--momentum", defaultValue = "0", description = "comma list of momenta γ in [0, 1) (default: ${DEFAULT-VALUE})")
    String momentum;

    @Option(names = "--l2", defaultValue = "0", description = "comma list of L2 λ on weights (default: ${DEFAULT-VALUE})")
    String l2;

    @Option(names = "--lr-decay", defaultValue = "1", paramLabel = "D[,D...]",
            description = "comma list of per-epoch learning-rate factors in (0, 1]: epoch e trains at lr·D^(e-1) (default: ${DEFAULT-VALUE})")
    String lrDecay;

    @Option(names = "--validation", defaultValue = "1000", paramLabel = "N",
            description = "hold out the last N training rows for validation, as the HLCV starter does (default: ${DEFAULT-VALUE})")
    int validation;

    @Option(names = "--test-best", description = "after the sweep, evaluate the best setting on the test set, once")
    boolean testBest;

    @Option(names = "--seed", defaultValue = "0", description = "seed of initialization and shuffling, the same for every setting (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", defaultValue = "runs/sweep", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        Sweep.Grid grid = grid();
        Split split = DataSpec.limit(data.load(), run.limit);
        Dataset all = split.train();
        Sweep.checkValidation(validation, all.rows());
        Dataset train = all.slice(0, all.rows() - validation);
        Dataset val = all.slice(all.rows() - validation, all.rows());
        Dataset test = split.test();
        Normalization norm = null;
        if (run.normalize) {
            norm = Normalization.fit(train);
            train = norm.apply(train);
            val = norm.apply(val);
            test = norm.apply(test);
        }
        o.printf("sweep on %s: %d training rows, %d validation rows (the last %d of the training set); %d setting(s); "
                        + "matmul kernel %s on %d thread(s)%n", data, train.rows(), val.rows(), validation,
                grid.points().size(), Kernels.kernelName(), Kernels.threads());
        Sweep.Result r = Sweep.run("sweep", grid, train, val, testBest ? test : null, norm, out, !run.quiet, o);
        Writeup w = new Writeup(out).title("twingrad sweep on " + data);
        w.para(String.format("Data: %s, %d training rows, of which the last %d are held out for validation%s.", data,
                all.rows(), validation, norm != null ? "; inputs normalized with the training rows' " + norm : ""));
        r.describe(w, "", "Test set: not used (the choice rests on validation accuracy alone; --test-best evaluates the "
                + "best setting on it once).");
        o.println();
        w.publish(o);
        o.printf("wrote %s (report.md, sweep.csv, sweep.png, validation-curves.png, one folder per setting)%n", out);
        return 0;
    }

    /** The grid from the options: an option with one value is fixed (set on the base), one with several is swept. */
    private Sweep.Grid grid() {
        int[][] nets = (hidden.isEmpty() ? List.of("256") : hidden).stream().flatMap(h -> Arrays.stream(h.split(",", -1))
                .map(net -> positiveInts(net.split("x", -1), "--hidden takes networks separated by commas, the layers of one "
                        + "joined by 'x' (64,128,384x256), got '" + h + "'"))).toArray(int[][]::new);
        Activation[] acts = parse(activation.split(",", -1), s -> s.map(a -> Activation.parse(a))
                .toArray(Activation[]::new), a -> true, "--activation takes a comma list of sigmoid, relu, tanh, improved-sigmoid, got '"
                + activation + "'");
        double[] lrs = doubles("--lr", lr, v -> v > 0 && Double.isFinite(v), "positive learning rates");
        int[] batches = positiveInts(batch.split(",", -1), "--batch takes a comma list of positive batch sizes, got '" + batch + "'");
        int[] epochCounts = positiveInts(epochs.split(",", -1), "--epochs takes a comma list of positive epoch counts, got '" + epochs
                + "'");
        double[] moms = doubles("--momentum", momentum, v -> v >= 0 && v < 1, "momenta in [0, 1)");
        double[] l2s = doubles("--l2", l2, v -> v >= 0 && Double.isFinite(v), "L2 λ of at least 0");
        double[] decays = doubles("--lr-decay", lrDecay, v -> v > 0 && v <= 1, "factors in (0, 1]");
        Settings base = Settings.defaults().init(WeightInit.parse(run.init)).shuffle(run.shuffle).seed(seed);
        // The order of the table's columns: the options most often swept first.
        return new Sweep.Grid(base).lr(lrs).hidden(nets).batch(batches).l2(l2s).momentum(moms)
                .activation(acts).epochs(epochCounts).lrDecay(decays);
    }

    static double[] doubles(String flag, String text, DoublePredicate ok, String what) {
        return parse(text.split(",", -1), s -> s.mapToDouble(Double::parseDouble).toArray(), v -> Arrays.stream(v).allMatch(ok),
                flag + " takes a comma list of " + what + ", got '" + text + "'");
    }

    /** {@code parts} as positive whole numbers, or else {@code error}. */
    static int[] positiveInts(String[] parts, String error) {
        return parse(parts, s -> s.mapToInt(Integer::parseInt).toArray(), v -> Arrays.stream(v).allMatch(x -> x > 0), error);
    }

    /** {@code parts}, trimmed, read by {@code read}; one that does not read or pass {@code ok} is {@code error} (a one-line message). */
    private static <T> T parse(String[] parts, Function<Stream<String>, T> read, Predicate<T> ok, String error) {
        try {
            T v = read.apply(Arrays.stream(parts).map(String::trim));
            if (ok.test(v)) {
                return v;
            }
        } catch (IllegalArgumentException e) {   // a number or name that does not parse: reported below, naming the flag
        }
        throw new IllegalArgumentException(error);
    }
}
