package org.twingrad.bench.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.twingrad.scalar.Value;

/**
 * Build + backward of scalar graphs of 10³, 10⁵ and 10⁶ nodes: a chain (each node the input of the next, the depth
 * that would overflow a recursive topological sort) and a wide sum (n leaves into one node). Run with
 * {@code -prof gc}: gc.alloc.rate.norm ÷ n is the measured bytes per node.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class ScalarGraphBenchmark {
    @Param({"1000", "100000", "1000000"})
    public int nodes;

    @Param({"chain", "wideSum"})
    public String shape;

    @Benchmark
    public double buildAndBackward() {
        Value root;
        if (shape.equals("chain")) {
            root = Value.of(1.0);
            for (int i = 1; i < nodes; i++) {
                root = root.mul(0.999999);
            }
        } else {
            List<Value> leaves = new ArrayList<>(nodes - 1);
            for (int i = 1; i < nodes; i++) {
                leaves.add(Value.of(i));
            }
            root = Value.sum(leaves);
        }
        root.backward();
        return root.data();
    }
}
