package org.twingrad.tensor.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.twingrad.data.Batches;
import org.twingrad.data.Dataset;
import org.twingrad.data.NumpyRandom;
import org.twingrad.tensor.AnomalyException;
import org.twingrad.tensor.Tensor;
import org.twingrad.tensor.nn.MLP;
import org.twingrad.tensor.optim.L2;
import org.twingrad.tensor.optim.Sgd;

/**
 * Minibatch training of a classifier with softmax cross-entropy, the loop every homework writes:
 * for each epoch, for each batch: forward, loss (+ L2), backward, SGD step; then measure train and validation.
 * The loop is the same for both engines; an {@link Engine} supplies the steps.
 *
 * <p>If a loss is NaN or infinite (or an op fails in anomaly mode), training stops with a {@link StopReason.Diverged}
 * naming the epoch and step, and the network is put back to the weights of the last step whose loss was finite.
 * Rather than copy the weights at every step, the loop keeps the state at the start of each epoch and replays the
 * epoch's good steps from it: the engines are deterministic, so this gives those weights bit for bit.
 *
 * <pre>{@code
 * Trainer.Result r = Trainer.fit(net, train, test, TrainConfig.defaults().epochs(5), Trainer.Listener.NONE);
 * }</pre>
 */
public final class Trainer {

    /** What the loop needs from an engine. */
    public interface Engine {
        /** The forward pass: mean cross-entropy (+ L2) of these rows; an {@link ArithmeticException} if not finite. */
        double loss(Dataset data, int[] rows);

        /** Backpropagates the last {@link #loss} and takes one SGD step at this rate. */
        void step(double learningRate);

        /** Every weight, then the optimizer's velocity (if any), copied. */
        double[] state();

        /** Puts back a {@link #state}. */
        void setState(double[] from);

        /** Loss, accuracy and confusion matrix with the current weights. */
        Evaluation evaluate(Dataset data);
    }

    /** One epoch's figures. */
    public record Epoch(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
                        double seconds, double samplesPerSecond) {
    }

    /**
     * @param epochs     one entry per finished epoch
     * @param stepLosses every step's training loss (with the L2 term), in order
     * @param stopped    why training ended early (a non-finite loss, early stopping), or null if it ran every epoch
     */
    public record Result(List<Epoch> epochs, double[] stepLosses, StopReason stopped) {
        /** The {@link StopReason#message()}, or null. */
        public String stoppedReason() {
            return stopped == null ? null : stopped.message();
        }

        /** True if training stopped because a number became non-finite (a NaN or infinite loss, or anomaly mode). */
        public boolean diverged() {
            return stopped instanceof StopReason.Diverged;
        }
    }

    /** Progress callbacks. */
    public interface Listener {
        /** A listener that ignores everything. */
        Listener NONE = new Listener() { };

        /** After each step. */
        default void step(int epoch, int step, int stepsPerEpoch, double loss) { }

        /** After each epoch's evaluation. */
        default void epoch(Epoch e) { }

        /**
         * After each finished epoch (after {@link #epoch}), with everything so far: the moment to write a checkpoint.
         * Not called for an epoch a non-finite loss cut short.
         */
        default void checkpoint(Result soFar) { }
    }

    private final Engine engine;
    private final TrainConfig cfg;
    private final NumpyRandom rng;
    /** The state at the start of this epoch, and before the last step of the one before (at first, the initial one). */
    private double[] epochStart;
    private double[] beforeLast;
    private StopReason failure;

    /** A trainer of {@code net} with the tensor engine. */
    public Trainer(MLP net, TrainConfig cfg) {
        this(new TensorEngine(net, cfg), cfg);
    }

    /** A trainer of another engine's network; {@code cfg}'s rate, momentum and L2 are the engine's to apply. */
    public Trainer(Engine engine, TrainConfig cfg) {
        this.engine = engine;
        this.cfg = cfg;
        this.rng = new NumpyRandom(cfg.seed());
        this.beforeLast = engine.state();
    }

