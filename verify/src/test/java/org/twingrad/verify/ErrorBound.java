package org.twingrad.verify;

/**
 * How far apart the two engines' loss and gradients may be, from a rounding-error analysis rather than a fixed
 * relative tolerance. The engines compute the same formulas with the same floating-point operations, but sum in
 * different orders (the tensor engine's kernels block and vectorize its dot products; the scalar engine adds one term
 * at a time) and evaluate eˣ differently (the kernels' own e^x beside {@link Math#exp}). Their results are therefore
 * two roundings of the same exact value, and each is within a bound of it.
 *
 * <h2>The derivation</h2>
 *
 * Standard model (Higham, <i>Accuracy and Stability of Numerical Algorithms</i>, §2.2): every operation is exact
 * then rounded, fl(a ∘ b) = (a ∘ b)(1 + δ), |δ| ≤ u = 2⁻⁵³; library functions (exp, tanh, log) are within a couple of
 * ulps. A sum of n terms in any order is then within γₙ·Σ|tᵢ| of the exact sum, γₙ = nu/(1 − nu) ≈ nu (Higham
 * (3.5)): the error scales with the sum of the terms' magnitudes, not with the result, which is why a gradient that
 * is small by cancellation (the counterexample of issue 12: 1.2e-14 off, 1.28e-12 relative) cannot be held to a
 * relative tolerance. To first order in u, errors made along the way add up, each multiplied by how much the result
 * depends on the value it hit. Running that through the network gives, per quantity, a <i>magnitude</i> M (the same
 * computation done with absolute values and the largest slope of each step) and the number N of roundings on the
 * longest chain from the input to the result:
 *
 * <ul>
 *   <li>Forward, layer l: z = hW + b sums n_{l−1} + 1 terms, so its rounding error is at most N·u·a, with
 *       a = |h||W| + |b|; the error already in h is carried through |W| with the activation's slope (at most
 *       Lip f: ¼ for the sigmoid, 1 for tanh and ReLU, 1.7159·⅔ for the improved sigmoid). Together:
 *       A_l = a_l + Lip f · A_{l−1}|W_l| (A_0 = 0: the inputs are exact).</li>
 *   <li>The loss seed ∂L/∂z_out: for softmax cross-entropy (p − y)/R, where p = exp(z − LSE) carries a relative error
 *       of about |z| + |LSE| ulps and moves by at most 2p·max A under the logits' error; for MSE 2(out − t)/(R·k),
 *       off by |out| + |t| + A. Its magnitude s̄ is the sum of those terms.</li>
 *   <li>Backward, hidden layer l: δ_l = f'(z_l) ⊙ δ_{l+1}Wᵀ. The product sums n_{l+1} terms of magnitude
 *       |δ̄_{l+1}||W|ᵀ; f' is off by its own rounding (about one unit: 1 − σ when σ is near 1) plus the slope of f'
 *       (Lip f': 0.0962 for the sigmoid, 0.770 for tanh, 0.587 for the improved sigmoid, 0 for ReLU away from its
 *       kink) times the forward error A_l. So δ̄_l = (Lip f + Lip f'·A_l + 1) ⊙ δ̄_{l+1}|W|ᵀ.</li>
 *   <li>The parameter gradients: ∂W_l = h_{l−1}ᵀδ_l sums R rows, so M_W = (|h_{l−1}| + Lip f·A_{l−1})ᵀ δ̄_l and
 *       M_b = Σ_rows δ̄_l, plus 2λ|W| for L2.</li>
 * </ul>
 *
 * The longest chain of roundings is N = Σ_l (2n_l + 8) + R over the layer widths n_0 … n_L (each width is summed
 * over once forward and once backward; 8 covers the bias add, the activation and its derivative, exp and the loss's
 * own few operations), plus the R rows the weight gradient sums. Each engine is then within N·u·M of the exact value,
 * so the two are within 2·N·u·M of each other. That is the bound {@link #assertWithin} checks, for every parameter
 * separately: no relative tolerance, no magic absolute floor. It grows with depth and width through N and through M
 * (which multiplies the |W| of every layer on the way).
 *
 * <p>The bound is first order (products of two error terms, of order u², are dropped) and treats library functions
 * as a couple of ulps (they are: {@link Math#exp} and {@link Math#tanh} are within 1 and 2.5 ulps, the kernels' exp
 * within 1); ReLU is taken as smooth, which holds unless a pre-activation lies within N·u·A of 0, for which the
 * generator's full-precision doubles give a probability far below one in 10⁵ cases.
 */
