package org.twingrad.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The bundled MNIST subsets load from the classpath with the shapes and order the issue describes. */
class MnistTest {

    @Test
    void mnist4000Has3000TrainAnd1000TestRowsOf784PixelsWithInterleavedLabels() {
        Split data = Mnist.mnist4000();
        assertEquals(3000, data.train().rows());
        assertEquals(1000, data.test().rows());
        assertEquals(784, data.train().cols());
        for (int i = 0; i < 3000; i++) {
            assertEquals(i % 10, data.train().label(i), "train row " + i);
        }
        for (int i = 0; i < 1000; i++) {
            assertEquals(i % 10, data.test().label(i), "test row " + i);
        }
        double max = 0;
        for (double v : data.train().features()) {
            assertTrue(v >= 0 && v <= 1);
            max = Math.max(max, v);
        }
        assertEquals(1.0, max);
    }

    @Test
    void mnist10kHoldsEveryDigitOfThePackageInterleaved() {
        Dataset all = Mnist.mnist10k();
        assertEquals(10_000, all.rows());
        int[] counts = new int[10];
        for (int y : all.labels()) {
            counts[y]++;
        }
        assertEquals(863, counts[5]);
        assertEquals(1127, counts[1]);
        // Interleaved: the first 8630 rows cycle 0..9 (every class has at least 863 samples).
        for (int i = 0; i < 8630; i++) {
            assertEquals(i % 10, all.label(i));
        }
    }

    @Test
    void mnist4000IsTheFirst4000RowsOfMnist10kSplitAt3000() {
        Split four = Mnist.mnist4000();
        Dataset all = Mnist.mnist10k();
        assertEquals(java.util.Arrays.toString(all.row(2999)), java.util.Arrays.toString(four.train().row(2999)));
        assertEquals(java.util.Arrays.toString(all.row(3000)), java.util.Arrays.toString(four.test().row(0)));
    }
}
