package org.twingrad.bench.jmh;

import java.util.concurrent.TimeUnit;
import java.util.Arrays;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.twingrad.data.NumpyRandom;
import org.twingrad.tensor.Kernels;
import org.twingrad.tensor.kernels.Dims;
import org.twingrad.tensor.kernels.MatMul;

/**
 * The matmul kernel at the MLP's shapes and two square ones, on 1 thread and on all cores. GFLOP/s = 2·n·k·m ÷ time.
 * {@code 50x784T50x256} is the weight-gradient product (50×784)ᵀ·(50×256), which transposes its left side first;
 * {@code 50x784x256T} is the forward product x·Wᵀ with W stored [256, 784], as a layer stores it.
 * Outputs are written, not added to, as the engine writes them (see {@link #multiply}); NumPy's {@code a @ b}
 * allocates a new output on every call, which is how NumPy code runs it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class MatMulBenchmark {
    @Param({"50x784x256", "50x784x256T", "200x784x256", "50x784T50x256", "256x256x256", "1024x1024x1024"})
    public String shape;

    @Param({"1", "2"})
    public int threads;

    private double[] a;
    private double[] b;
    private int n;
    private int k;
    private int m;
    private boolean transposedA;
    private boolean transposedB;
    private int before;
    private double[] gradient;

    @Setup
    public void setup() {
        transposedB = shape.endsWith("T");
        transposedA = shape.contains("T") && !transposedB;
        int[] d = Arrays.stream((transposedB ? shape.substring(0, shape.length() - 1) : shape).replace("T", "x").split("x"))
                .mapToInt(Integer::parseInt).toArray();
        n = d[transposedA ? 1 : 0];   // (rows×n)ᵀ·(rows×m): d = rows, n, rows, m; else n, k, m
        k = d[transposedA ? 0 : 1];
        m = d[transposedA ? 3 : 2];
        NumpyRandom rng = new NumpyRandom(0);
        a = rng.randn(n * k);
        b = rng.randn(k * m);
        gradient = new double[n * m];
        before = Kernels.threads();
        Kernels.setThreads(threads);
    }

    @TearDown
    public void tearDown() {
        Kernels.setThreads(before);
    }

    /**
     * As the tensor engine runs each product: a forward product into a fresh output array; the weight gradient into
     * the parameter's gradient buffer, which lives across steps and is overwritten after {@code zeroGrad()}.
     */
    @Benchmark
    public double[] multiply() {
        if (transposedA) {
            Kernels.multiply(MatMul.Form.AT_B, a, b, gradient, new Dims(n, k, m));
            return gradient;
        }
        double[] c = new double[n * m];
        Kernels.multiply(transposedB ? MatMul.Form.A_BT : MatMul.Form.A_B, a, b, c, new Dims(n, k, m));
        return c;
    }
}
