package org.twingrad.data;

/**
 * The synthetic two-class data of the DLVU course (assignment 1, {@code load_synth}): points x ~ N(0, I) in 2-D,
 * labelled 1 where the quadratic form q = Σ_fk x_f·quad_fk·x_k with quad = [[1, −0.05], [1, 0.4]] exceeds 0.6.
 * Drawn with {@link NumpyRandom}, so the rows are those the course's NumPy code gives for the same seed.
 *
 * <pre>{@code
 * Split data = Synth.load(60_000, 10_000, 0);   // as load_synth() in the starter code
 * }</pre>
 */
public final class Synth {
    private static final double THRESHOLD = 0.6;
    private static final double[][] QUAD = {{1, -0.05}, {1, 0.4}};

    private Synth() {}

    /** {@code load_synth(num_train, num_val, seed)}: the first {@code numTrain} rows train, the next {@code numVal} validate. */
    public static Split load(int numTrain, int numVal, long seed) {
        NumpyRandom rng = new NumpyRandom(seed);
        int n = numTrain + numVal;
        double[] x = rng.randn(n * 2);
        int[] y = new int[n];
        for (int b = 0; b < n; b++) {
            // q = einsum('bf, fk, bk -> b', x, quad, x), summed over f then k as the einsum loop does.
            double q = 0;
            for (int f = 0; f < 2; f++) {
                for (int k = 0; k < 2; k++) {
                    q += x[2 * b + f] * QUAD[f][k] * x[2 * b + k];
                }
            }
            y[b] = q > THRESHOLD ? 1 : 0;
        }
        Dataset all = Dataset.wrap("synth(seed=" + seed + ")", x, n, 2, y, 2);
        return new Split(all.slice(0, numTrain).named("synth/train"), all.slice(numTrain, n).named("synth/validation"));
    }

    /** {@code load_synth()} with its defaults: 60,000 training and 10,000 validation rows, seed 0. */
    public static Split load() {
        return load(60_000, 10_000, 0);
    }
}
