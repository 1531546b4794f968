package org.twingrad.bench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.FutureTask;
import org.twingrad.data.Normalization;
import org.twingrad.data.Split;
import org.twingrad.tensor.CrashPoints;
import org.twingrad.tensor.nn.ModelFile;
import org.twingrad.tensor.nn.MLP;
import org.twingrad.tensor.train.Trainer;

/**
 * One training run with its outputs in a folder: {@code steps.csv} (loss per step), {@code epochs.csv} (loss and
 * accuracy per epoch), {@code loss.png}, {@code accuracy.png} and {@code model.twg} (the trained weights, or the last
 * good ones if the loss blew up).
 */
final class TrainingRun {
    /**
     * @param spec    the network, as saved
     * @param net     the trained network
     * @param result  curves and why training stopped early, if it did
     * @param seconds wall time of the whole run, evaluation included
     */
    record Outcome(ModelSpec spec, MLP net, Trainer.Result result, double seconds) {
        Trainer.Epoch last() {
            List<Trainer.Epoch> e = result.epochs();
            return e.isEmpty() ? null : e.get(e.size() - 1);
        }
    }

    private TrainingRun() {}

    /**
     * A checkpoint after every epoch (tensor engine), and where to resume from.
     *
     * @param args       the command line, recorded in the checkpoint so that {@code --resume} needs nothing else
     * @param resumeFrom the checkpoint of an interrupted run to continue, or null to start afresh
     */
    record Checkpointing(List<String> args, Checkpoint resumeFrom) {
    }

    static Outcome run(String name, Split data, Normalization norm, Settings s, Path dir, boolean bars, PrintWriter out,
                       String heldOut) throws IOException {
        return run(name, data, norm, s, dir, bars, out, heldOut, null);
    }

    /** As {@link #run(String, Split, Normalization, Settings, Path, boolean, PrintWriter, String)}, with checkpoints. */
    static Outcome run(String name, Split data, Normalization norm, Settings s, Path dir, boolean bars, PrintWriter out,
                       String heldOut, Checkpointing checkpoints) throws IOException {
        Files.createDirectories(dir);
        ModelSpec spec = new ModelSpec(data.train().cols(), s.hidden(), data.train().classes(), s.activation(), norm);
        MLP net = spec.build(s.init(), s.seed());
        Trainer.Listener progress = new Progress(name, s.epochs(), data.train().rows(), s.batch(), bars, out, heldOut);
        Trainer.Result before = new Trainer.Result(List.of(), new double[0], null);
        Trainer.TensorEngine tensors = s.scalarEngine() ? null : new Trainer.TensorEngine(net, s.config());
        Trainer trainer = new Trainer(tensors != null ? tensors : new ScalarEngineTrainer(net, s.config()), s.config());
        if (checkpoints != null && tensors != null) {
            Checkpoint from = checkpoints.resumeFrom();
            if (from != null) {
                if (from.model().inputs() != spec.inputs() || from.model().outputs() != spec.outputs()) {
                    throw new IllegalArgumentException("--resume: the checkpoint's network " + from.model().shortName()
                            + " takes " + from.model().inputs() + " inputs and " + from.model().outputs() + " classes, but "
                            + data.train().name() + " has " + spec.inputs() + " features and " + spec.outputs() + " classes");
                }
                from.restoreInto(net);
                tensors.optimizer().restoreVelocity(from.velocity());
                trainer.resumeAfter(from.epoch(), data.train(), from.beforeLastStep());
                before = from.soFar();
            }
            progress = withCheckpoints(progress, dir, spec, checkpoints.args(), net, trainer, tensors);
        }
        long t0 = System.nanoTime();
        Trainer.Result result = trainer.fit(data.train(), data.test(), progress, before);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (result.stoppedReason() != null) {
            out.println(name + ": " + result.stoppedReason());
        }
        write(dir, name, result, heldOut);
        ModelFile.save(dir.resolve("model.twg"), spec.describe(), net.parameters());
        return new Outcome(spec, net, result, seconds);
    }

    /** {@code progress}, and after every epoch a checkpoint; a crash test may stop the JVM right after writing it. */
    private static Trainer.Listener withCheckpoints(Trainer.Listener progress, Path dir, ModelSpec spec, List<String> args,
                                                    MLP net, Trainer trainer, Trainer.TensorEngine tensors) {
        return new Trainer.Listener() {
            @Override
            public void step(int epoch, int step, int stepsPerEpoch, double loss) {
                progress.step(epoch, step, stepsPerEpoch, loss);
            }

            @Override
            public void epoch(Trainer.Epoch e) {
                progress.epoch(e);
            }

            @Override
            public void checkpoint(Trainer.Result soFar) {
                try {
                    Checkpoint.save(dir, spec, args, net, tensors.optimizer().velocity(), trainer.beforeLastStep(), soFar);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                CrashPoints.reached("checkpoint:" + soFar.epochs().size());
            }
        };
    }

    static void write(Path dir, String name, Trainer.Result r, String heldOut) throws IOException {
        StringBuilder steps = new StringBuilder("step,loss\n");
        double[] losses = r.stepLosses();
        for (int i = 0; i < losses.length; i++) {
            steps.append(i + 1).append(',').append(losses[i]).append('\n');
        }
        Files.writeString(dir.resolve("steps.csv"), steps);
        StringBuilder epochs = new StringBuilder("epoch,train_loss,train_accuracy," + heldOut + "_loss," + heldOut
                + "_accuracy,train_seconds\n");
        int n = r.epochs().size();
        double[] x = new double[n];
        double[] trainLoss = new double[n];
        double[] testLoss = new double[n];
        double[] trainAcc = new double[n];
        double[] testAcc = new double[n];
        for (int i = 0; i < n; i++) {
            Trainer.Epoch e = r.epochs().get(i);
            epochs.append(e.epoch()).append(',').append(e.trainLoss()).append(',').append(e.trainAccuracy()).append(',')
                    .append(e.testLoss()).append(',').append(e.testAccuracy()).append(',').append(e.seconds()).append('\n');
            x[i] = e.epoch();
            trainLoss[i] = e.trainLoss();
            testLoss[i] = e.testLoss();
            trainAcc[i] = 100 * e.trainAccuracy();
            testAcc[i] = 100 * e.testAccuracy();
        }
        Files.writeString(dir.resolve("epochs.csv"), epochs);
        if (n > 0) {
            // Drawn on two cores at once: the first charts run cold Java2D code, most of the time after the last epoch.
            FutureTask<Path> accuracy = new FutureTask<>(() -> Plots.save(dir.resolve("accuracy.png"), name + ": accuracy",
                    "epoch", "accuracy (%)", List.of(new Plots.Curve("train", x, trainAcc), new Plots.Curve(heldOut, x, testAcc))));
            ForkJoinPool.commonPool().execute(accuracy);
            Plots.save(dir.resolve("loss.png"), name + ": loss", "epoch", "mean cross-entropy loss",
                    List.of(new Plots.Curve("train", x, trainLoss), new Plots.Curve(heldOut, x, testLoss)));
            Plots.await(accuracy);
        }
    }
}
