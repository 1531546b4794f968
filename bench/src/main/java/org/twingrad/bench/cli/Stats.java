package org.twingrad.bench.cli;

import java.util.Arrays;

/** The statistics the experiments report: a mean over a range, means of blocks of steps, mean ± std over runs. */
final class Stats {
    private Stats() {}

    /** The mean of {@code v[from, to)}; 0 for an empty range. */
    static double mean(double[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += v[i];
        }
        return s / Math.max(1, to - from);
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
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i + 1) * step;
        }
        return x;
    }

    /** {mean, sample std (n − 1)} of {@code v}; the std of one value is 0. */
    static double[] meanStd(double... v) {
        double mean = mean(v, 0, v.length);
        double q = 0;
        for (double x : v) {
            q += (x - mean) * (x - mean);
        }
        return new double[] {mean, v.length > 1 ? Math.sqrt(q / (v.length - 1)) : 0};
    }

    /** {mean, std} at each index over the runs (rows of equal length). */
    static double[][] meanStd(double[][] runs) {
        double[][] out = new double[2][runs[0].length];
        for (int i = 0; i < out[0].length; i++) {
            int at = i;
            double[] m = meanStd(Arrays.stream(runs).mapToDouble(r -> r[at]).toArray());
            out[0][i] = m[0];
            out[1][i] = m[1];
        }
        return out;
    }
}
