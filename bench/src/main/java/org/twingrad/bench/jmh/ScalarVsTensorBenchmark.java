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

/**
 * Forward + backward of the same network and batch in each engine. The scalar engine builds the whole graph each
 * time (that is how it works); nodes per second = {@code Networks.main}'s node count ÷ the time per op.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class ScalarVsTensorBenchmark {
    @Param({"2-16-16-1:1", "784-32-10:1", "784-32-10:50"})
    public String network;

    private Networks nets;

    @Setup
    public void setup() {
        nets = new Networks(network);
    }

    @Benchmark
    public double scalar() {
        nets.scalar.zeroGrad();
        return nets.scalarStep().data();
    }

    @Benchmark
    public double tensor() {
        nets.tensor.zeroGrad();
        return nets.tensorStep().item();
    }
}
