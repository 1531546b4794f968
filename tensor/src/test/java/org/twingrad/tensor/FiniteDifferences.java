package org.twingrad.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Function;

/** Checks a tensor function's gradient against central differences (f(x+h) − f(x−h))/2h, element by element. */
final class FiniteDifferences {
    private FiniteDifferences() {}

    /** f maps leaf tensors (made from {@code inputs}) to a one-element loss. */
    static void check(String what, Function<Tensor[], Tensor> f, double[][] inputs, int[][] shapes) {
        Tensor[] leaves = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            leaves[i] = Tensor.of(inputs[i], shapes[i]);
        }
        f.apply(leaves).backward();
        double h = 1e-6;
        for (int i = 0; i < inputs.length; i++) {
            double[] analytic = leaves[i].grads();
            for (int e = 0; e < inputs[i].length; e++) {
                double up = eval(f, inputs, shapes, i, e, h);
                double down = eval(f, inputs, shapes, i, e, -h);
                double numeric = (up - down) / (2 * h);
                assertEquals(numeric, analytic[e], 1e-6 * Math.max(1, Math.abs(numeric)),
                        what + ": ∂/∂input" + i + "[" + e + "]");
            }
        }
    }

    private static double eval(Function<Tensor[], Tensor> f, double[][] inputs, int[][] shapes, int which, int element, double h) {
        Tensor[] leaves = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            double[] v = inputs[i].clone();
            if (i == which) {
                v[element] += h;
            }
            leaves[i] = Tensor.of(v, shapes[i]);
        }
        return f.apply(leaves).item();
    }

    static double[] random(java.util.Random r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }
}