final class ErrorBound {
    /** Unit roundoff of IEEE-754 double precision. */
    static final double U = 0x1p-53;

    private ErrorBound() {}

    /** The bound's magnitudes for one case: {@code loss} for the loss, {@code grads} per parameter (canonical order). */
    record Magnitudes(int chain, double loss, double[] grads) {
        /** 2·N·u·M: how far apart two results each within N·u·M of the exact value can be. */
        double lossTolerance() {
            return 2 * chain * U * loss;
        }

        double gradTolerance(int i) {
            return 2 * chain * U * grads[i];
        }
    }

    /** Fails unless loss and every gradient of the two engines are within the bound. */
    static void assertWithin(NetCase c, double scalarLoss, double tensorLoss, double[] scalarGrads, double[] tensorGrads) {
        Magnitudes m = of(c);
        check("loss", scalarLoss, tensorLoss, m.lossTolerance(), m);
        if (scalarGrads.length != tensorGrads.length) {
            throw new AssertionError("gradient: " + scalarGrads.length + " values vs " + tensorGrads.length);
        }
        for (int i = 0; i < scalarGrads.length; i++) {
            check("gradient (layer by layer: W [out, in], then b)[" + i + "]", scalarGrads[i], tensorGrads[i],
                    m.gradTolerance(i), m);
        }
    }

    private static void check(String what, double a, double b, double tolerance, Magnitudes m) {
        double diff = Math.abs(a - b);
        if (!(diff <= tolerance)) {
            throw new AssertionError(String.format("%s: %.17g vs %.17g differ by %.3g, more than the bound 2·N·u·M = %.3g"
                    + " (N = %d roundings, %.1f units of N·u·M)", what, a, b, diff, tolerance, m.chain(),
                    diff / (tolerance / 2)));
        }
    }

    /** The largest |difference| / (N·u·M) over loss and gradients: how much of the bound a case uses (for tuning runs). */
    static double used(NetCase c, double scalarLoss, double tensorLoss, double[] scalarGrads, double[] tensorGrads) {
        Magnitudes m = of(c);
        double worst = Math.abs(scalarLoss - tensorLoss) / (m.lossTolerance() / 2);
        for (int i = 0; i < scalarGrads.length; i++) {
            worst = Math.max(worst, Math.abs(scalarGrads[i] - tensorGrads[i]) / (m.gradTolerance(i) / 2));
        }
        return worst;
    }

