package org.twingrad.bench.cli;

import java.util.Arrays;
import java.util.stream.IntStream;

/** The statistics the experiments report: a mean over a range, means of blocks of steps, mean ± std over runs. */
final class Stats {
    private Stats() {}

    /** The mean of {@code v[from, to)}; 0 for an empty range. */
    static double mean(double[] v, int from, int to) {
        return Arrays.stream(v, from, to).reduce(0, Double::sum) / Math.max(1, to - from);   // left to right, as a loop adds
    }

    /** The mean of each block of {@code window} values, whole blocks only (one shorter block if there is no whole one). */
    static double[] runningMean(double[] v, int window) {
        double[] out = new double[Math.max(1, v.length / window)];
        for (int i = 0; i < out.length; i++) {
            int to = Math.min(v.length, (i + 1) * window);
            out[i] = to > i * window ? mean(v, i * window, to) : Double.NaN;
        }
        return out;
    }

    /** {@code step, 2·step, …, n·step}: where the blocks of {@link #runningMean} end, for plotting them. */
    static double[] multiples(int n, double step) {
        return IntStream.rangeClosed(1, n).mapToDouble(i -> i * step).toArray();
    }

    /** {mean, sample std (n − 1)} of {@code v}; the std of one value is 0. */
    static double[] meanStd(double... v) {
        double mean = mean(v, 0, v.length);
        double q = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).reduce(0, Double::sum);
        return new double[] {mean, v.length > 1 ? Math.sqrt(q / (v.length - 1)) : 0};
    }

    /** {mean, std} at each index over the runs (rows of equal length). */
    static double[][] meanStd(double[][] runs) {
        double[][] m = IntStream.range(0, runs[0].length).mapToObj(i -> meanStd(Arrays.stream(runs).mapToDouble(r -> r[i]).toArray()))
                .toArray(double[][]::new);
        return new double[][] {Arrays.stream(m).mapToDouble(s -> s[0]).toArray(), Arrays.stream(m).mapToDouble(s -> s[1]).toArray()};
    }
}
