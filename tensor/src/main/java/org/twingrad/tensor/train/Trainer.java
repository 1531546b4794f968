package org.twingrad.tensor.train;

import java.util.ArrayList;
import java.util.List;
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
 *
 * <p>If a step's loss is NaN or infinite, training stops with a {@link Result#stoppedReason()} naming the epoch and
 * step, and the network is put back to the weights of the last step whose loss was finite.
 *
 * <pre>{@code
 * Trainer.Config cfg = new Trainer.Config(0.01, 0, 0, 50, 50, false, 0, 0);
 * Trainer.Result r = Trainer.fit(net, train, test, cfg, Trainer.Listener.NONE);
 * }</pre>
 */
public final class Trainer implements EpochRunner {

    /**
     * @param learningRate α &gt; 0
     * @param momentum     γ ∈ [0, 1)
     * @param l2           λ ≥ 0, on weights only
     * @param batchSize    rows per step
     * @param epochs       passes over the training set
     * @param shuffle      a fresh permutation each epoch (else file order, CMU's deterministic batches)
     * @param seed         seed of the shuffling
     * @param patience     stop when validation loss has not improved for this many epochs (0: never)
     * @param learningRateDecay the per-epoch factor d ∈ (0, 1] of {@link #learningRate(int)}; set it with
     *                     {@link #withLearningRateDecay}, never positionally (the 8-argument constructor leaves it at 1)
     */
    public record Config(double learningRate, double momentum, double l2, int batchSize, int epochs, boolean shuffle,
                         long seed, int patience, double learningRateDecay) {
        /** A configuration without learning-rate decay. */
        public Config(double learningRate, double momentum, double l2, int batchSize, int epochs, boolean shuffle,
                      long seed, int patience) {
            this(learningRate, momentum, l2, batchSize, epochs, shuffle, seed, patience, 1.0);
        }

        public Config {
            if (!(learningRateDecay > 0 && learningRateDecay <= 1)) {
                throw new IllegalArgumentException("learning-rate decay must be in (0, 1], got " + learningRateDecay);
            }
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
                throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
            }
            if (!(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
            }
            if (!(l2 >= 0)) {
                throw new IllegalArgumentException("L2 λ must be at least 0, got " + l2);
            }
            if (batchSize <= 0 || epochs <= 0 || patience < 0) {
                throw new IllegalArgumentException("batch size and epochs must be positive and patience at least 0, got "
                        + batchSize + ", " + epochs + ", " + patience);
            }
        }

        /**
         * This configuration with the learning rate multiplied by {@code decay} after every epoch, as the HLCV and
         * cs231n starters' {@code learning_rate *= learning_rate_decay} (their default 0.95); 1 turns it off.
         */
        public Config withLearningRateDecay(double decay) {
            return new Config(learningRate, momentum, l2, batchSize, epochs, shuffle, seed, patience, decay);
        }

        /**
         * The rate of epoch {@code epoch} (1-based): α·d^(epoch−1). StrictMath, so the rate is the same bits on any
         * JVM and machine.
         */
        public double learningRate(int epoch) {
            return learningRateDecay == 1 ? learningRate : learningRate * StrictMath.pow(learningRateDecay, epoch - 1);
        }
    }

    /** One epoch's figures. */
    public record Epoch(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
                        double seconds, double samplesPerSecond) {
    }

