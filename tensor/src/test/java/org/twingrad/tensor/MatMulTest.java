package org.twingrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.twingrad.tensor.kernels.MatMul.Form.AT_B;
import static org.twingrad.tensor.kernels.MatMul.Form.A_B;
import static org.twingrad.tensor.kernels.MatMul.Form.A_BT;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.twingrad.tensor.kernels.Dims;
import org.twingrad.tensor.kernels.Gradient;
import org.twingrad.tensor.kernels.MatMul;
import org.twingrad.tensor.kernels.PlainMatMul;
import org.twingrad.tensor.kernels.VectorMatMul;

/**
 * Every matmul variant (plain Java and Vector API, on one to three threads) against the same naive triple loop and
 * hand-computed cases, in one JVM, and bit-identical across variants and thread counts.
 */
class MatMulTest {
    private static final List<MatMul> VARIANTS = List.of(new MatMul(new PlainMatMul()), new MatMul(new VectorMatMul()));
    private static final int[] THREADS = {1, 2, 3};

    /** Runs {@code test} on every variant and thread count. */
    private static void everyVariant(java.util.function.BiConsumer<MatMul, String> test) {
        int before = Kernels.threads();
        try {
            for (MatMul v : VARIANTS) {
                for (int t : THREADS) {
                    Kernels.setThreads(t);
                    test.accept(v, v.name() + " on " + t + " threads");
                }
            }
        } finally {
            Kernels.setThreads(before);
        }
    }

    /** C += A·B through a gradient buffer that holds {@code c}. */
    private static double[] accumulate(MatMul v, MatMul.Form form, double[] a, double[] b, double[] c, Dims d) {
        Gradient g = new Gradient(c.length);
        System.arraycopy(c, 0, g.values(), 0, c.length);
        v.accumulate(form, a, b, g, d);
        return g.values();
    }
    private static double[] random(Random r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }

