package org.twingrad.bench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.twingrad.data.Dataset;
import org.twingrad.data.NumpyRandom;
import org.twingrad.data.WeightInit;
import org.twingrad.data.Activation;
import org.twingrad.tensor.nn.Linear;
import org.twingrad.tensor.nn.MLP;

/** The TDT4265 starter's procedure: its network, its validation schedule and its early stopping. */
class StarterTrainerTest {
    private static Settings settings(int epochs, int patience) {
        return Settings.defaults().hidden(4).learningRate(0.5).batch(5).epochs(epochs).init(WeightInit.uniform(1)).shuffle(true)
                .patience(patience).seed(1);
    }

    /** Three classes of 6 features; {@code flip} gives every row the next class's label (a validation set that disagrees). */
    private static Dataset data(int rows, long seed, boolean flip) {
        Random r = new Random(seed);
        double[] x = new double[rows * 6];
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            int c = i % 3;
            for (int p = 0; p < 6; p++) {
                x[i * 6 + p] = (p / 2 == c ? 1.0 : 0.0) + 0.3 * r.nextGaussian();
            }
            y[i] = flip ? (c + 1) % 3 : c;
        }
        return Dataset.of("toy", x, rows, 6, y, 3);
    }

    @Test
    void theFirstLayersBiasIsTheBiasTricksRowAndLaterLayersHaveNone() {
        Settings s = settings(1, 0);
        MLP net = StarterTrainer.network(s, 6, 3, new NumpyRandom(1));
        double[] expected = new NumpyRandom(1).uniform(-1, 1, 7 * 4 + 4 * 3);   // np.random.uniform(-1, 1, (7, 4)), then (4, 3)
        List<Linear> layers = net.layers();
        assertArrayEquals(java.util.Arrays.copyOfRange(expected, 0, 24), layers.get(0).weight().transpose().values(), "stored [out, in]");
        assertArrayEquals(java.util.Arrays.copyOfRange(expected, 24, 28), layers.get(0).bias().values(), "row 7 of the [7, 4] draw");
        assertArrayEquals(java.util.Arrays.copyOfRange(expected, 28, 40), layers.get(1).weight().transpose().values());
        assertArrayEquals(new double[3], layers.get(1).bias().values());
    }

    @Test
    void theOutputBiasStaysZeroUnlessAsked() {
        Dataset train = data(30, 1, false);
        StarterTrainer.Result without = StarterTrainer.fit(settings(3, 0), false, train, data(15, 2, false), Quiet.INSTANCE);
        StarterTrainer.Result with = StarterTrainer.fit(settings(3, 0), true, train, data(15, 2, false), Quiet.INSTANCE);
        assertArrayEquals(new double[3], without.net().layers().get(1).bias().values());
        assertTrue(java.util.Arrays.stream(with.net().layers().get(1).bias().values()).anyMatch(v -> v != 0));
        assertTrue(java.util.Arrays.stream(without.net().layers().get(0).bias().values()).anyMatch(v -> v != 0),
                "the bias trick's row trains");
    }

    @Test
    void validationRunsEveryFifthOfAnEpochAtTheStartersSteps() {
        // 50 rows in batches of 5: 10 steps per epoch, a check when global_step % 2 == 0, i.e. after steps 1, 3, 5, …
        StarterTrainer.Result r = StarterTrainer.fit(settings(2, 0), false, data(52, 1, false), data(15, 2, false), Quiet.INSTANCE);
        assertEquals(20, r.stepLosses().length, "the last partial batch (2 rows) is dropped");
        assertArrayEquals(new int[] {1, 3, 5, 7, 9, 11, 13, 15, 17, 19}, r.checks().stream().mapToInt(StarterTrainer.Check::step).toArray());
        assertNull(r.stoppedEarly());
        assertEquals(20, r.gradients()[0].length, "a mean |gradient| per step");
    }

    @Test
    void earlyStoppingComesAfterPatienceChecksWithoutANewLowestValidationLoss() {
        // The validation labels disagree with the training labels: as training learns, the validation loss rises.
        StarterTrainer.Result r = StarterTrainer.fit(settings(50, 4), false, data(30, 1, false), data(15, 2, true), Quiet.INSTANCE);
        assertNotNull(r.stoppedEarly());
        int best = r.checks().indexOf(r.best());
        assertEquals(best + 1 + 4, r.checks().size(), "stopped at the 4th check after the best");
        for (StarterTrainer.Check c : r.checks().subList(best + 1, r.checks().size())) {
            assertTrue(c.validationLoss() >= r.best().validationLoss());
        }
        assertTrue(r.stoppedEarly().startsWith("early stopping at step " + r.last().step()), r.stoppedEarly());
    }

    @Test
    void theSameSeedGivesTheSameRunBitForBit() {
        StarterTrainer.Result a = StarterTrainer.fit(settings(2, 0).momentum(0.9), false, data(40, 1, false), data(15, 2, false), Quiet.INSTANCE);
        StarterTrainer.Result b = StarterTrainer.fit(settings(2, 0).momentum(0.9), false, data(40, 1, false), data(15, 2, false), Quiet.INSTANCE);
        assertArrayEquals(a.stepLosses(), b.stepLosses());
        assertArrayEquals(a.gradients()[1], b.gradients()[1]);
    }

    private enum Quiet implements StarterTrainer.Listener {
        INSTANCE;

        @Override
        public void step(int epoch, int step, int stepsPerEpoch, double loss) { }

        @Override
        public void epoch(int epoch, int steps, StarterTrainer.Check latest, double seconds) { }
    }
}
