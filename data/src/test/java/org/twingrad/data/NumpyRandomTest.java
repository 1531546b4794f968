package org.twingrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** NumpyRandom against numbers NumPy's legacy RandomState printed; equality is exact (bit for bit). */
class NumpyRandomTest {

    /** Compares bit patterns, so -0.0 vs 0.0 or a last-bit difference fails. */
    static void assertBitsEqual(double[] expected, double[] actual, String what) {
        assertBitsEqual(expected, actual, new long[0], 0, what);
    }

    /**
     * Bit-for-bit equality, except at {@code libmInexact} (shifted by {@code offset}): the normals whose pair went
     * through a glibc log(r2) that is not correctly rounded, as the reference generator found by comparing glibc with
     * an exact decimal logarithm. There NumPy and twingrad may differ, by no more than 2 ulp.
     */
    static void assertBitsEqual(double[] expected, double[] actual, long[] libmInexact, int offset, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        java.util.Set<Long> skip = new java.util.HashSet<>();
        for (long i : libmInexact) {
            skip.add(i - offset);
        }
        for (int i = 0; i < expected.length; i++) {
            if (skip.contains((long) i)) {
                assertEquals(expected[i], actual[i], 2 * Math.ulp(expected[i]), what + "[" + i + "] (glibc log inexact)");
            } else if (Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(actual[i])) {
                throw new AssertionError(what + "[" + i + "]: NumPy gives " + expected[i] + ", NumpyRandom gives " + actual[i]);
            }
        }
    }

    @Test
    void logIsCorrectlyRoundedWhereMathLogIsNot() {
        // Expected values are Python's float(Decimal(x).ln()) at 40 digits: the exact logarithm, rounded once.
        // HotSpot's Math.log gives -0.05538237777992136 and -0.034537917097530846 for the first two.
        assertEquals(-0.05538237777992135, NumpyRandom.log(0.9461233022491683));
        assertEquals(-0.03453791709753085, NumpyRandom.log(0.9660517091151591));
        assertEquals(-0.6931471805599453, NumpyRandom.log(0.5));
        assertEquals(0.0, NumpyRandom.log(1.0));
        assertEquals(-2.3025850929940455, NumpyRandom.log(0.1));
        assertEquals(-708.3964185322641, NumpyRandom.log(Double.MIN_NORMAL));
    }

    @Test
    void seed0RandnStartsWithTheValuesNumpyPrints() {
        NumpyRandom rng = new NumpyRandom(0);
        assertEquals(1.764052345967664, rng.randn());
        assertEquals(0.4001572083672233, rng.randn());
        assertEquals(0.9787379841057392, rng.randn());
    }

    @Test
    void seed0RandomSampleStartsWithTheValueNumpyPrints() {
        assertEquals(0.5488135039273248, new NumpyRandom(0).randomSample());
    }

    @Test
    void seed0TwoThousandNormalsMatchNumpy() {
        assertBitsEqual(NumpyReference.doubles("seed0.randn"), new NumpyRandom(0).randn(2000),
                NumpyReference.longs("seed0.randn.libm_inexact"), 0, "seed 0 randn");
    }

    @Test
    void seed0ThousandUniformsMatchNumpy() {
        assertBitsEqual(NumpyReference.doubles("seed0.random_sample"), new NumpyRandom(0).randomSample(1000), "seed 0 random_sample");
    }

    @Test
    void otherSeedsMatchNumpy() {
        assertBitsEqual(NumpyReference.doubles("seed1.randn_5x4"), new NumpyRandom(1).randn(20),
                NumpyReference.longs("seed1.randn_5x4.libm_inexact"), 0, "seed 1 randn(5, 4)");
        assertBitsEqual(NumpyReference.doubles("seed123456789.randn"), new NumpyRandom(123456789).randn(501),
                NumpyReference.longs("seed123456789.randn.libm_inexact"), 0, "seed 123456789");
        assertBitsEqual(NumpyReference.doubles("seedmax.random_sample"), new NumpyRandom(4294967295L).randomSample(100), "seed 2^32-1");
    }

    @Test
    void uniformNormalAndInterleavedDrawsMatchNumpy() {
        assertBitsEqual(NumpyReference.doubles("seed7.uniform_-1_1"), new NumpyRandom(7).uniform(-1, 1, 500), "uniform(-1, 1)");
        assertBitsEqual(NumpyReference.doubles("seed5.normal_3_2"), new NumpyRandom(5).normal(3, 2, 300),
                NumpyReference.longs("seed5.normal_3_2.libm_inexact"), 0, "normal(3, 2)");
        NumpyRandom rng = new NumpyRandom(11);
        // The cached second normal survives a random_sample() in between, as in NumPy.
        double[] mixed = {rng.randn(), rng.randomSample(), rng.randn(), rng.randn(), rng.randomSample()};
        assertBitsEqual(NumpyReference.doubles("seed11.mixed_randn_sample_randn_randn_sample"), mixed, "mixed");
    }

    @Test
    void randintMatchesNumpy() {
        assertArrayEquals(NumpyReference.longs("seed7.randint_0_10"), new NumpyRandom(7).randint(0, 10, 500));
        assertArrayEquals(NumpyReference.longs("seed7.randint_-5_1000"), new NumpyRandom(7).randint(-5, 1000, 500));
    }

    @Test
    void permutationAndShuffleMatchNumpy() {
        long[] expected = NumpyReference.longs("seed3.permutation_100");
        assertArrayEquals(expected, Arrays.stream(new NumpyRandom(3).permutation(100)).asLongStream().toArray());
        int[] a = new int[37];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        new NumpyRandom(3).shuffle(a);
        assertArrayEquals(NumpyReference.longs("seed3.shuffle_37"), Arrays.stream(a).asLongStream().toArray());
    }

    @Test
    void seedsOutsideNumpysRangeAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new NumpyRandom(-1));
        assertThrows(IllegalArgumentException.class, () -> new NumpyRandom(1L << 32));
    }
}