    /** The reference: one FMA chain per element over p in order, which is the kernel's contract. */
    private static double[] naive(double[] a, double[] b, int n, int k, int m) {
        double[] c = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s = Math.fma(a[i * k + p], b[p * m + j], s);
                }
                c[i * m + j] = s;
            }
        }
        return c;
    }

    @Test
    void matchesTheNaiveLoopBitForBitOnAwkwardShapes() {
        Random r = new Random(7);
        int[][] shapes = {{1, 1, 1}, {3, 5, 7}, {5, 300, 17}, {50, 784, 256}, {9, 257, 33}, {4, 16, 16}, {13, 1, 40}};
        for (int[] s : shapes) {
            double[] a = random(r, s[0] * s[1]);
            double[] b = random(r, s[1] * s[2]);
            everyVariant((v, name) -> {
                double[] c = accumulate(v, A_B, a, b, new double[s[0] * s[2]], new Dims(s[0], s[1], s[2]));
                assertArrayEquals(naive(a, b, s[0], s[1], s[2]), c, 0.0, name + " " + java.util.Arrays.toString(s));
            });
        }
    }

    @Test
    void bitIdenticalOnOneTwoAndThreeThreads() {
        Random r = new Random(11);
        int n = 64;
        int k = 300;
        int m = 200;
        double[] a = random(r, n * k);
        double[] b = random(r, k * m);
        double[] first = new double[n * m];
        VARIANTS.get(0).multiply(A_B, a, b, first, new Dims(n, k, m));
        everyVariant((v, name) -> {
            double[] c = new double[n * m];
            v.multiply(A_B, a, b, c, new Dims(n, k, m));
            assertArrayEquals(first, c, 0.0, name);
        });
    }

    @Test
    void transposedFormsAndAccumulation() {
        Random r = new Random(3);
        double[] a = random(r, 6 * 4);   // stored 6×4
        double[] b = random(r, 6 * 5);   // stored 6×5
        everyVariant((v, name) -> {
            double[] c = accumulate(v, AT_B, a, b, new double[4 * 5], new Dims(4, 6, 5));             // Aᵀ·B
            assertArrayEquals(naive(Kernels.transpose(a, 6, 4), b, 4, 6, 5), c, 0.0, name);
            double[] d = accumulate(v, A_BT, a, a, new double[6 * 6], new Dims(6, 4, 6));             // A·Aᵀ
            assertArrayEquals(naive(a, Kernels.transpose(a, 6, 4), 6, 4, 6), d, 0.0, name);
            double[] e = accumulate(v, A_B, new double[] {1, 2}, new double[] {3, 4, 5, 6}, new double[] {1, 1, 1, 1},
                    new Dims(1, 2, 2));
            assertArrayEquals(new double[] {14, 17, 1, 1}, e, 0.0, name + ": += into what is there");
        });
    }

    /**
     * Aᵀ·B copies A by strips of 8 rows of Aᵀ, the threads sharing the strips. At the weight-gradient shape of the
     * CMU network and at shapes that leave every kind of remainder block, on one and two threads, it gives the
     * same bits as the naive loop over an explicit transpose.
     */
    @Test
    void transposedAMatchesTheExplicitTranspose() {
        Random r = new Random(13);
        for (int[] s : new int[][] {{784, 50, 256}, {13, 7, 37}, {21, 300, 45}, {5, 3, 9}}) {
            int n = s[0];
            int k = s[1];
            int m = s[2];
            double[] a = random(r, k * n);      // stored k×n
            double[] b = random(r, k * m);
            double[] expected = naive(Kernels.transpose(a, k, n), b, n, k, m);
            everyVariant((v, name) -> {
                double[] c = new double[n * m];
                java.util.Arrays.fill(c, Double.NaN);
                v.multiply(AT_B, a, b, c, new Dims(n, k, m));
                assertArrayEquals(expected, c, 0.0, java.util.Arrays.toString(s) + " " + name);
            });
        }
    }

    /**
     * A·Wᵀ reads W [out, in] in place: dot products for a batch of 1 to 3 rows, packed panels from 4 rows on. At the
     * CMU forward shape, a batch-1 shape and shapes that leave every kind of remainder block, it gives the naive
     * loop's bits over an explicit transpose, never reads what C held before, and adds to C by starting each chain
     * from C's value.
     */
    @Test
    void transposedBMatchesTheExplicitTranspose() {
        Random r = new Random(17);
        for (int[] s : new int[][] {{50, 784, 256}, {1, 784, 300}, {3, 7, 10}, {4, 5, 9}, {13, 300, 37}, {70, 20, 21}}) {
            int n = s[0];
            int k = s[1];
            int m = s[2];
            double[] a = random(r, n * k);
            double[] w = random(r, m * k);      // stored m×k
            double[] expected = naive(a, Kernels.transpose(w, m, k), n, k, m);
            double[] start = random(r, n * m);                 // C += A·Wᵀ: each chain starts from C's value
            double[] added = start.clone();
            for (int e = 0; e < n * m; e++) {
                for (int p = 0; p < k; p++) {
                    added[e] = Math.fma(a[e / m * k + p], w[e % m * k + p], added[e]);
                }
            }
            everyVariant((v, name) -> {
                double[] c = new double[n * m];
                java.util.Arrays.fill(c, Double.NaN);
                v.multiply(A_BT, a, w, c, new Dims(n, k, m));
                assertArrayEquals(expected, c, 0.0, java.util.Arrays.toString(s) + " " + name);
                double[] sum = accumulate(v, A_BT, a, w, start, new Dims(n, k, m));
                assertArrayEquals(added, sum, 0.0, java.util.Arrays.toString(s) + " " + name + ": += " + start[0]);
            });
        }
    }

    @Test
    void overwriteNeverReadsWhatCHeld() {
        Random r = new Random(5);
        for (int[] s : new int[][] {{9, 300, 40}, {50, 784, 256}, {3, 7, 5}}) {
            double[] a = random(r, s[0] * s[1]);
            double[] b = random(r, s[1] * s[2]);
            everyVariant((v, name) -> {
                double[] c = new double[s[0] * s[2]];
                java.util.Arrays.fill(c, Double.NaN);
                v.multiply(A_B, a, b, c, new Dims(s[0], s[1], s[2]));
                assertArrayEquals(naive(a, b, s[0], s[1], s[2]), c, 0.0, java.util.Arrays.toString(s) + " " + name);
            });
        }
    }

    /** A zeroed gradient is overwritten by the next product (never read), then added to by the one after. */
    @Test
    void aZeroedGradientIsOverwrittenThenAddedTo() {
        Random r = new Random(9);
        double[] a = random(r, 3 * 40);
        double[] b = random(r, 40 * 20);
        double[] once = naive(a, b, 3, 40, 20);
        everyVariant((v, name) -> {
            Gradient g = new Gradient(3 * 20);
            java.util.Arrays.fill(g.values(), Double.NaN);
            g.zero();
            v.accumulate(A_B, a, b, g, new Dims(3, 40, 20));
            assertArrayEquals(once, g.values(), 0.0, name);
            v.accumulate(A_B, a, b, g, new Dims(3, 40, 20));
            for (int i = 0; i < once.length; i++) {
                assertEquals(2 * once[i], g.values()[i], 1e-12 * Math.abs(once[i]), name);
            }
        });
    }

    @Test
    void reportsItsKernel() {
        boolean vectorWanted = !"false".equals(System.getProperty("twingrad.vector"));
        assertEquals(vectorWanted, Kernels.kernelName().startsWith("vector"), Kernels.kernelName());
        assertTrue(Kernels.threads() >= 1);
    }
}
