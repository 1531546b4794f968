package org.twingrad.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.twingrad.data.Dataset;
import org.twingrad.data.Mnist;
import org.twingrad.data.NumpyRandom;
import org.twingrad.data.WeightInit;
import org.twingrad.data.Activation;
import org.twingrad.tensor.nn.MLP;
import org.twingrad.tensor.train.TrainConfig;
import org.twingrad.tensor.train.Trainer;

/**
 * One training epoch on MNIST-4000 (3000 rows, batch 50, unshuffled, lr 0.01) with the tensor engine, NaN guard
 * included: the CMU network 784-256-10 sigmoid, and 784-384-256-10 ReLU. Evaluation is not timed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class TrainingBenchmark {
    @Param({"784-256-10-sigmoid", "784-384-256-10-relu"})
    public String network;

    private Dataset train;
    private Trainer trainer;
    private int epoch;

    @Setup
    public void setup() {
        train = Mnist.mnist4000().train();
        boolean relu = network.endsWith("relu");
        int[] hidden = relu ? new int[] {384, 256} : new int[] {256};
        MLP net = MLP.random(784, hidden, 10, relu ? Activation.RELU : Activation.SIGMOID, WeightInit.xavier(),
                new NumpyRandom(0));
        trainer = new Trainer(net, TrainConfig.defaults().learningRate(0.01).batch(50).epochs(1));
    }

    @Benchmark
    public double[] epoch() {
        return trainer.trainEpoch(train, ++epoch, Trainer.Listener.NONE);
    }
}
