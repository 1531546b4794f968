package org.twingrad.bench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.twingrad.data.Normalization;
import org.twingrad.data.Split;
import org.twingrad.data.WeightInit;
import org.twingrad.tensor.Kernels;
import org.twingrad.tensor.nn.Activation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code twingrad train}: one network, trained with progress, then a results table, curves, plots and the weights. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train an MLP classifier. Defaults are CMU 10-701 HW3 §5.6 (a): 784-256-10 sigmoid, lr 0.01, batch 50, "
                + "50 epochs, unshuffled batches, on MNIST-4000.")
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", defaultValue = "mnist4000", description = "mnist4000, mnist10k, idx:DIR, csv:TRAIN,TEST or cifar:DIR (default: ${DEFAULT-VALUE})")
    String data;

    @Option(names = "--label-first", description = "CSV files have the label in the first column (Kaggle), not the last (CMU)")
    boolean labelFirst;

    @Option(names = "--hidden", defaultValue = "256", description = "hidden widths, e.g. 256 or 384,256 (default: ${DEFAULT-VALUE})")
    String hidden;

    @Option(names = "--activation", defaultValue = "sigmoid", description = "sigmoid, relu, tanh or improved-sigmoid (default: ${DEFAULT-VALUE})")
    String activation;

    @Option(names = "--lr", defaultValue = "0.01", description = "learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--batch", defaultValue = "50", description = "minibatch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--epochs", defaultValue = "50", description = "passes over the training set (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--lr-decay", defaultValue = "1", paramLabel = "D",
            description = "multiply the learning rate by D after every epoch: epoch e (from 1) trains at lr·D^(e-1), "
                    + "as the HLCV starter (its default 0.95); 1: constant (default: ${DEFAULT-VALUE})")
    double lrDecay;

    @Option(names = "--momentum", defaultValue = "0", description = "momentum γ in [0, 1) (default: ${DEFAULT-VALUE})")
    double momentum;

    @Option(names = "--l2", defaultValue = "0", description = "L2 λ on weights (default: ${DEFAULT-VALUE})")
    double l2;

    @Option(names = "--init", defaultValue = "xavier", description = "uniform:A, normal:S, fanin, xavier, he or zeros (default: ${DEFAULT-VALUE})")
    String init;

    @Option(names = "--normalize", description = "normalize inputs with the training set's mean and std")
    boolean normalize;

    @Option(names = "--shuffle", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = "shuffle the batches every epoch (default: unshuffled, as CMU's sheet)")
    boolean shuffle;

    @Option(names = "--early-stopping", defaultValue = "0", paramLabel = "PATIENCE",
            description = "stop when the held-out loss has not improved for PATIENCE epochs (0: off)")
    int patience;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the initialization and shuffling (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--engine", defaultValue = "tensor", description = "tensor or scalar (slow, for comparison) (default: ${DEFAULT-VALUE})")
    String engine;

    @Option(names = "--out", defaultValue = "runs/train", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--limit", defaultValue = "0", description = "use only the first N training rows (and N/3 test rows), for quick runs")
    int limit;

    @Option(names = "--quiet", description = "no progress bars")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        if (!engine.equals("tensor") && !engine.equals("scalar")) {
            throw new IllegalArgumentException("unknown --engine '" + engine + "': expected tensor or scalar");
        }
        if (!(lrDecay > 0 && lrDecay <= 1)) {
            throw new IllegalArgumentException("--lr-decay takes a factor in (0, 1], got " + lrDecay);
        }
        Settings s = new Settings(ModelSpec.parseHidden(hidden), Activation.parse(activation), lr, batch, epochs, momentum, l2,
                WeightInit.parse(init), shuffle, patience, seed, engine.equals("scalar")).withLearningRateDecay(lrDecay);
        s.config();   // validates the numbers before any data is read
        Split split = DataSpec.limit(DataSpec.load(data, labelFirst), limit);
        Normalization norm = null;
        if (normalize) {
            norm = Normalization.fit(split.train());
            split = new Split(norm.apply(split.train()), norm.apply(split.test()));
            o.println("inputs normalized with the training set's " + norm);
        }
        o.printf("training %d-%s-%d on %s (%d train, %d test rows); %s; matmul kernel %s on %d thread(s)%n",
                split.train().cols(), hidden.replace(',', '-'), split.train().classes(), data, split.train().rows(),
                split.test().rows(), s.describe(), Kernels.kernelName(), Kernels.threads());
        o.flush();
        TrainingRun.Outcome r = TrainingRun.run("train", split, norm, s, out, !quiet, o, "test");
        Table t = new Table("", "loss", "accuracy");
        if (r.last() != null) {
            t.row("train", Table.num(r.last().trainLoss()), Table.pct(r.last().trainAccuracy()));
            t.row("test", Table.num(r.last().testLoss()), Table.pct(r.last().testAccuracy()));
            o.print(t.text());
        }
        o.printf("%d epoch(s) in %.1f s; wrote %s (steps.csv, epochs.csv, loss.png, accuracy.png, model.twg, report.md)%n",
                r.result().epochs().size(), r.seconds(), out);
        Files.writeString(out.resolve("report.md"), "# twingrad train\n\n" + "Data: " + data + " (" + split.train().rows()
                + " train, " + split.test().rows() + " test rows)" + (norm != null ? ", normalized: " + norm : "") + "\n\n"
                + "Network: " + r.spec().shortName() + "; " + s.describe() + "\n\n" + t.markdown() + "\n"
                + (r.result().stoppedReason() != null ? "Stopped: " + r.result().stoppedReason() + "\n\n" : "")
                + String.format("Time: %.1f s.%n%n![loss](loss.png)%n![accuracy](accuracy.png)%n", r.seconds()));
        return r.result().stoppedReason() != null && r.result().stoppedReason().startsWith("loss became") ? 1 : 0;
    }
}
