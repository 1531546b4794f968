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
    /** The exercise's regularization strength: the loss is the mean cross-entropy + REG·(ΣW1² + ΣW2²). */
    public static final double REG = 0.05;

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
        return WeightInit.normal(10).sample(ROWS, INPUTS, new NumpyRandom(1));     // 10 * np.random.randn(5, 4)
    }

    /** y. */
    public static int[] labels() {
        return new int[] {0, 1, 2, 2, 1};
    }

    /** A loss of the toy model's parameters {W1, b1, W2, b2}, in some engine; fills {@code grads} with its gradient when given. */
    public interface Loss {
        double of(double[][] params, double[][] grads);
    }

    /**
     * The exercise's gradient check, for each parameter array of {@link #model()}: max over its elements of
     * |a − n| / max(1e-8, |a| + |n|), a the analytic gradient and n the central difference (f(p + h) − f(p − h)) / 2h at
     * h = 1e-5. The exercise asks for less than 1e-8.
     */
    public static double[] maxRelativeErrors(Loss f) {
        double[][] p = model();
        double[][] g = new double[p.length][];
        f.of(p, g);
        double[] worst = new double[p.length];
        double h = 1e-5;
        for (int t = 0; t < p.length; t++) {
            for (int e = 0; e < p[t].length; e++) {
                double keep = p[t][e];
                p[t][e] = keep + h;
                double up = f.of(p, null);
                p[t][e] = keep - h;
                double down = f.of(p, null);
                p[t][e] = keep;
                double n = (up - down) / (2 * h);
                worst[t] = Math.max(worst[t], Math.abs(g[t][e] - n) / Math.max(1e-8, Math.abs(g[t][e]) + Math.abs(n)));
            }
        }
        return worst;
    }
}
