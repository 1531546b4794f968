package org.twingrad.bench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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
    /** A finished run: its network (as saved, and trained), curves and stop reason, and wall time with evaluation. */
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
            progress = new CheckpointWriter(progress, dir, spec, checkpoints.args(), net, trainer, tensors,
                    new AtomicReference<>(CompletableFuture.completedFuture(null)));
        }
        long t0 = System.nanoTime();
        Trainer.Result result = trainer.fit(data.train(), data.test(), progress, before);
        if (progress instanceof CheckpointWriter w) {
            w.finish();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (result.stoppedReason() != null) {
            out.println(name + ": " + result.stoppedReason());
        }
        write(dir, name, result, heldOut);
        ModelFile.save(dir.resolve("model.twg"), spec.describe(), net.parameters());
        return new Outcome(spec, net, result, seconds);
    }

    /**
     * {@code progress}, and after every epoch a checkpoint of a copy of the state, written on a second thread while the
     * next epoch trains: writing it and waiting for the disk (fsync) took some 20–40 ms an epoch here. A checkpoint
     * ({@code pending} while it is written) is on disk before the next one starts and before the run's last files are
     * written; a crash test may stop the JVM right after writing it.
     */
    private record CheckpointWriter(Trainer.Listener progress, Path dir, ModelSpec spec, List<String> args, MLP net,
                                    Trainer trainer, Trainer.TensorEngine tensors, AtomicReference<Future<?>> pending)
            implements Trainer.Listener {
        private static final ExecutorService DISK = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "checkpoint");
            t.setDaemon(true);
            return t;
        });

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
            finish();
            MLP weights = MLP.from(net.export());
            List<double[]> velocity = tensors.optimizer().velocity().stream().map(v -> v == null ? null : v.clone()).toList();
            double[] beforeLast = trainer.beforeLastStep();
            pending.set(DISK.submit(() -> {
                Checkpoint.save(dir, spec, args, weights, velocity, beforeLast, soFar);
                CrashPoints.reached("checkpoint:" + soFar.epochs().size());
                return null;
            }));
        }

        /** Waits until the last checkpoint is on disk; its write's failure is thrown here. */
        void finish() {
            try {
                pending.get().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing a checkpoint", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? new UncheckedIOException(io)
                        : e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
    }

    static void write(Path dir, String name, Trainer.Result r, String heldOut) throws IOException {
        double[] losses = r.stepLosses();
        Files.writeString(dir.resolve("steps.csv"), IntStream.range(0, losses.length).mapToObj(i -> (i + 1) + "," + losses[i] + "\n")
                .collect(Collectors.joining("", "step,loss\n", "")));
        String header = "epoch,train_loss,train_accuracy," + heldOut + "_loss," + heldOut + "_accuracy,train_seconds\n";
        Files.writeString(dir.resolve("epochs.csv"), r.epochs().stream().map(e -> e.epoch() + "," + e.trainLoss() + ","
                + e.trainAccuracy() + "," + e.testLoss() + "," + e.testAccuracy() + "," + e.seconds() + "\n")
                .collect(Collectors.joining("", header, "")));
        if (!r.epochs().isEmpty()) {
            // Drawn on two cores at once: the first charts run cold Java2D code, most of the time after the last epoch.
            FutureTask<Path> accuracy = new FutureTask<>(() -> Plots.save(dir.resolve("accuracy.png"), name + ": accuracy",
                    "epoch", "accuracy (%)", curves(r, heldOut, e -> 100 * e.trainAccuracy(), e -> 100 * e.testAccuracy())));
            ForkJoinPool.commonPool().execute(accuracy);
            Plots.save(dir.resolve("loss.png"), name + ": loss", "epoch", "mean cross-entropy loss",
                    curves(r, heldOut, Trainer.Epoch::trainLoss, Trainer.Epoch::testLoss));
            Plots.await(accuracy);
        }
    }

    /** One measure per epoch, on the training and on the held-out rows. */
    private static List<Plots.Curve> curves(Trainer.Result r, String heldOut, ToDoubleFunction<Trainer.Epoch> train,
                                            ToDoubleFunction<Trainer.Epoch> test) {
        double[] x = r.epochs().stream().mapToDouble(Trainer.Epoch::epoch).toArray();
        return List.of(new Plots.Curve("train", x, r.epochs().stream().mapToDouble(train).toArray()),
                new Plots.Curve(heldOut, x, r.epochs().stream().mapToDouble(test).toArray()));
    }
}
