package org.twingrad.bench.cli;

import org.twingrad.data.WeightInit;
import org.twingrad.tensor.nn.Activation;
import org.twingrad.tensor.train.TrainConfig;

/**
 * Everything one training run is set by. The learning-rate decay is set by {@link #withLearningRateDecay} (the
 * 12-value constructor leaves it at 1, no decay).
 */
record Settings(int[] hidden, Activation activation, double learningRate, int batch, int epochs, double momentum,
                double l2, WeightInit init, boolean shuffle, int patience, long seed, boolean scalarEngine,
                double learningRateDecay) {

    Settings(int[] hidden, Activation activation, double learningRate, int batch, int epochs, double momentum, double l2,
             WeightInit init, boolean shuffle, int patience, long seed, boolean scalarEngine) {
        this(hidden, activation, learningRate, batch, epochs, momentum, l2, init, shuffle, patience, seed, scalarEngine, 1.0);
    }

    TrainConfig config() {
        return TrainConfig.defaults().learningRate(learningRate).momentum(momentum).l2(l2).batch(batch).epochs(epochs)
                .shuffle(shuffle).seed(seed).patience(patience).learningRateDecay(learningRateDecay);
    }

    Settings withHidden(int... h) {
        return new Settings(h, activation, learningRate, batch, epochs, momentum, l2, init, shuffle, patience, seed,
                scalarEngine, learningRateDecay);
    }

    Settings withActivation(Activation a) {
        return new Settings(hidden, a, learningRate, batch, epochs, momentum, l2, init, shuffle, patience, seed,
                scalarEngine, learningRateDecay);
    }

    Settings withLearningRate(double lr) {
        return new Settings(hidden, activation, lr, batch, epochs, momentum, l2, init, shuffle, patience, seed,
                scalarEngine, learningRateDecay);
    }

    Settings withBatch(int b) {
        return new Settings(hidden, activation, learningRate, b, epochs, momentum, l2, init, shuffle, patience, seed,
                scalarEngine, learningRateDecay);
    }

    Settings withMomentum(double m) {
        return new Settings(hidden, activation, learningRate, batch, epochs, m, l2, init, shuffle, patience, seed,
                scalarEngine, learningRateDecay);
    }

    Settings withInit(WeightInit i) {
        return new Settings(hidden, activation, learningRate, batch, epochs, momentum, l2, i, shuffle, patience, seed,
                scalarEngine, learningRateDecay);
    }

    Settings withSeed(long s) {
        return new Settings(hidden, activation, learningRate, batch, epochs, momentum, l2, init, shuffle, patience, s,
                scalarEngine, learningRateDecay);
    }

    Settings withEpochs(int e) {
        return new Settings(hidden, activation, learningRate, batch, e, momentum, l2, init, shuffle, patience, seed,
                scalarEngine, learningRateDecay);
    }

    Settings withL2(double lambda) {
        return new Settings(hidden, activation, learningRate, batch, epochs, momentum, lambda, init, shuffle, patience, seed,
                scalarEngine, learningRateDecay);
    }

    Settings withLearningRateDecay(double decay) {
        return new Settings(hidden, activation, learningRate, batch, epochs, momentum, l2, init, shuffle, patience, seed,
                scalarEngine, decay);
    }

    Settings withShuffle(boolean on) {
        return new Settings(hidden, activation, learningRate, batch, epochs, momentum, l2, init, on, patience, seed,
                scalarEngine, learningRateDecay);
    }

    /** One line for tables and reports. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("hidden ").append(java.util.Arrays.toString(hidden).replace(" ", "")).append(", ")
                .append(activation.toName().cliName())
                .append(", lr ").append(Sweep.number(learningRate)).append(", batch ").append(batch)
                .append(", epochs ").append(epochs)
                .append(", init ").append(init);
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
