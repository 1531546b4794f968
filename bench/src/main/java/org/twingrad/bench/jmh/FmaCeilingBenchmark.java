package org.twingrad.bench.jmh;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's double-precision FMA ceiling, the matmul figures' yardstick: 12 independent chains of vector FMAs,
 * enough to keep every FMA unit busy through its latency (2 units × 4–5 cycles on AVX2 cores). The score is vector
 * FMAs per µs, summed over threads: GFLOP/s = score × 2 × lanes ÷ 1000 ({@link #main} prints the lanes).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class FmaCeilingBenchmark {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int STEPS = 1000;

    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(STEPS * 12)
    public double oneThread() {
        return chains();
    }

    @Benchmark
    @Threads(Threads.MAX)
    @OperationsPerInvocation(STEPS * 12)
    public double allThreads() {
        return chains();
    }

    /** Locals, not an array (C2 would box them); distinct starts, so none merge; a·0.999 + 0.001 tends to 1. */
    private static double chains() {
        DoubleVector m = DoubleVector.broadcast(S, 0.999);
        DoubleVector c = DoubleVector.broadcast(S, 0.001);
        DoubleVector a0 = c.add(0), a1 = c.add(1), a2 = c.add(2), a3 = c.add(3), a4 = c.add(4), a5 = c.add(5);
        DoubleVector a6 = c.add(6), a7 = c.add(7), a8 = c.add(8), a9 = c.add(9), a10 = c.add(10), a11 = c.add(11);
        for (int i = 0; i < STEPS; i++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
            a8 = a8.fma(m, c);
            a9 = a9.fma(m, c);
            a10 = a10.fma(m, c);
            a11 = a11.fma(m, c);
        }
        DoubleVector sum = a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10);
        return sum.add(a11).reduceLanes(VectorOperators.ADD);
    }

    /** Prints the lanes of a vector, for the GFLOP/s. */
    public static void main(String[] args) {
        System.out.println(S.length());
    }
}
