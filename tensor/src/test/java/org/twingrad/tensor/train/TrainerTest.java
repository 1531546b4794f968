package org.twingrad.tensor.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twingrad.data.Dataset;
import org.twingrad.data.Mnist;
import org.twingrad.data.NumpyRandom;
import org.twingrad.data.Split;
import org.twingrad.data.WeightInit;
import org.twingrad.tensor.Tensor;
import org.twingrad.data.Activation;
import org.twingrad.tensor.nn.MLP;

/** Training the CMU network on MNIST-4000, and what happens when the loss blows up. */
class TrainerTest {

    @Test
    void oneEpochOfTheCmuNetworkOnMnist4000LowersTheLoss() {
        Split data = Mnist.mnist4000();
        MLP net = MLP.random(784, new int[] {256}, 10, Activation.SIGMOID, WeightInit.uniform(0.05), new NumpyRandom(0));
        double before = Trainer.evaluate(net, data.train()).loss();
        Trainer.Result r = Trainer.fit(net, data.train(), data.test(),
                TrainConfig.defaults().learningRate(0.1).epochs(1), Trainer.Listener.NONE);
        assertEquals(60, r.stepLosses().length, "3000 rows in batches of 50");
        assertTrue(r.epochs().get(0).trainLoss() < before, "train loss " + r.epochs().get(0).trainLoss() + " below " + before);
        assertTrue(r.epochs().get(0).testAccuracy() > 0.5, "test accuracy " + r.epochs().get(0).testAccuracy());
    }

    private static Dataset tiny() {
        return Dataset.of("tiny", new double[] {0, 1, 1, 0, 1, 1, 0, 0}, 4, 2, new int[] {0, 1, 1, 0}, 2);
    }

    @Test
    void learningRateDecayTrainsEpochEAtTheRateTimesDecayToTheEMinusOne() {
        TrainConfig cfg = TrainConfig.defaults().learningRate(0.4).batch(2).epochs(2);
        assertEquals(0.4 * 0.5 * 0.5, cfg.learningRateDecay(0.5).learningRateOfEpoch(3), 0.0);
        assertEquals(0.4, cfg.learningRateOfEpoch(7), 0.0, "no decay unless asked for");
        // Two epochs with decay 0.5 are one epoch at 0.4, then one at 0.2, bit for bit.
        MLP decayed = MLP.random(2, new int[] {3}, 2, Activation.TANH, WeightInit.fanIn(), new NumpyRandom(1));
        Trainer t = new Trainer(decayed, cfg.learningRateDecay(0.5));
        t.trainEpoch(tiny(), 1, Trainer.Listener.NONE);
        t.trainEpoch(tiny(), 2, Trainer.Listener.NONE);
        MLP byHand = MLP.random(2, new int[] {3}, 2, Activation.TANH, WeightInit.fanIn(), new NumpyRandom(1));
        new Trainer(byHand, cfg).trainEpoch(tiny(), 1, Trainer.Listener.NONE);
        new Trainer(byHand, cfg.learningRate(0.2)).trainEpoch(tiny(), 1, Trainer.Listener.NONE);
        for (int p = 0; p < byHand.parameters().size(); p++) {
            assertArrayEquals(byHand.parameters().get(p).data(), decayed.parameters().get(p).data(), 0.0);
        }
        assertTrue(byHand.parameters().get(0).data()[0] != MLP.random(2, new int[] {3}, 2, Activation.TANH,
                WeightInit.fanIn(), new NumpyRandom(1)).parameters().get(0).data()[0], "training moved the weights");
    }

