package org.twingrad.tensor.train;

import java.util.function.Consumer;

/**
 * How a classifier is trained, set by name: start from {@link #defaults()} (the CMU homework's: α 0.01, batch 50,
 * 50 epochs in file order, no momentum, L2, decay or early stopping, seed 0) and change what differs.
 * Each wither returns a new configuration and refuses a value out of range, naming it.
 *
 * <pre>{@code
 * TrainConfig cfg = TrainConfig.defaults().learningRate(0.05).momentum(0.9).epochs(5).shuffle(true);
 * }</pre>
 */
public final class TrainConfig implements Cloneable {
    private double learningRate = 0.01;
    private double momentum;
    private double l2;
    private int batch = 50;
    private int epochs = 50;
    private boolean shuffle;
    private long seed;
    private int patience;
    private double learningRateDecay = 1;

    private TrainConfig() {}

    /** The defaults above. */
    public static TrainConfig defaults() {
        return new TrainConfig();
    }

    /** α &gt; 0, the SGD step of the first epoch. */
    public double learningRate() {
        return learningRate;
    }

    public TrainConfig learningRate(double a) {
        return with(a > 0 && Double.isFinite(a), "learning rate must be positive, got " + a, c -> c.learningRate = a);
    }

    /** γ ∈ [0, 1) of {@link org.twingrad.tensor.optim.Sgd}'s momentum. */
    public double momentum() {
        return momentum;
    }

    public TrainConfig momentum(double g) {
        return with(g >= 0 && g < 1, "momentum must be in [0, 1), got " + g, c -> c.momentum = g);
    }

    /** λ ≥ 0 of the L2 penalty, on weights only. */
    public double l2() {
        return l2;
    }

    public TrainConfig l2(double lambda) {
        return with(lambda >= 0, "L2 λ must be at least 0, got " + lambda, c -> c.l2 = lambda);
    }

    /** Rows per step. */
    public int batch() {
        return batch;
    }

    public TrainConfig batch(int rows) {
        return with(rows > 0, "batch size must be positive, got " + rows, c -> c.batch = rows);
    }

    /** Passes over the training set. */
    public int epochs() {
        return epochs;
    }

    public TrainConfig epochs(int n) {
        return with(n > 0, "epochs must be positive, got " + n, c -> c.epochs = n);
    }

    /** A fresh permutation each epoch (else file order, CMU's deterministic batches). */
    public boolean shuffle() {
        return shuffle;
    }

    public TrainConfig shuffle(boolean on) {
        return with(true, "", c -> c.shuffle = on);
    }

    /** Seed of the shuffling. */
    public long seed() {
        return seed;
    }

    public TrainConfig seed(long s) {
        return with(true, "", c -> c.seed = s);
    }

    /** Stop when the validation loss has not improved for this many epochs (0: never). */
    public int patience() {
        return patience;
    }

    public TrainConfig patience(int epochs) {
        return with(epochs >= 0, "patience must be at least 0, got " + epochs, c -> c.patience = epochs);
    }

    /**
     * The factor d ∈ (0, 1] by which the learning rate is multiplied after every epoch, as the HLCV and cs231n
     * starters' {@code learning_rate *= learning_rate_decay} (their default 0.95); 1 turns it off.
     */
    public double learningRateDecay() {
        return learningRateDecay;
    }

    public TrainConfig learningRateDecay(double d) {
        return with(d > 0 && d <= 1, "learning-rate decay must be in (0, 1], got " + d, c -> c.learningRateDecay = d);
    }

    /** The rate of epoch {@code epoch} (1-based): α·d^(epoch−1). StrictMath, so it is the same bits on any JVM. */
    public double learningRateOfEpoch(int epoch) {
        return learningRateDecay == 1 ? learningRate : learningRate * StrictMath.pow(learningRateDecay, epoch - 1);
    }

    private TrainConfig with(boolean valid, String otherwise, Consumer<TrainConfig> set) {
        if (!valid) {
            throw new IllegalArgumentException(otherwise);
        }
        try {
            TrainConfig c = (TrainConfig) clone();
            set.accept(c);
            return c;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }
}