    /** The magnitudes M and the chain length N of a case, computed as the class comment derives them. */
    static Magnitudes of(NetCase c) {
        int[] n = c.widths();
        int layers = n.length - 1;
        int rows = c.rows();
        double lip = lipschitz(c.activation());
        double lip2 = lipschitzOfSlope(c.activation());
        int chain = rows;
        for (int width : n) {
            chain += 2 * width + 8;
        }
        // Forward: activations h (exact values, from plain arithmetic) and forward error magnitudes A, per row.
        double[][] h = new double[layers + 1][];
        double[][] big = new double[layers + 1][];      // A_l of z_l (index l), for l ≥ 1
        h[0] = c.x();
        big[0] = new double[rows * n[0]];
        double[][] z = new double[layers + 1][];
        for (int l = 1; l <= layers; l++) {
            double[] w = c.weights()[l - 1];
            double[] b = c.biases()[l - 1];
            int in = n[l - 1];
            int out = n[l];
            z[l] = new double[rows * out];
            big[l] = new double[rows * out];
            double carried = l == 1 ? 0 : lip;
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < out; j++) {
                    double s = b[j];
                    double a = Math.abs(b[j]);
                    for (int i = 0; i < in; i++) {
                        s += h[l - 1][r * in + i] * w[i * out + j];
                        a += Math.abs(h[l - 1][r * in + i] * w[i * out + j]) + carried * big[l - 1][r * in + i] * Math.abs(w[i * out + j]);
                    }
                    z[l][r * out + j] = s;
                    big[l][r * out + j] = a;
                }
            }
            h[l] = l == layers ? z[l] : activate(c.activation(), z[l]);
        }
        int k = n[layers];
        double[] seed = new double[rows * k];
        double lossMagnitude = 0;
        for (int r = 0; r < rows; r++) {
            double maxA = 0;
            double maxZ = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < k; i++) {
                maxA = Math.max(maxA, big[layers][r * k + i]);
                maxZ = Math.max(maxZ, z[layers][r * k + i]);
            }
            if (c.mse()) {
                for (int i = 0; i < k; i++) {
                    double o = Math.abs(z[layers][r * k + i]);
                    double t = Math.abs(c.targets()[r * k + i]);
                    double a = big[layers][r * k + i];
                    seed[r * k + i] = 2 * (o + t + a) / (rows * k);
                    lossMagnitude += ((o + t) * (o + t) + 2 * (o + t) * a) / (rows * k);
                }
            } else {
                double sum = 0;
                for (int i = 0; i < k; i++) {
                    sum += Math.exp(z[layers][r * k + i] - maxZ);
                }
                double lse = maxZ + Math.log(sum);
                for (int i = 0; i < k; i++) {
                    double zi = z[layers][r * k + i];
                    double p = Math.exp(zi - lse);
                    double y = i == c.labels()[r] ? 1 : 0;
                    seed[r * k + i] = (p * (1 + Math.abs(zi) + Math.abs(lse) + 2 * maxA) + y) / rows;
                }
                lossMagnitude += (Math.abs(lse) + Math.abs(z[layers][r * k + c.labels()[r]]) + 2 * maxA + Math.log(k)) / rows;
            }
        }
        // Backward: δ̄ per layer, then the parameter magnitudes in canonical order (W [out, in] row-major, then b).
        double[][] grads = new double[layers][];
        double[][] biasGrads = new double[layers][];
        double[] delta = seed;
        for (int l = layers; l >= 1; l--) {
            int in = n[l - 1];
            int out = n[l];
            double[] w = c.weights()[l - 1];
            double[] gw = new double[in * out];
            double[] gb = new double[out];
            double carried = l == 1 ? 0 : lip;
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < out; j++) {
                    double d = delta[r * out + j];
                    gb[j] += d;
                    for (int i = 0; i < in; i++) {
                        gw[j * in + i] += (Math.abs(h[l - 1][r * in + i]) + carried * big[l - 1][r * in + i]) * d;
                    }
                }
            }
            if (c.lambda() > 0) {
                for (int i = 0; i < in; i++) {
                    for (int j = 0; j < out; j++) {
                        gw[j * in + i] += 2 * c.lambda() * Math.abs(w[i * out + j]);   // the case's W is [in, out]
                    }
                }
                lossMagnitude += c.lambda() * sumOfSquares(w);
            }
            grads[l - 1] = gw;
            biasGrads[l - 1] = gb;
            if (l > 1) {
                double[] next = new double[rows * in];
                for (int r = 0; r < rows; r++) {
                    for (int i = 0; i < in; i++) {
                        double s = 0;
                        for (int j = 0; j < out; j++) {
                            s += delta[r * out + j] * Math.abs(w[i * out + j]);
                        }
                        next[r * in + i] = (lip + lip2 * big[l - 1][r * in + i] + 1) * s;
                    }
                }
                delta = next;
            }
        }
        double[] all = new double[c.parameterCount()];
        int at = 0;
        for (int l = 0; l < layers; l++) {
            System.arraycopy(grads[l], 0, all, at, grads[l].length);
            at += grads[l].length;
            System.arraycopy(biasGrads[l], 0, all, at, biasGrads[l].length);
            at += biasGrads[l].length;
        }
        return new Magnitudes(chain, lossMagnitude, all);
    }

    private static double sumOfSquares(double[] w) {
        double s = 0;
        for (double v : w) {
            s += v * v;
        }
        return s;
    }

    private static double[] activate(String f, double[] z) {
        double[] y = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            switch (f) {
                case "sigmoid": y[i] = 1 / (1 + Math.exp(-z[i])); break;
                case "relu": y[i] = Math.max(0, z[i]); break;
                case "tanh": y[i] = Math.tanh(z[i]); break;
                case "improved-sigmoid": y[i] = 1.7159 * Math.tanh(z[i] * 2 / 3); break;
                default: y[i] = z[i];
            }
        }
        return y;
    }

    /** The largest slope of f: how much an error in z can grow in f(z). */
    static double lipschitz(String f) {
        switch (f) {
            case "sigmoid": return 0.25;
            case "improved-sigmoid": return 1.7159 * 2 / 3;
            default: return 1;        // relu, tanh, identity
        }
    }

    /** The largest slope of f' (|f''|): how much an error in z moves the derivative backward uses. */
    static double lipschitzOfSlope(String f) {
        switch (f) {
            case "sigmoid": return 0.0963;                                   // 1/(6√3)
            case "tanh": return 0.7699;                                      // 4/(3√3)
            case "improved-sigmoid": return 1.7159 * 4 / 9 * 0.7699;
            default: return 0;        // relu (away from its kink), identity
        }
    }
}