    /** One pass over {@code train}: every step's loss, up to a non-finite one (then {@link #fit} stops, saying where). */
    public double[] trainEpoch(Dataset train, int epoch, Listener listener) {
        List<int[]> batches = cfg.shuffle() ? Batches.shuffled(train.rows(), cfg.batch(), rng)
                : Batches.sequential(train.rows(), cfg.batch());
        double[] losses = new double[batches.size()];
        double lr = cfg.learningRateOfEpoch(epoch);
        epochStart = engine.state();
        for (int s = 0; s < batches.size(); s++) {
            String what;
            boolean finite = false;
            try {
                double loss = engine.loss(train, batches.get(s));
                if (Double.isFinite(loss)) {
                    finite = true;
                    if (s == batches.size() - 1) {
                        beforeLast = engine.state();   // where the next epoch goes back to after a first bad loss
                    }
                    losses[s] = loss;
                    engine.step(lr);
                    listener.step(epoch, s + 1, batches.size(), loss);
                    continue;
                }
                what = "loss became " + loss;
            } catch (AnomalyException e) {
                what = e.getMessage() + ",";
            } catch (ArithmeticException e) {
                // The scalar engine's Value refuses a non-finite operand, so an overflow inside the network surfaces
                // here, before the loss: the same divergence as a loss that overflows itself.
                what = "loss became non-finite (" + e.getMessage() + ")";
            }
            goBack(train, batches, lr, finite ? s : s - 1);
            failure = new StopReason.Diverged(what, epoch, s + 1);
            return Arrays.copyOf(losses, s);
        }
        return losses;
    }

    /** Puts back the weights after {@code steps} of this epoch's steps (−1: before the epoch before's last). */
    private void goBack(Dataset train, List<int[]> batches, double lr, int steps) {
        engine.setState(steps < 0 ? beforeLast : epochStart);
        for (int s = 0; s < steps; s++) {
            engine.loss(train, batches.get(s));
            engine.step(lr);
        }
    }

    /** The weights before the last step (then the velocity), copied: where the next epoch goes back to if it must. */
    public double[] beforeLastStep() {
        return beforeLast.clone();
    }

    /**
     * Puts this fresh trainer where one would be after {@code epochs} epochs on {@code train} (its shuffling replayed,
     * the weights before the last step {@code weights}): with the engine in that state, {@link #fit} continues exactly.
     */
    public void resumeAfter(int epochs, Dataset train, double[] weights) {
        if (cfg.shuffle()) {
            for (int e = 0; e < epochs; e++) {
                Batches.shuffled(train.rows(), cfg.batch(), rng);
            }
        }
        System.arraycopy(weights, 0, beforeLast, 0, weights.length);   // the velocity after it: unused, training stops
    }

    /** Trains {@code net} on {@code train} with the tensor engine, evaluating on {@code test} after each epoch. */
    public static Result fit(MLP net, Dataset train, Dataset test, TrainConfig cfg, Listener listener) {
        return new Trainer(net, cfg).fit(train, test, listener, new Result(List.of(), new double[0], null));
    }

    /**
     * The epoch loop: trains, evaluates on {@code test} (or validation data), reports, and stops early on a non-finite
     * loss or when the validation loss stalls; after the epochs of {@code before} (a checkpoint's result, or none).
     */
    public Result fit(Dataset train, Dataset test, Listener listener, Result before) {
        List<Epoch> epochs = new ArrayList<>(before.epochs());
        double[] stepLosses = before.stepLosses();
        for (int e = before.epochs().size() + 1; e <= cfg.epochs(); e++) {
            long t0 = System.nanoTime();
            double[] losses = trainEpoch(train, e, listener);
            stepLosses = DoubleStream.concat(Arrays.stream(stepLosses), Arrays.stream(losses)).toArray();
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (failure != null) {
                return new Result(epochs, stepLosses, failure);
            }
            Evaluation tr = engine.evaluate(train);
            Evaluation te = engine.evaluate(test);
            Epoch ep = new Epoch(e, tr.loss(), tr.accuracy(), te.loss(), te.accuracy(), seconds, train.rows() / seconds);
            epochs.add(ep);
            listener.epoch(ep);
            StopReason stall = stall(epochs, cfg.patience());
            if (stall != null) {
                return new Result(epochs, stepLosses, stall);
            }
            listener.checkpoint(new Result(List.copyOf(epochs), stepLosses, null));
        }
        return new Result(epochs, stepLosses, null);
    }

