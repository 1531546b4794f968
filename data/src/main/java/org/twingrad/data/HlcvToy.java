package org.twingrad.data;

/**
 * The toy problem of the HLCV exercise 2 starter code (cs231n's {@code init_toy_model} / {@code init_toy_data}),
 * replayed with {@link NumpyRandom}:
 * <pre>
 * np.random.seed(0); W1 = 1e-1 * np.random.randn(4, 10); b1 = 0; W2 = 1e-1 * np.random.randn(10, 3); b2 = 0
 * np.random.seed(1); X = 10 * np.random.randn(5, 4); y = [0, 1, 2, 2, 1]
 * </pre>
 */
public final class HlcvToy {
    /** Inputs per row. */
    public static final int INPUTS = 4;
    /** Hidden units. */
    public static final int HIDDEN = 10;
    /** Classes. */
    public static final int CLASSES = 3;
    /** Rows. */
    public static final int ROWS = 5;

    private HlcvToy() {}

    /** {W1 [4×10], b1 [10], W2 [10×3], b2 [3]}, row-major, as {@code init_toy_model} draws them. */
    public static double[][] model() {
        NumpyRandom rng = new NumpyRandom(0);
        return new double[][] {WeightInit.normal(0.1).sample(INPUTS, HIDDEN, rng), new double[HIDDEN],
                WeightInit.normal(0.1).sample(HIDDEN, CLASSES, rng), new double[CLASSES]};
    }

    /** The toy network 4 → 10 (ReLU) → 3 with the parameters {@code p} laid out as {@link #model} gives them. */
    public static NetworkSpec network(double[][] p) {
        return new NetworkSpec(java.util.List.of(NetworkSpec.Layer.fromInputRows(p[0], p[1], "relu"),
                NetworkSpec.Layer.fromInputRows(p[2], p[3], "identity")));
    }

    /** X [5×4], as {@code init_toy_data}. */
    public static double[] inputs() {
        double[] x = new NumpyRandom(1).randn(ROWS * INPUTS);
        for (int i = 0; i < x.length; i++) {
            x[i] *= 10;
        }
        return x;
    }

    /** y. */
    public static int[] labels() {
        return new int[] {0, 1, 2, 2, 1};
    }
}
