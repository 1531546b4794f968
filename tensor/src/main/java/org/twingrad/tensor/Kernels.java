package org.twingrad.tensor;

import java.util.stream.DoubleStream;
import org.twingrad.tensor.kernels.Dims;
import org.twingrad.tensor.kernels.Exp;
import org.twingrad.tensor.kernels.Gradient;
import org.twingrad.tensor.kernels.MatMul;
import org.twingrad.tensor.kernels.PlainMatMul;
import org.twingrad.tensor.kernels.Scratch;
import org.twingrad.tensor.kernels.VectorExp;
import org.twingrad.tensor.kernels.Tuning;
import org.twingrad.tensor.kernels.VectorMatMul;
import org.twingrad.tensor.kernels.Workers;

/**
 * The fast path, behind one door: the loops training spends its time in, chosen once at start-up. Everything else in
 * twingrad is plain loops; the classes of {@link org.twingrad.tensor.kernels} alone are tuned (every constant in
 * {@link org.twingrad.tensor.kernels.Tuning}), and they alone use the Vector API.
 *
 * <p>The vector variants need {@code --add-modules jdk.incubator.vector}; without that module, or with
 * {@code -Dtwingrad.vector=false}, the plain-Java ones are chosen. Both give the same bits.
 */
public final class Kernels {
    private static final boolean VECTOR = !"false".equalsIgnoreCase(System.getProperty("twingrad.vector"))
            && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    private static final MatMul MATMUL = new MatMul(VECTOR ? new VectorMatMul() : new PlainMatMul());

    private Kernels() {}

    /** Which matmul kernel runs: {@code "vector(8 lanes)"} or {@code "plain"}. */
    public static String kernelName() {
        return MATMUL.name();
    }

    /** Threads a large product or loop is split across (default: the number of cores, or {@code -Dtwingrad.threads}). */
    public static int threads() {
        return Workers.threads();
    }

    /** Sets the thread count; results do not depend on it. */
    public static void setThreads(int n) {
        Workers.setThreads(n);
    }

    /** C = the product of A and B in the given form, C[n×m] in {@code d}'s sizes. */
    public static void multiply(MatMul.Form form, double[] a, double[] b, double[] c, Dims d) {
        MATMUL.multiply(form, a, b, c, d);
    }

    /** C += the product of A and B in the given form: a gradient's part of backward. */
    public static void accumulate(MatMul.Form form, double[] a, double[] b, Gradient c, Dims d) {
        MATMUL.accumulate(form, a, b, c, d);
    }

    /** A loop over [0, n) of independent iterations, split across the threads when it is long: see {@link Workers}. */
    public static void forRanges(int n, Workers.Range body) {
        Workers.forRanges(n, body);
    }

    /** out[i] = e^x[i] (the arrays may be the same), the same bits on either variant: see {@link Exp}. */
    public static void exp(double[] x, double[] out) {
        if (out.length < x.length) {
            throw new IllegalArgumentException("exp: output of " + out.length + " elements for " + x.length + " inputs");
        }
        if (VECTOR) {
            VectorExp.exp(x, out);
        } else {
            Exp.exp(x, out);
        }
    }

    /**
     * Runs the kernels on small made-up operands on a daemon thread, so that C2 compiles them while a command is still
     * reading its data: the Vector API is fast only once compiled, and the README run's first epoch took 1.5 s against
     * 0.3 s for the next. No array is shared and products this small stay on their thread, so results keep their bits.
     */
    public static void warmUp() {
        Thread t = new Thread(() -> {
            double[] x = DoubleStream.generate(() -> 0.5).limit(50 * 64).toArray();    // a batch of 50 rows of 64 inputs
            double[] w = DoubleStream.generate(() -> 0.25).limit(24 * 64).toArray();   // and a layer of 24 units
            double[] z = new double[50 * 24];
            for (int i = 0; i < Tuning.WARM_UP_ROUNDS; i++) {
                multiply(MatMul.Form.A_BT, x, w, z, new Dims(50, 64, 24));                  // z = x·Wᵀ
                multiply(MatMul.Form.AT_B, z, x, new double[24 * 64], new Dims(24, 50, 64)); // ∂W = δᵀ·x
                multiply(MatMul.Form.A_B, z, w, new double[50 * 64], new Dims(50, 24, 64));  // ∂x = δ·W
                multiply(MatMul.Form.A_BT, x, w, new double[24], new Dims(1, 64, 24));      // a batch of 1
                exp(z, new double[z.length]);
            }
        }, "twingrad-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** The transpose of a rows × cols row-major matrix, as a new array. */
    public static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[rows * cols];
        Scratch.transpose(a, rows, cols, t);
        return t;
    }
}
