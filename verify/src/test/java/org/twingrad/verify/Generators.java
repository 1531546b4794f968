package org.twingrad.verify;

import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Reusable generator builders. A new property starts from {@link #networks()} and narrows it:
 *
 * <pre>{@code
 * Gen<NetCase> reluNets = Generators.networks().activations("relu").crossEntropy().build();
 * }</pre>
 *
 * The architecture is drawn first and everything else from it (flatMap), so QuickTheories' shrinking, which lowers
 * the underlying random draws, shrinks toward one hidden layer of width 1, one input, two classes, one row. Doubles
 * are drawn at full precision, so inputs do not land on ReLU's kink by construction.
 */
final class Generators {
    static final List<String> ACTIVATIONS = List.of("sigmoid", "relu", "tanh", "identity", "improved-sigmoid");

    private Generators() {}

    /** The default: every architecture, activation and loss the issue lists. */
    static NetworkBuilder networks() {
        return new NetworkBuilder();
    }

    /**
     * A double in [lo, hi] at full precision. A range around 0 is drawn as a magnitude and a sign, because
     * QuickTheories shrinks a double toward the lower end of its range: this way shrinking goes toward 0, not toward
     * −bound.
     */
    static Gen<Double> value(double lo, double hi) {
        if (lo < 0 && hi > 0) {
            return doubles().between(0, Math.max(-lo, hi)).zip(booleans().all(), (m, negative) -> negative ? -m : m)
                    .assuming(v -> v >= lo && v <= hi);
        }
        return doubles().between(lo, hi);
    }

    static Gen<double[]> vector(int n, double lo, double hi) {
        return lists().of(value(lo, hi)).ofSize(n).map(l -> l.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static Gen<int[]> ints(int n, int lo, int hi) {
        return lists().of(integers().between(lo, hi)).ofSize(n).map(l -> l.stream().mapToInt(Integer::intValue).toArray());
    }

    /** λ ∈ {0} ∪ (0, 0.1]. */
    static Gen<Double> lambdas() {
        return Generate.oneOf(Generate.constant(0.0), value(1e-6, 0.1));
    }

    /** Builds a {@code Gen<NetCase>}; each method narrows one choice. */
    static final class NetworkBuilder {
        private int maxInputs = 6;
        private int maxLayers = 3;
        private int maxWidth = 8;
        private int maxClasses = 5;
        private int maxRows = 5;
        private List<String> activations = ACTIVATIONS;
        private List<Boolean> losses = List.of(false, true);
        private Gen<Double> lambdas = lambdas();
        private double weightBound = 1.5;
        private double inputBound = 2.0;

        NetworkBuilder activations(String... names) {
            activations = List.of(names);
            return this;
        }

        NetworkBuilder crossEntropy() {
            losses = List.of(false);
            return this;
        }

        NetworkBuilder noL2() {
            lambdas = Generate.constant(0.0);
            return this;
        }

        /** Weights and biases in [−w, w], inputs in [−x, x]. */
        NetworkBuilder bounds(double w, double x) {
            weightBound = w;
            inputBound = x;
            return this;
        }

        NetworkBuilder maxRows(int n) {
            maxRows = n;
            return this;
        }

        NetworkBuilder minRows(int n) {
            minRows = n;
            return this;
        }

        private int minRows = 1;

        Gen<NetCase> build() {
            Gen<int[]> hidden = integers().between(1, maxLayers).flatMap(n -> ints(n, 1, maxWidth));
            Gen<Object[]> arch = integers().between(1, maxInputs).zip(hidden, integers().between(2, maxClasses),
                    Generate.pick(activations), (in, h, c, f) -> new Object[] {in, h, c, f});
            Gen<Object[]> more = arch.zip(Generate.pick(losses), lambdas, integers().between(minRows, maxRows),
                    (a, mse, lambda, rows) -> new Object[] {a[0], a[1], a[2], a[3], mse, lambda, rows});
            return more.flatMap(this::fill);
        }

        /** Draws the weights, biases, batch and targets for a fixed architecture. */
        private Gen<NetCase> fill(Object[] a) {
            int inputs = (Integer) a[0];
            int[] hidden = (int[]) a[1];
            int classes = (Integer) a[2];
            String activation = (String) a[3];
            boolean mse = (Boolean) a[4];
            double lambda = (Double) a[5];
            int rows = (Integer) a[6];
            int[] widths = new int[hidden.length + 2];
            widths[0] = inputs;
            System.arraycopy(hidden, 0, widths, 1, hidden.length);
            widths[widths.length - 1] = classes;
            int layers = widths.length - 1;
            int total = 0;
            for (int l = 0; l < layers; l++) {
                total += widths[l] * widths[l + 1] + widths[l + 1];
            }
            int params = total;
            return vector(params, -weightBound, weightBound).zip(vector(rows * inputs, -inputBound, inputBound),
                    ints(rows, 0, classes - 1), vector(rows * classes, -1, 1), (p, x, labels, targets) -> {
                        double[][] w = new double[layers][];
                        double[][] b = new double[layers][];
                        int at = 0;
                        for (int l = 0; l < layers; l++) {
                            w[l] = java.util.Arrays.copyOfRange(p, at, at + widths[l] * widths[l + 1]);
                            at += w[l].length;
                            b[l] = java.util.Arrays.copyOfRange(p, at, at + widths[l + 1]);
                            at += b[l].length;
                        }
                        return new NetCase(inputs, hidden, classes, activation, mse, lambda, w, b, rows, x, labels, targets);
                    });
        }
    }
}