    /**
     * @param epochs        one entry per finished epoch
     * @param stepLosses    every step's training loss (with the L2 term), in order
     * @param stoppedReason why training ended early (NaN loss, early stopping), or null if it ran every epoch
     */
    public record Result(List<Epoch> epochs, double[] stepLosses, String stoppedReason) {
        /** True if training stopped because a number became non-finite (a NaN or infinite loss, or anomaly mode). */
        public boolean diverged() {
            return stoppedReason != null && (stoppedReason.startsWith("loss became") || stoppedReason.startsWith("anomaly"));
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

    private final MLP net;
    private final Config cfg;
    private final Sgd sgd;
    private final NumpyRandom rng;
    private double[] x = new double[0];
    private String failure;

    /** A trainer for {@code net}: the optimizer (which can undo its last step) and the shuffling generator. */
    public Trainer(MLP net, Config cfg) {
        this.net = net;
        this.cfg = cfg;
        this.sgd = new Sgd(net.parameters(), cfg.learningRate(), cfg.momentum());
        this.rng = new NumpyRandom(cfg.seed());
    }

    /**
     * One pass over {@code train} in minibatches: forward, loss (+ L2), backward, SGD step. Returns every step's loss.
     * If a loss is NaN or infinite the pass stops there, the weights go back to those of the last step with a finite
     * loss, and {@link #failure()} says where.
     */
    @Override
    public double[] trainEpoch(Dataset train, int epoch, Listener listener) {
        List<int[]> batches = cfg.shuffle() ? Batches.shuffled(train.rows(), cfg.batchSize(), rng)
                : Batches.sequential(train.rows(), cfg.batchSize());
        double[] losses = new double[batches.size()];
        sgd.setLearningRate(cfg.learningRate(epoch));
        for (int s = 0; s < batches.size(); s++) {
            int[] rows = batches.get(s);
            if (x.length != rows.length * train.cols()) {
                x = new double[rows.length * train.cols()];
            }
            train.copyRows(rows, x);
            sgd.zeroGrad();
            Tensor loss;
            try {
                loss = net.forward(Tensor.constant(x, rows.length, train.cols())).softmaxCrossEntropy(train.labels(rows));
                if (cfg.l2() > 0) {
                    loss = loss.add(L2.penalty(net.weights(), cfg.l2()));
                }
            } catch (AnomalyException e) {
                // Anomaly mode stopped the forward pass: as for a non-finite loss, the last step made these weights.
                sgd.undoLastStep();
                return stop(e, epoch, s, losses);
            }
            double value = loss.item();
            if (!Double.isFinite(value)) {
                // These weights came from the last step; the ones before it gave a finite loss.
                sgd.undoLastStep();
                failure = "loss became " + value + " at epoch " + epoch + ", step " + (s + 1)
                        + "; kept the weights of the last step with a finite loss";
                return java.util.Arrays.copyOf(losses, s);
            }
            losses[s] = value;
            try {
                loss.backward();
            } catch (AnomalyException e) {
                // These weights gave a finite loss; only their gradient is not finite, so they are kept as they are.
                return stop(e, epoch, s, losses);
            }
            sgd.step();
            listener.step(epoch, s + 1, batches.size(), value);
        }
        return losses;
    }

    private double[] stop(AnomalyException e, int epoch, int step, double[] losses) {
        failure = e.getMessage() + ", at epoch " + epoch + ", step " + (step + 1)
                + "; kept the weights of the last step with a finite loss";
        return java.util.Arrays.copyOf(losses, step);
    }

    /** The optimizer: its {@link Sgd#state()} goes into a checkpoint. */
    public Sgd optimizer() {
        return sgd;
    }

    /**
     * Puts this fresh trainer where one would be after {@code epochs} epochs on {@code train}: the shuffling generator
     * replays those epochs' permutations, and the optimizer takes {@code state}. With the weights of that moment in
     * the network, {@link #fit(MLP, EpochRunner, Dataset, Dataset, Config, Listener, Result)} then continues
     * bit for bit.
     */
    public void resumeAfter(int epochs, Dataset train, Sgd.State state) {
        if (cfg.shuffle()) {
            for (int e = 0; e < epochs; e++) {
                Batches.shuffled(train.rows(), cfg.batchSize(), rng);
            }
        }
        sgd.restore(state);
    }

    /** Why the last {@link #trainEpoch} stopped early, or null. */
    @Override
    public String failure() {
        return failure;
    }

    /** Trains {@code net} on {@code train}, evaluating on {@code test} (or validation data) after each epoch. */
    public static Result fit(MLP net, Dataset train, Dataset test, Config cfg, Listener listener) {
        return fit(net, new Trainer(net, cfg), train, test, cfg, listener);
    }

    /**
     * The epoch loop with another engine's epochs: {@code trainer} trains (and leaves its weights in {@code net}),
     * this method evaluates, reports, and stops early on a non-finite loss or when the validation loss stalls.
     */
    public static Result fit(MLP net, EpochRunner trainer, Dataset train, Dataset test, Config cfg, Listener listener) {
        return fit(net, trainer, train, test, cfg, listener, new Result(List.of(), new double[0], null));
    }

    /**
     * The epoch loop, continuing after the epochs of {@code before} (a checkpoint's {@link Listener#checkpoint}
     * result): their figures and step losses start the result, and early stopping counts from them as if the run had
     * never stopped. {@code trainer} must have been brought to the same point ({@link #resumeAfter}).
     */
    public static Result fit(MLP net, EpochRunner trainer, Dataset train, Dataset test, Config cfg, Listener listener,
                             Result before) {
        List<Epoch> epochs = new ArrayList<>(before.epochs());
        DoubleList stepLosses = new DoubleList();
        for (double l : before.stepLosses()) {
            stepLosses.add(l);
        }
        double best = Double.POSITIVE_INFINITY;
        int sinceBest = 0;
        for (Epoch done : before.epochs()) {
            if (done.testLoss() < best) {
                best = done.testLoss();
                sinceBest = 0;
            } else {
                sinceBest++;
            }
        }
        String stopped = null;
        for (int e = before.epochs().size() + 1; e <= cfg.epochs(); e++) {
            long t0 = System.nanoTime();
            for (double l : trainer.trainEpoch(train, e, listener)) {
                stepLosses.add(l);
            }
            if (trainer.failure() != null) {
                stopped = trainer.failure();
                break;
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Evaluation tr = evaluate(net, train);
            Evaluation te = evaluate(net, test);
            Epoch ep = new Epoch(e, tr.loss(), tr.accuracy(), te.loss(), te.accuracy(), seconds, train.rows() / seconds);
            epochs.add(ep);
            listener.epoch(ep);
            if (cfg.patience() > 0) {
                if (te.loss() < best) {
                    best = te.loss();
                    sinceBest = 0;
                } else if (++sinceBest >= cfg.patience()) {
                    stopped = "early stopping after epoch " + e + ": validation loss has not improved for "
                            + cfg.patience() + " epochs (best " + String.format("%.4f", best) + ")";
                    break;
                }
            }
            listener.checkpoint(new Result(List.copyOf(epochs), stepLosses.toArray(), null));
        }
        return new Result(epochs, stepLosses.toArray(), stopped);
    }

    /** Loss, accuracy and confusion matrix of {@code net} on {@code data}, in batches of 1000 rows. */
    public static Evaluation evaluate(MLP net, Dataset data) {
        int k = data.classes();
        int[][] confusion = new int[k][k];
        double lossSum = 0;
        int correct = 0;
        for (int from = 0; from < data.rows(); from += 1000) {
            int to = Math.min(data.rows(), from + 1000);
            int[] rows = new int[to - from];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = from + i;
            }
            double[] x = new double[rows.length * data.cols()];
            data.copyRows(rows, x);
            int[] y = data.labels(rows);
            Tensor logits = net.forward(Tensor.constant(x, rows.length, data.cols()));
            lossSum += logits.softmaxCrossEntropy(y).item() * rows.length;
            int[] predicted = logits.argmaxRows();
            for (int i = 0; i < rows.length; i++) {
                confusion[y[i]][predicted[i]]++;
                if (predicted[i] == y[i]) {
                    correct++;
                }
            }
        }
        return new Evaluation(lossSum / data.rows(), (double) correct / data.rows(), confusion);
    }

    private static final class DoubleList {
        private double[] a = new double[256];
        private int n;

        void add(double v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, 2 * n);
            }
            a[n++] = v;
        }

        double[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