    @Test
    void aNonFiniteLossStopsTrainingAndKeepsTheLastGoodWeights() {
        MLP net = MLP.random(2, new int[] {3}, 2, Activation.IDENTITY, WeightInit.uniform(1), new NumpyRandom(0));
        // An absurd learning rate: the weights overflow within a few steps.
        Trainer.Result r = Trainer.fit(net, tiny(), tiny(), TrainConfig.defaults().learningRate(1e200).batch(1).epochs(20),
                Trainer.Listener.NONE);
        assertNotNull(r.stoppedReason());
        assertTrue(r.stoppedReason().matches("loss became (NaN|Infinity) at epoch \\d+, step \\d; kept the weights of the last step with a finite loss"),
                r.stoppedReason());
        for (Tensor p : net.parameters()) {
            for (double v : p.values()) {
                assertTrue(Double.isFinite(v), "weights are finite after the stop");
            }
        }
        assertTrue(Double.isFinite(Trainer.evaluate(net, tiny()).loss()), "and give a finite loss");
    }

    @Test
    void theKeptWeightsAreBitForBitThoseOfTheLastStepWithAFiniteLoss() {
        // Batches of 1 at lr 1e5 diverge at step 3 of epoch 15 (the weights are replayed from the epoch's start, with its
        // velocity); batches of 4 at lr 1e60 at an epoch's only step (the weights before the epoch before's last step).
        for (int batch : new int[] {1, 4}) {
            MLP net = MLP.random(2, new int[] {3}, 2, Activation.IDENTITY, WeightInit.uniform(1), new NumpyRandom(0));
            TrainConfig cfg = TrainConfig.defaults().learningRate(batch == 1 ? 1e5 : 1e60).momentum(0.5).batch(batch)
                    .epochs(20).shuffle(true);
            Trainer.TensorEngine engine = new Trainer.TensorEngine(net, cfg);
            List<double[]> after = new ArrayList<>(List.of(engine.state()));   // after.get(i): after i steps
            Trainer.Result r = new Trainer(engine, cfg).fit(tiny(), tiny(), new Trainer.Listener() {
                @Override
                public void step(int epoch, int step, int stepsPerEpoch, double loss) {
                    after.add(engine.state());
                }
            }, new Trainer.Result(List.of(), new double[0], null));
            StopReason.Diverged d = (StopReason.Diverged) r.stopped();
            assertTrue(batch == 1 ? d.step() > 2 && d.epoch() > 1 : d.step() == 1 && d.epoch() > 1, d.message());
            int steps = r.stepLosses().length;
            assertEquals(after.size() - 1, steps, "a step per finite loss");
            int weights = net.parameters().stream().mapToInt(Tensor::size).sum();
            assertArrayEquals(Arrays.copyOf(after.get(steps - 1), weights), Arrays.copyOf(engine.state(), weights), 0.0,
                    "the weights that gave the last finite loss, " + d.message());
        }
    }

    @Test
    void sameSeedSameNumbersAndEarlyStopping() {
        TrainConfig cfg = TrainConfig.defaults().learningRate(0.5).momentum(0.9).l2(0.001).batch(2).epochs(30)
                .shuffle(true).seed(3).patience(2);
        double[][] runs = new double[2][];
        String[] reasons = new String[2];
        for (int k = 0; k < 2; k++) {
            MLP net = MLP.random(2, new int[] {4}, 2, Activation.TANH, WeightInit.fanIn(), new NumpyRandom(5));
            Trainer.Result r = Trainer.fit(net, tiny(), tiny().slice(0, 2), cfg, Trainer.Listener.NONE);
            runs[k] = r.stepLosses();
            reasons[k] = r.stoppedReason();
        }
        assertArrayEquals(runs[0], runs[1], 0.0);
        assertEquals(reasons[0], reasons[1]);
    }

    @Test
    void evaluationCountsAConfusionMatrix() {
        MLP net = MLP.random(2, new int[] {2}, 2, Activation.RELU, WeightInit.zeros(), new NumpyRandom(0));
        Evaluation e = Trainer.evaluate(net, tiny());
        assertEquals(0.5, e.accuracy(), "all-zero logits predict class 0 everywhere");
        assertArrayEquals(new int[] {2, 0}, e.confusion()[0]);
        assertArrayEquals(new int[] {2, 0}, e.confusion()[1]);
        assertEquals(Math.log(2), e.loss(), 1e-15);
        assertTrue(e.confusionTable().contains("true\\pred"));
        assertEquals(List.of(), List.of());
    }
}
