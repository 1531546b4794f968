package org.twingrad.bench.cli;

import java.util.function.Consumer;
import org.twingrad.data.WeightInit;
import org.twingrad.data.Activation;
import org.twingrad.tensor.train.TrainConfig;

/**
 * Everything one training run is set by: named defaults, those of {@code train} (CMU 10-701 HW3 §5.6 (a): 256 sigmoid
 * hidden units, lr 0.01, batch 50, 50 epochs, unshuffled, Xavier initialization, seed 0, no momentum, L2, decay or early
 * stopping, the tensor engine), and one wither per setting, each returning a changed copy:
 * {@code Settings.defaults().hidden(64).learningRate(0.1).batch(32)}.
 */
final class Settings implements Cloneable {
    private int[] hidden = {256};
    private Activation activation = Activation.SIGMOID;
    private double learningRate = 0.01;
    private int batch = 50;
    private int epochs = 50;
    private double momentum;
    private double l2;
    private WeightInit init = WeightInit.xavier();
    private boolean shuffle;
    private int patience;
    private long seed;
    private boolean scalarEngine;
    /** The factor the learning rate is multiplied by after each epoch; 1 is no decay. */
    private double learningRateDecay = 1;

    private Settings() {}

    static Settings defaults() {
        return new Settings();
    }

    /** A copy with {@code change} applied; this one stays as it was. */
    private Settings with(Consumer<Settings> change) {
        try {
            Settings s = (Settings) clone();
            change.accept(s);
            return s;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    TrainConfig config() {
        return TrainConfig.defaults().learningRate(learningRate).momentum(momentum).l2(l2).batch(batch).epochs(epochs)
                .shuffle(shuffle).seed(seed).patience(patience).learningRateDecay(learningRateDecay);
    }

    // ---- each setting: its value, and a copy with another ----

    int[] hidden() { return hidden; }
    Settings hidden(int... v) { return with(s -> s.hidden = v); }
    Activation activation() { return activation; }
    Settings activation(Activation v) { return with(s -> s.activation = v); }
    double learningRate() { return learningRate; }
    Settings learningRate(double v) { return with(s -> s.learningRate = v); }
    int batch() { return batch; }
    Settings batch(int v) { return with(s -> s.batch = v); }
    int epochs() { return epochs; }
    Settings epochs(int v) { return with(s -> s.epochs = v); }
    double momentum() { return momentum; }
    Settings momentum(double v) { return with(s -> s.momentum = v); }
    double l2() { return l2; }
    Settings l2(double v) { return with(s -> s.l2 = v); }
    WeightInit init() { return init; }
    Settings init(WeightInit v) { return with(s -> s.init = v); }
    boolean shuffle() { return shuffle; }
    Settings shuffle(boolean v) { return with(s -> s.shuffle = v); }
    /** Early stopping after this many epochs (checks, for {@link StarterTrainer}) without a new best; 0 is off. */
    int patience() { return patience; }
    Settings patience(int v) { return with(s -> s.patience = v); }
    long seed() { return seed; }
    Settings seed(long v) { return with(s -> s.seed = v); }
    boolean scalarEngine() { return scalarEngine; }
    Settings scalarEngine(boolean v) { return with(s -> s.scalarEngine = v); }
    double learningRateDecay() { return learningRateDecay; }
    Settings learningRateDecay(double v) { return with(s -> s.learningRateDecay = v); }

    /** One line for tables and reports. */
    String describe() {
        StringBuilder sb = new StringBuilder("hidden " + java.util.Arrays.toString(hidden).replace(" ", "") + ", "
                + activation.cliName() + ", lr " + Sweep.number(learningRate) + ", batch " + batch + ", epochs " + epochs
                + ", init " + init);
        if (momentum > 0) {
            sb.append(", momentum ").append(Sweep.number(momentum));
        }
        if (l2 > 0) {
            sb.append(", L2 ").append(Sweep.number(l2));
        }
        if (learningRateDecay != 1) {
            sb.append(", lr decay ").append(learningRateDecay).append(" per epoch");
        }
        sb.append(shuffle ? ", shuffled" : ", unshuffled");
        if (patience > 0) {
            sb.append(", early stopping ").append(patience);
        }
        sb.append(", seed ").append(seed);
        if (scalarEngine) {
            sb.append(", scalar engine");
        }
        return sb.toString();
    }
}
