package org.twingrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Normalization, the bias trick, one-hot, batches and splits. */
class DatasetToolsTest {
    private static final Dataset SMALL = Dataset.of("small", new double[] {0, 2, 4, 6, 8, 10}, 3, 2, new int[] {0, 1, 2}, 3);

    @Test
    void normalizationUsesTheTrainingMeanAndStdAndAppliesThemUnchangedElsewhere() {
        Normalization n = Normalization.fit(SMALL);
        assertEquals(5.0, n.mean());
        assertEquals(Math.sqrt(70.0 / 6), n.std(), 1e-15);
        double[] z = n.apply(SMALL).features();
        assertEquals(0.0, Arrays.stream(z).sum(), 1e-12);
        assertEquals(1.0, Arrays.stream(z).map(v -> v * v).sum() / z.length, 1e-12);
        Dataset other = Dataset.of("other", new double[] {5, 5}, 1, 2, new int[] {0}, 3);
        assertArrayEquals(new double[] {0, 0}, n.apply(other).features(), "test data shifted by the training μ");
        assertEquals("μ = 5.0000, σ = 3.4157", n.toString());
    }

    @Test
    void sequentialBatchesKeepFileOrderAndAShortLastBatch() {
        List<int[]> b = Batches.sequential(7, 3);
        assertEquals(3, b.size());
        assertArrayEquals(new int[] {3, 4, 5}, b.get(1));
        assertArrayEquals(new int[] {6}, b.get(2));
    }

    @Test
    void shuffledBatchesFollowTheSeedsPermutation() {
        int[] perm = new NumpyRandom(3).permutation(10);
        List<int[]> b = Batches.shuffled(10, 4, new NumpyRandom(3));
        assertArrayEquals(Arrays.copyOfRange(perm, 0, 4), b.get(0));
        assertArrayEquals(Arrays.copyOfRange(perm, 8, 10), b.get(2));
        assertNotEquals(Arrays.toString(b.get(0)), Arrays.toString(Batches.shuffled(10, 4, new NumpyRandom(4)).get(0)));
    }

    @Test
    void splitsPartitionTheRows() {
        Split s = SMALL.splitAt(2);
        assertArrayEquals(new int[] {0, 1}, s.train().labels());
        assertArrayEquals(new int[] {2}, s.test().labels());
        Dataset ten = Dataset.of("ten", new double[10], 10, 1, new int[] {0, 1, 2, 0, 1, 2, 0, 1, 2, 0}, 3);
        Split r = ten.shuffledSplit(0.2, new NumpyRandom(0));
        assertEquals(8, r.train().rows());
        assertEquals(2, r.test().rows());
    }

    @Test
    void inconsistentSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Dataset.of("x", new double[5], 3, 2, new int[3], 2));
        assertThrows(IllegalArgumentException.class, () -> Dataset.of("x", new double[6], 3, 2, new int[] {0, 1, 5}, 2));
    }

    @Test
    void aSplitOfTwoWidthsIsRejectedNamingBothPartsAndWidths() {
        Dataset a = Dataset.of("a.csv", new double[4], 2, 2, new int[2], 2);
        Dataset b = Dataset.of("b.csv", new double[6], 2, 3, new int[2], 2);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new Split(a, b));
        org.junit.jupiter.api.Assertions.assertEquals("the training data a.csv has 2 features per row but the test data b.csv has 3:"
                + " both need the same width", e.getMessage());
    }
}
