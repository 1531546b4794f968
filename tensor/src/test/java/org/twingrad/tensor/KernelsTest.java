package org.twingrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.twingrad.tensor.kernels.Dims;
import org.twingrad.tensor.kernels.Exp;
import org.twingrad.tensor.kernels.MatMul;
import org.twingrad.tensor.kernels.Tuning;
import org.twingrad.tensor.kernels.VectorExp;

/**
 * The kernels besides matmul: e^x over an array, both variants (plain and Vector API) in one JVM, and loops split
 * across threads.
 */
class KernelsTest {
    /** The variants of e^x over an array, by name. */
    private static final java.util.Map<String, java.util.function.BiConsumer<double[], double[]>> EXP = java.util.Map.of(
            "plain", Exp::exp, "vector", VectorExp::exp, "chosen", Kernels::exp);

    /** Distance in units in the last place between two finite doubles of the same sign. */
    private static long ulps(double a, double b) {
        return Math.abs(Double.doubleToLongBits(a) - Double.doubleToLongBits(b));
    }

    private static double[] inputs(int n) {
        Random r = new Random(17);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = switch (i % 4) {
                case 0 -> r.nextDouble() * 1490 - 745;          // the whole range, into the subnormals
                case 1 -> r.nextDouble() * 20 - 10;             // where sigmoid's inputs live
                case 2 -> r.nextGaussian() * 1e-3;              // near 0, where e^x ≈ 1 + x
                default -> r.nextDouble() * 2 - 1;
            };
        }
        return x;
    }

    /**
     * Within one ulp of {@link StrictMath#exp} (fdlibm, itself within one ulp of e^x) everywhere, and equal to it for
     * most inputs. (Against e^x computed to 120 bits, the largest error seen over 40,000 of these inputs was 0.95 ulp.)
     */
    @Test
    void expIsWithinOneUlpOfStrictMath() {
        double[] x = inputs(100_003);      // not a multiple of the vector length: the tail goes one value at a time
        EXP.forEach((name, exp) -> {
            double[] y = new double[x.length];
            exp.accept(x, y);
            int equal = 0;
            for (int i = 0; i < x.length; i++) {
                double expected = StrictMath.exp(x[i]);
                assertTrue(ulps(y[i], expected) <= 1, name + ": e^" + x[i] + ": " + y[i] + " against " + expected);
                equal += y[i] == expected ? 1 : 0;
            }
            assertTrue(equal > 0.9 * x.length, name + ": " + equal + " of " + x.length + " equal to StrictMath");
        });
    }

    /** The vector kernel runs the same IEEE steps as the one-value version, so they agree to the bit. */
    @Test
    void expOverAnArrayGivesTheBitsOfTheOneValueVersion() {
        double[] x = inputs(10_007);
        EXP.forEach((name, exp) -> {
            double[] y = x.clone();
            exp.accept(y, y);                  // in place
            for (int i = 0; i < x.length; i++) {
                assertEquals(Exp.exp(x[i]), y[i], 0.0, name + " at x = " + x[i]);
            }
        });
    }

    @Test
    void expAtTheEdges() {
        double[] x = {0, -0.0, 1, -1, 709.782712893384, 709.79, 1000, Double.POSITIVE_INFINITY,
            -708.4, -745.1332191019411, -745.2, -1000, Double.NEGATIVE_INFINITY, Double.NaN, 1e-300, 0.5 * Math.log(2)};
        EXP.forEach((name, exp) -> expAtTheEdges(x, exp));
    }

    private static void expAtTheEdges(double[] x, java.util.function.BiConsumer<double[], double[]> exp) {
        double[] y = new double[x.length];
        exp.accept(x, y);
        assertEquals(1.0, y[0], 0.0);
        assertEquals(1.0, y[1], 0.0);
        assertEquals(Math.E, y[2], Math.ulp(Math.E));
        assertEquals(1 / Math.E, y[3], Math.ulp(1 / Math.E));
        assertTrue(ulps(y[4], StrictMath.exp(x[4])) <= 1 && y[4] > 1.797e308, "close to the largest double: " + y[4]);
        assertEquals(Double.POSITIVE_INFINITY, y[5], 0.0, "overflow");
        assertEquals(Double.POSITIVE_INFINITY, y[6], 0.0);
        assertEquals(Double.POSITIVE_INFINITY, y[7], 0.0);
        assertTrue(ulps(y[8], StrictMath.exp(-708.4)) <= 1, "just above the subnormals");
        assertEquals(Double.MIN_VALUE, y[9], 0.0, "the smallest subnormal");
        assertEquals(0.0, y[10], 0.0, "underflow");
        assertEquals(0.0, y[11], 0.0);
        assertEquals(0.0, y[12], 0.0);
        assertTrue(Double.isNaN(y[13]), "NaN stays NaN");
        assertEquals(1.0, y[14], 0.0);
        assertEquals(Math.sqrt(2), y[15], Math.ulp(Math.sqrt(2)), "e^(ln 2 / 2), the edge of the reduced range");
    }

    @Test
    void expNeedsRoomForItsOutput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Kernels.exp(new double[5], new double[4]));
        assertTrue(e.getMessage().contains("4") && e.getMessage().contains("5"), e.getMessage());
    }

    /** Every index is visited exactly once, whatever the size and thread count, and the ranges are contiguous. */
    @Test
    void forRangesCoversEveryIndexOnce() {
        int before = Kernels.threads();
        try {
            for (int t = 1; t <= 3; t++) {
                Kernels.setThreads(t);
                for (int n : new int[] {0, 1, 7, Tuning.PARALLEL_ELEMENTS - 1, 2 * Tuning.PARALLEL_ELEMENTS + 5,
                    200_704}) {
                    AtomicIntegerArray seen = new AtomicIntegerArray(n);
                    Kernels.forRanges(n, (from, to) -> {
                        assertTrue(0 <= from && from <= to && to <= n, from + ".." + to);
                        for (int i = from; i < to; i++) {
                            seen.incrementAndGet(i);
                        }
                    });
                    for (int i = 0; i < n; i++) {
                        assertEquals(1, seen.get(i), "index " + i + " of " + n + " on " + t + " threads");
                    }
                }
            }
        } finally {
            Kernels.setThreads(before);
        }
    }

    /** A failure on any thread reaches the caller, and the threads are usable afterwards. */
    @Test
    void forRangesPassesFailuresOn() {
        int before = Kernels.threads();
        try {
            Kernels.setThreads(2);
            int n = 4 * Tuning.PARALLEL_ELEMENTS;
            RuntimeException e = assertThrows(RuntimeException.class, () -> Kernels.forRanges(n, (from, to) -> {
                if (to == n) {
                    throw new IllegalStateException("boom in the last range");
                }
            }));
            Throwable root = e.getCause() != null ? e.getCause() : e;
            assertEquals("boom in the last range", root.getMessage());
            double[] sum = new double[n];
            Kernels.forRanges(n, (from, to) -> java.util.Arrays.fill(sum, from, to, 1.0));
            assertEquals(n, java.util.Arrays.stream(sum).sum(), 0.0);
        } finally {
            Kernels.setThreads(before);
        }
    }

    /**
     * The warm-up thread runs the same kernels at the same time as a run: a product on 2 threads while it runs gives the
     * bits it gives without it, and the thread ends by itself.
     */
    @Test
    void warmUpChangesNoResultAndEnds() throws InterruptedException {
        Random r = new Random(11);
        double[] a = new double[120 * 300];
        double[] w = new double[200 * 300];
        Arrays.setAll(a, i -> r.nextGaussian());
        Arrays.setAll(w, i -> r.nextGaussian());
        int before = Kernels.threads();
        try {
            Kernels.setThreads(2);
            double[] alone = new double[120 * 200];
            Kernels.multiply(MatMul.Form.A_BT, a, w, alone, new Dims(120, 300, 200));
            Kernels.warmUp();
            Thread warmUp = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("twingrad-warm-up")).findFirst().orElseThrow();
            double[] beside = new double[120 * 200];
            Kernels.multiply(MatMul.Form.A_BT, a, w, beside, new Dims(120, 300, 200));
            assertArrayEquals(alone, beside, 0.0);
            warmUp.join();
            assertTrue(warmUp.isDaemon());
        } finally {
            Kernels.setThreads(before);
        }
    }
}
