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
    void mnist10kSplitDrawsBalancedHeldOutRowsTheSameWayEveryTime() {
        Split s = Mnist.mnist10kSplit(8000);
        assertEquals(8000, s.train().rows());
        assertEquals(2000, s.test().rows());
        int[] counts = new int[10];
        for (int y : s.test().labels()) {
            counts[y]++;
        }
        for (int d = 0; d < 10; d++) {
            assertTrue(counts[d] > 140, "digit " + d + " has " + counts[d] + " held-out rows");   // ~200 each; 5 has fewest
        }
        int[] tail = new int[10];
        Dataset all = Mnist.mnist10k();
        for (int i = 9000; i < 10_000; i++) {
            tail[all.label(i)]++;
        }
        assertEquals(0, tail[5], "why the split is drawn at random: the file's last 1000 rows hold no 5s");
        assertEquals(java.util.Arrays.toString(s.test().row(7)), java.util.Arrays.toString(Mnist.mnist10kSplit(8000).test().row(7)));
        double total = 0;
        for (double v : s.train().features()) {
            total += v;
        }
        for (double v : s.test().features()) {
            total += v;
        }
        double expected = 0;
        for (double v : all.features()) {
            expected += v;
        }
        assertEquals(expected, total, 1e-6 * expected, "train and held-out rows together are all 10,000 rows");
    }

    @Test
    void mnist4000IsTheFirst4000RowsOfMnist10kSplitAt3000() {
        Split four = Mnist.mnist4000();
        Dataset all = Mnist.mnist10k();
        assertEquals(java.util.Arrays.toString(all.row(2999)), java.util.Arrays.toString(four.train().row(2999)));
        assertEquals(java.util.Arrays.toString(all.row(3000)), java.util.Arrays.toString(four.test().row(0)));
    }
}
