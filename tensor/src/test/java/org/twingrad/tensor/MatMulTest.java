package org.twingrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The kernel against a naive triple loop, and bit-identical across thread counts. Surefire runs this class twice:
 * with the Vector API module, and with {@code -Dtwingrad.vector=false} (the plain-Java kernel).
 */
class MatMulTest {
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
            double[] c = new double[s[0] * s[2]];
            Kernels.multiplyAdd(a, b, c, s[0], s[1], s[2]);
            assertArrayEquals(naive(a, b, s[0], s[1], s[2]), c, 0.0, Kernels.kernelName() + " " + java.util.Arrays.toString(s));
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
        int before = Kernels.threads();
        try {
            double[][] results = new double[3][];
            for (int t = 1; t <= 3; t++) {
                Kernels.setThreads(t);
                results[t - 1] = new double[n * m];
                Kernels.multiplyAdd(a, b, results[t - 1], n, k, m);
            }
            assertArrayEquals(results[0], results[1], 0.0);
            assertArrayEquals(results[0], results[2], 0.0);
        } finally {
            Kernels.setThreads(before);
        }
    }

    @Test
    void transposedFormsAndAccumulation() {
        Random r = new Random(3);
        double[] a = random(r, 6 * 4);   // stored 6×4
        double[] b = random(r, 6 * 5);   // stored 6×5
        double[] c = new double[4 * 5];
        Kernels.multiplyAddTransposedA(a, b, c, 4, 6, 5);                        // Aᵀ·B
        assertArrayEquals(naive(Kernels.transpose(a, 6, 4), b, 4, 6, 5), c, 0.0);
        double[] d = new double[6 * 6];
        Kernels.multiplyAddTransposedB(a, a, d, 6, 4, 6);                        // A·Aᵀ
        assertArrayEquals(naive(a, Kernels.transpose(a, 6, 4), 6, 4, 6), d, 0.0);
        double[] e = {1, 1, 1, 1};
        Kernels.multiplyAdd(new double[] {1, 2}, new double[] {3, 4, 5, 6}, e, 1, 2, 2);
        assertArrayEquals(new double[] {14, 17, 1, 1}, e, 0.0, "+= into what is there");
    }

    /**
     * Aᵀ·B copies A by strips of 8 rows of Aᵀ, the threads sharing the strips. At the weight-gradient shape of the
     * CMU network and at shapes that leave every kind of remainder block, on one and two threads, it gives the
     * same bits as the naive loop over an explicit transpose.
     */
    @Test
    void transposedAMatchesTheExplicitTranspose() {
        Random r = new Random(13);
        int before = Kernels.threads();
        try {
            for (int[] s : new int[][] {{784, 50, 256}, {13, 7, 37}, {21, 300, 45}, {5, 3, 9}}) {
                int n = s[0];
                int k = s[1];
                int m = s[2];
                double[] a = random(r, k * n);      // stored k×n
                double[] b = random(r, k * m);
                double[] expected = naive(Kernels.transpose(a, k, n), b, n, k, m);
                for (int t = 1; t <= 2; t++) {
                    Kernels.setThreads(t);
                    double[] c = new double[n * m];
                    java.util.Arrays.fill(c, Double.NaN);
                    Kernels.multiplyTransposedA(a, b, c, n, k, m, true);
                    assertArrayEquals(expected, c, 0.0, java.util.Arrays.toString(s) + " on " + t + " threads");
                }
            }
        } finally {
            Kernels.setThreads(before);
        }
    }

    @Test
    void overwriteNeverReadsWhatCHeld() {
        Random r = new Random(5);
        for (int[] s : new int[][] {{9, 300, 40}, {50, 784, 256}, {3, 7, 5}}) {
            double[] a = random(r, s[0] * s[1]);
            double[] b = random(r, s[1] * s[2]);
            double[] c = new double[s[0] * s[2]];
            java.util.Arrays.fill(c, Double.NaN);
            Kernels.multiply(a, b, c, s[0], s[1], s[2]);
            assertArrayEquals(naive(a, b, s[0], s[1], s[2]), c, 0.0, java.util.Arrays.toString(s));
        }
    }

    @Test
    void reportsItsKernel() {
        boolean vectorWanted = !"false".equals(System.getProperty("twingrad.vector"));
        assertEquals(vectorWanted, Kernels.kernelName().startsWith("vector"), Kernels.kernelName());
        assertTrue(Kernels.threads() >= 1);
    }
}
