package org.twingrad.bench.cli;

import static org.twingrad.bench.cli.Experiment.require;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.twingrad.data.Normalization;
import org.twingrad.data.Split;
import org.twingrad.data.WeightInit;
import org.twingrad.tensor.Kernels;
import org.twingrad.tensor.Tensor;
import org.twingrad.data.Activation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    DataOptions data;

    @Mixin
    RunOptions run;

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

    @Option(names = "--early-stopping", defaultValue = "0", paramLabel = "PATIENCE",
            description = "stop when the held-out loss has not improved for PATIENCE epochs (0: off)")
    int patience;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the initialization and shuffling (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--engine", defaultValue = "tensor", description = "tensor or scalar (slow, for comparison) (default: ${DEFAULT-VALUE})")
    String engine;

    @Option(names = "--out", defaultValue = "runs/train", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--overwrite", description = "discard an interrupted run's checkpoint in <out>.partial and start again")
    boolean overwrite;

    @Option(names = "--resume", paramLabel = "DIR", description = "continue the interrupted run whose --out was DIR (or its "
            + "DIR.partial folder) from its last checkpoint, with its settings, to the same result as a run never interrupted")
    Path resume;

    @Option(names = "--detect-anomaly", description = "stop at the first op whose output or gradient is NaN or infinite, "
            + "naming it, its input shapes and which input was already non-finite (slower)")
    boolean detectAnomaly;

    /** The options a resumed run may take: they change what is shown, not what is computed. */
    private static final List<String> RESUME_OPTIONS = List.of("--resume", "--quiet", "--detect-anomaly");

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        if (resume != null) {
            return resume(o);
        }
        List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        // The command line as the user typed it after "train", recorded in each checkpoint for --resume.
        int at = args.indexOf("train");
        return train(o, at >= 0 ? args.subList(at + 1, args.size()) : args, null, null);
    }

    private Integer resume(PrintWriter o) throws Exception {
        List<String> others = spec.commandLine().getParseResult().matchedOptions().stream().map(opt -> opt.longestName())
                .filter(name -> !RESUME_OPTIONS.contains(name)).toList();
        require(others.isEmpty(), "--resume continues a run with the settings it was started with: drop " + String.join(", ", others));
        Path file = Checkpoint.find(resume);
        Checkpoint cp = Checkpoint.load(file);
        TrainCommand original = new TrainCommand();
        new CommandLine(original).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(cp.args().toArray(new String[0]));
        original.run.quiet = run.quiet;
        original.detectAnomaly |= detectAnomaly;
        o.printf("resuming %s after epoch %d of %d%n", file, cp.epoch(), original.epochs);
        return original.train(o, cp.args(), cp, file.getParent());
    }

    /** Checks every number the user gave, naming the flag; before any data is read. */
    private void checkOptions() {
        require(List.of("tensor", "scalar").contains(engine), "unknown --engine '" + engine + "': expected tensor or scalar");
        require(lrDecay > 0 && lrDecay <= 1, "--lr-decay takes a factor in (0, 1], got " + lrDecay);
        require(lr > 0 && Double.isFinite(lr), "--lr must be a positive number, got " + lr);
        require(momentum >= 0 && momentum < 1, "--momentum must be in [0, 1), got " + momentum);
        require(l2 >= 0 && Double.isFinite(l2), "--l2 must be 0 (off) or a positive number, got " + l2);
        require(seed >= 0 && seed <= 0xFFFF_FFFFL, "--seed must be between 0 and 2^32 - 1 (as NumPy requires), got " + seed);
        require(batch > 0, "--batch must be a positive number of rows, got " + batch);
        require(epochs > 0, "--epochs must be a positive number of passes over the data, got " + epochs);
        require(patience >= 0, "--early-stopping must be 0 (off) or a positive number of epochs, got " + patience);
        require(!Files.exists(out) || Files.isDirectory(out), "--out " + out + " is a file: expected a folder to write the"
                + " run into (or a path that does not exist yet)");
    }

    private Integer train(PrintWriter o, List<String> args, Checkpoint from, Path partial) throws Exception {
        checkOptions();
        Settings s = Settings.defaults().hidden(ModelSpec.parseHidden(hidden)).activation(Activation.parse(activation))
                .learningRate(lr).batch(batch).epochs(epochs).momentum(momentum).l2(l2).init(WeightInit.parse(run.init))
                .shuffle(run.shuffle).patience(patience).seed(seed).scalarEngine(engine.equals("scalar")).learningRateDecay(lrDecay);
        s.config();   // validates the numbers before any data is read
        DataSpec.checkLimit(run.limit);
        Split loaded = data.load();
        o.println(DataSpec.rowsRead(loaded));
        Split split = DataSpec.limit(loaded, run.limit);
        Normalization norm = null;
        if (run.normalize) {
            norm = Normalization.fit(split.train());
            split = new Split(norm.apply(split.train()), norm.apply(split.test()));
            o.println("inputs normalized with the training set's " + norm);
        }
        MemoryCheck.check(split.train().cols(), s.hidden(), split.train().classes(), batch,
                Math.min(1000, Math.max(split.train().rows(), split.test().rows())), momentum > 0, hidden,
                8L * split.train().cols() * (split.train().rows() + split.test().rows()));
        RunFolder folder = from == null ? RunFolder.start(out, overwrite, o) : RunFolder.resume(out, partial, o);
        o.printf("training %d-%s-%d on %s (%d train, %d test rows); %s; matmul kernel %s on %d thread(s)%n",
                split.train().cols(), hidden.replace(',', '-'), split.train().classes(), data, split.train().rows(),
                split.test().rows(), s.describe(), Kernels.kernelName(), Kernels.threads());
        boolean anomalies = Tensor.isDetectingAnomalies();
        Tensor.detectAnomaly(detectAnomaly || anomalies);
        TrainingRun.Outcome r;
        try {
            r = TrainingRun.run("train", split, norm, s, folder.dir(), !run.quiet, o, "test",
                    new TrainingRun.Checkpointing(args, from));
        } finally {
            Tensor.detectAnomaly(anomalies);
        }
        Table t = new Table("", "loss", "accuracy");
        if (r.last() != null) {
            t.row("train", Table.num(r.last().trainLoss()), Table.pct(r.last().trainAccuracy()));
            t.row("test", Table.num(r.last().testLoss()), Table.pct(r.last().testAccuracy()));
            o.print(t.text());
        }
        String head = "Data: " + data + " (" + split.train().rows() + " train, " + split.test().rows() + " test rows)"
                + (norm != null ? ", normalized: " + norm : "") + "\n\n" + "Network: " + r.spec().shortName() + "; "
                + s.describe();
        writeReport(folder.dir(), head, r, t);
        folder.finish();
        o.printf("%d epoch(s) in %.1f s; wrote %s (%s)%n", r.result().epochs().size(), r.seconds(), out,
                String.join(", ", RunFolder.filesIn(out)));
        return r.result().diverged() ? 1 : 0;
    }

    /**
     * Writes {@code dir/report.md}: {@code head} (data and network), the table, why it stopped, the time, the plots
     * that are on disk (a run whose loss became NaN in its first epoch has no curves, and a report linking them would lie).
     */
    private static void writeReport(Path dir, String head, TrainingRun.Outcome r, Table t) throws IOException {
        Writeup w = new Writeup(dir).title("twingrad train").para(head);
        if (r.last() != null) {
            w.table(t);
        } else {
            w.para("No epoch finished.");
        }
        if (r.result().stoppedReason() != null) {
            w.para("Stopped: " + r.result().stoppedReason());
        }
        w.para(String.format("Time: %.1f s.", r.seconds()));
        for (String plot : new String[] {"loss", "accuracy"}) {
            if (Files.exists(dir.resolve(plot + ".png"))) {
                w.plot(plot + ".png", plot);
            }
        }
        Files.writeString(dir.resolve("report.md"), w.markdown());
    }
}