    /** Early stopping: the validation loss has not improved (a NaN never does) for the last {@code patience} epochs. */
    private static StopReason stall(List<Epoch> epochs, int patience) {
        double best = Double.POSITIVE_INFINITY;
        int bestAt = 0;
        for (Epoch e : epochs) {
            if (e.testLoss() < best) {
                best = e.testLoss();
                bestAt = e.epoch();
            }
        }
        int last = epochs.get(epochs.size() - 1).epoch();
        return patience > 0 && last - bestAt >= patience ? new StopReason.EarlyStopping(last, patience, best) : null;
    }

    /** Loss, accuracy and confusion matrix of {@code net} on {@code data}, in batches of 1000 rows. */
    public static Evaluation evaluate(MLP net, Dataset data) {
        int k = data.classes();
        int[][] confusion = new int[k][k];
        double lossSum = 0;
        for (int[] rows : Batches.sequential(data.rows(), 1000)) {
            double[] x = new double[rows.length * data.cols()];
            data.copyRows(rows, x);
            int[] y = data.labels(rows);
            Tensor logits = Tensor.noGrad(() -> net.forward(Tensor.constant(x, rows.length, data.cols())));
            lossSum += logits.softmaxCrossEntropy(y).item() * rows.length;
            int[] predicted = logits.argmaxRows();
            for (int i = 0; i < rows.length; i++) {
                confusion[y[i]][predicted[i]]++;
            }
        }
        int correct = IntStream.range(0, k).map(c -> confusion[c][c]).sum();      // the diagonal
        return new Evaluation(lossSum / data.rows(), (double) correct / data.rows(), confusion);
    }

    /** The tensor engine: one graph per batch, {@link Sgd} on the network's parameters. */
    public static final class TensorEngine implements Engine {
        private final MLP net;
        private final Sgd sgd;
        private final double l2;
        private double[] x = new double[0];
        private Tensor loss;

        /** The engine of {@code net} with {@code cfg}'s rate, momentum and L2. */
        public TensorEngine(MLP net, TrainConfig cfg) {
            this.net = net;
            this.sgd = new Sgd(net.parameters(), cfg.learningRate(), cfg.momentum());
            this.l2 = cfg.l2();
        }

        /** The optimizer: its {@link Sgd#velocity()} goes into a checkpoint. */
        public Sgd optimizer() {
            return sgd;
        }

        @Override
        public double loss(Dataset data, int[] rows) {
            if (x.length != rows.length * data.cols()) {
                x = new double[rows.length * data.cols()];
            }
            data.copyRows(rows, x);
            sgd.zeroGrad();
            loss = net.forward(Tensor.constant(x, rows.length, data.cols())).softmaxCrossEntropy(data.labels(rows));
            if (l2 > 0) {
                loss = loss.add(L2.penalty(net.weights(), l2));
            }
            return loss.item();
        }

        @Override
        public void step(double learningRate) {
            loss.backward();
            sgd.step(learningRate);
        }

        @Override
        public double[] state() {
            return arrays().stream().flatMapToDouble(Arrays::stream).toArray();
        }

        @Override
        public void setState(double[] from) {
            int at = 0;
            for (double[] a : arrays()) {
                System.arraycopy(from, at, a, 0, a.length);
                at += a.length;
            }
        }

        /** The parameters' values, then their velocities. */
        private List<double[]> arrays() {
            Stream<double[]> velocities = sgd.velocity().stream().filter(Objects::nonNull);
            return Stream.concat(net.parameters().stream().map(Tensor::data), velocities).toList();
        }

        @Override
        public Evaluation evaluate(Dataset data) {
            return Trainer.evaluate(net, data);
        }
    }
}
