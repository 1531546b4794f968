package org.twingrad.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twingrad.data.Activation;
import org.twingrad.data.Mnist;
import org.twingrad.data.NumpyRandom;
import org.twingrad.data.Split;
import org.twingrad.data.WeightInit;
import org.twingrad.tensor.nn.MLP;
import org.twingrad.tensor.nn.ModelFile;
import org.twingrad.tensor.optim.Sgd;
import org.twingrad.tensor.train.TrainConfig;
import org.twingrad.tensor.train.Trainer;

/**
 * The README's "The tensor engine as a library" program, line for line, and the two figures the README says it
 * prints: the first step's loss and the test accuracy after 5 epochs.
 */
class ReadmeLibraryExampleTest {
    @Test
    void theReadmeProgramPrintsLoss2_3306ThenTestAccuracy94_20(@TempDir Path dir) throws Exception {
        Split data = Mnist.mnist4000();
        MLP net = MLP.random(784, new int[] {256}, 10, Activation.RELU, WeightInit.he(), new NumpyRandom(0));

        // One step by hand: forward, loss, backward, update.
        Sgd sgd = new Sgd(net.parameters(), 0.1);
        int[] rows = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        double[] x = new double[10 * 784];
        data.train().copyRows(rows, x);
        Tensor loss = net.forward(Tensor.constant(x, 10, 784)).softmaxCrossEntropy(data.train().labels(rows));
        loss.backward();
        sgd.step();
        assertEquals("first step: loss 2.3306", String.format("first step: loss %.4f", loss.item()));

        // Or the whole loop: 5 epochs of minibatch SGD (lr 0.05, momentum 0.9, batch 50, shuffled), then save the weights.
        Trainer.Result r = Trainer.fit(net, data.train(), data.test(),
                TrainConfig.defaults().learningRate(0.05).momentum(0.9).batch(50).epochs(5).shuffle(true),
                Trainer.Listener.NONE);
        ModelFile.save(dir.resolve("relu.twg"), "784-256-10 relu", net.parameters());
        List<Trainer.Epoch> epochs = r.epochs();
        assertEquals("after 5 epochs: test accuracy 94.20%",
                String.format("after 5 epochs: test accuracy %.2f%%", 100 * epochs.get(epochs.size() - 1).testAccuracy()));
        assertEquals(true, Files.size(dir.resolve("relu.twg")) > 784 * 256 * 8);
    }
}
