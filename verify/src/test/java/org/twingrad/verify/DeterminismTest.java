package org.twingrad.verify;

import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.twingrad.data.Dataset;
import org.twingrad.data.NumpyRandom;
import org.twingrad.data.WeightInit;
import org.twingrad.scalar.nn.MLP;
import org.twingrad.tensor.Kernels;
import org.twingrad.tensor.Tensor;
import org.twingrad.data.Activation;
import org.twingrad.tensor.train.TrainConfig;
import org.twingrad.tensor.train.Trainer;

/** Property 6: the same seed gives bit-identical losses and weights, across runs and across thread counts. */
class DeterminismTest {

    /** Data and network drawn from the seed; products big enough (64×200·200×128) to take the multi-threaded path. */
    private static double[] train(long seed, int threads) {
        int before = Kernels.threads();
        Kernels.setThreads(threads);
        try {
            NumpyRandom rng = new NumpyRandom(seed);
            int rows = 256;
            int cols = 200;
            double[] x = rng.randn(rows * cols);
            int[] y = new int[rows];
            for (int i = 0; i < rows; i++) {
                y[i] = (int) rng.randint(0, 10);
            }
            Dataset data = Dataset.of("random", x, rows, cols, y, 10);
            var net = org.twingrad.tensor.nn.MLP.random(cols, new int[] {128}, 10, Activation.TANH, WeightInit.fanIn(), rng);
            Trainer.Result r = Trainer.fit(net, data, data, TrainConfig.defaults().learningRate(0.05).momentum(0.9).l2(1e-4)
                    .batch(64).epochs(2).shuffle(true).seed(seed),
                    Trainer.Listener.NONE);
            double[] losses = r.stepLosses();
            double[] out = Arrays.copyOf(losses, losses.length);
            for (Tensor p : net.parameters()) {
                double[] v = p.values();
                out = Arrays.copyOf(out, out.length + v.length);
                System.arraycopy(v, 0, out, out.length - v.length, v.length);
            }
            return out;
        } finally {
            Kernels.setThreads(before);
        }
    }

    private static void assertBitIdentical(String what, double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(b[i])) {
                throw new AssertionError(what + ": value " + i + " differs: " + a[i] + " vs " + b[i]);
            }
        }
    }

    /** 25 tries, not 1,000: each try trains a 200-128-10 network four times (1 thread twice, then 2 and 3 threads). */
    @Test
    void sameSeedSameBitsOnOneTwoAndThreeThreads() {
        Props.qt(25).forAll(longs().between(0, 4_294_967_295L)).checkAssert(seed -> {
            double[] one = train(seed, 1);
            assertBitIdentical("1 thread, run twice", one, train(seed, 1));
            assertBitIdentical("1 vs 2 threads", one, train(seed, 2));
            assertBitIdentical("1 vs 3 threads", one, train(seed, 3));
        });
    }

    @Test
    void scalarEngineIsDeterministicToo() {
        Props.qt(1000).forAll(Generators.networks().build()).checkAssert(c -> Props.about(c, () -> {
            MLP a = Engines.scalarNet(c);
            MLP b = Engines.scalarNet(c);
            double la = Engines.scalarLoss(a, c).data();
            double lb = Engines.scalarLoss(b, c).data();
            Engines.scalarLoss(a, c).backward();
            Engines.scalarLoss(b, c).backward();
            assertBitIdentical("scalar loss", new double[] {la}, new double[] {lb});
            assertBitIdentical("scalar gradients", Engines.scalarGrads(a), Engines.scalarGrads(b));
        }));
    }
}
