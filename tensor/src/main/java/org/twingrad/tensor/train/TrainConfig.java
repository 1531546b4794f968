package org.twingrad.tensor.train;

/**
 * How a classifier is trained, set by name: start from {@link #defaults()} (the CMU homework's) and change what
 * differs; each wither returns a new configuration, and one out of range is refused naming the value.
 *
 * <pre>{@code
 * TrainConfig cfg = TrainConfig.defaults().learningRate(0.05).momentum(0.9).epochs(5).shuffle(true);
 * }</pre>
 *
 * @param learningRate      α &gt; 0, the SGD step of the first epoch (default 0.01)
 * @param momentum          γ ∈ [0, 1) of {@link org.twingrad.tensor.optim.Sgd}'s momentum (default 0)
 * @param l2                λ ≥ 0 of the L2 penalty, on weights only (default 0)
 * @param batch             rows per step (default 50)
 * @param epochs            passes over the training set (default 50)
 * @param shuffle           a fresh permutation each epoch, else file order, CMU's deterministic batches (default)
 * @param seed              seed of the shuffling (default 0)
 * @param patience          stop when the validation loss has not improved for this many epochs (default 0: never)
 * @param learningRateDecay the factor d ∈ (0, 1] the rate is multiplied by after every epoch, as the HLCV and cs231n
 *                          starters' {@code learning_rate *= learning_rate_decay} (their default 0.95; default 1: off)
 */
public record TrainConfig(double learningRate, double momentum, double l2, int batch, int epochs, boolean shuffle,
                          long seed, int patience, double learningRateDecay) {

    /** Checks every value; build one from {@link #defaults()} and the withers rather than by position. */
    public TrainConfig {
        check(learningRate > 0 && Double.isFinite(learningRate), "learning rate must be positive, got " + learningRate);
        check(momentum >= 0 && momentum < 1, "momentum must be in [0, 1), got " + momentum);
        check(l2 >= 0, "L2 λ must be at least 0, got " + l2);
        check(batch > 0 && epochs > 0 && patience >= 0, "batch size and epochs must be positive and patience at least 0,"
                + " got " + batch + ", " + epochs + ", " + patience);
        check(learningRateDecay > 0 && learningRateDecay <= 1, "learning-rate decay must be in (0, 1], got "
                + learningRateDecay);
    }

    /** α 0.01, batch 50, 50 epochs in file order, seed 0; no momentum, L2, early stopping or decay. */
    public static TrainConfig defaults() {
        return new TrainConfig(0.01, 0, 0, 50, 50, false, 0, 0, 1);
    }

    /** The rate of epoch {@code epoch} (1-based): α·d^(epoch−1). StrictMath, so it is the same bits on any JVM. */
    public double learningRateOfEpoch(int epoch) {
        return learningRateDecay == 1 ? learningRate : learningRate * StrictMath.pow(learningRateDecay, epoch - 1);
    }

    public TrainConfig learningRate(double a) {
        return new TrainConfig(a, momentum, l2, batch, epochs, shuffle, seed, patience, learningRateDecay);
    }

    public TrainConfig momentum(double g) {
        return new TrainConfig(learningRate, g, l2, batch, epochs, shuffle, seed, patience, learningRateDecay);
    }

    public TrainConfig l2(double lambda) {
        return new TrainConfig(learningRate, momentum, lambda, batch, epochs, shuffle, seed, patience, learningRateDecay);
    }

    public TrainConfig batch(int rows) {
        return new TrainConfig(learningRate, momentum, l2, rows, epochs, shuffle, seed, patience, learningRateDecay);
    }

    public TrainConfig epochs(int n) {
        return new TrainConfig(learningRate, momentum, l2, batch, n, shuffle, seed, patience, learningRateDecay);
    }

    public TrainConfig shuffle(boolean on) {
        return new TrainConfig(learningRate, momentum, l2, batch, epochs, on, seed, patience, learningRateDecay);
    }

    public TrainConfig seed(long s) {
        return new TrainConfig(learningRate, momentum, l2, batch, epochs, shuffle, s, patience, learningRateDecay);
    }

    public TrainConfig patience(int n) {
        return new TrainConfig(learningRate, momentum, l2, batch, epochs, shuffle, seed, n, learningRateDecay);
    }

    public TrainConfig learningRateDecay(double d) {
        return new TrainConfig(learningRate, momentum, l2, batch, epochs, shuffle, seed, patience, d);
    }

    private static void check(boolean valid, String otherwise) {
        if (!valid) {
            throw new IllegalArgumentException(otherwise);
        }
    }
}
