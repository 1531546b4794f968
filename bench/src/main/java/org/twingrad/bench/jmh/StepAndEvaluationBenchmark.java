package org.twingrad.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.twingrad.data.Mnist;
import org.twingrad.data.NumpyRandom;
import org.twingrad.data.Split;
import org.twingrad.data.WeightInit;
import org.twingrad.data.Activation;
import org.twingrad.tensor.nn.MLP;
import org.twingrad.tensor.train.TrainConfig;
import org.twingrad.tensor.train.Trainer;

/**
 * On MNIST-4000: one per-instance SGD step of 784-300-10 sigmoid (the trainer's loss, backward and update of one row,
 * rows in order), and one evaluation pass of the CMU (a) network 784-256-10 sigmoid (loss and accuracy on train and
 * test, as the trainer runs after each epoch).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class StepAndEvaluationBenchmark {
    private final Split data = Mnist.mnist4000();
    private final Trainer.TensorEngine perInstance = new Trainer.TensorEngine(sigmoid(300),
            TrainConfig.defaults().learningRate(0.01).batch(1));
    private final MLP cmu = sigmoid(256);
    private int row;

    private static MLP sigmoid(int hidden) {
        return MLP.random(784, new int[] {hidden}, 10, Activation.SIGMOID, WeightInit.xavier(), new NumpyRandom(0));
    }

    @Benchmark
    public double sgdStepBatch1() {
        double loss = perInstance.loss(data.train(), new int[] {row});
        perInstance.step(0.01);
        row = (row + 1) % data.train().rows();
        return loss;
    }

    @Benchmark
    public double evaluation() {
        return Trainer.evaluate(cmu, data.train()).loss() + Trainer.evaluate(cmu, data.test()).loss();
    }
}
