package org.twingrad.data;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Minibatches as lists of row indices. {@link #sequential} is CMU 10-701's deterministic batch gradient descent
 * (rows in file order); {@link #shuffled} draws a fresh permutation from a {@link NumpyRandom} each epoch.
 * A last batch smaller than {@code batchSize} is kept, so every row is seen once per epoch.
 */
public final class Batches {
    private Batches() {}

    /** Rows 0 … n−1 in order, cut into batches of {@code batchSize}. */
    public static List<int[]> sequential(int n, int batchSize) {
        return cut(IntStream.range(0, n).toArray(), batchSize);
    }

    /** Rows in the order of {@code rng.permutation(n)}, cut into batches of {@code batchSize}. */
    public static List<int[]> shuffled(int n, int batchSize, NumpyRandom rng) {
        return cut(rng.permutation(n), batchSize);
    }

    private static List<int[]> cut(int[] order, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < order.length; start += batchSize) {
            int end = Math.min(order.length, start + batchSize);
            int[] batch = new int[end - start];
            System.arraycopy(order, start, batch, 0, batch.length);
            batches.add(batch);
        }
        return batches;
    }
}
