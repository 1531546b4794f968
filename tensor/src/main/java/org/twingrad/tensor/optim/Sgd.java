package org.twingrad.tensor.optim;

import java.util.List;
import org.twingrad.data.SgdRates;
import org.twingrad.tensor.Tensor;

/**
 * Stochastic gradient descent θ ← θ − α·g, optionally with momentum in the frameworks' convention
 * (TDT4265 A2 eq. 17): Δθ(t) = ∂C/∂θ + γ·Δθ(t−1), θ ← θ − α·Δθ(t), Δθ(0) = 0: the scalar engine's {@code Sgd},
 * element by element.
 *
 * <pre>{@code
 * Sgd sgd = new Sgd(net.parameters(), 0.02, 0.9);
 * sgd.zeroGrad(); loss.backward(); sgd.step();
 * }</pre>
 */
public final class Sgd {
    private final List<Tensor> params;
    private SgdRates rates;
    /** Δθ(t−1) per parameter; null entries without momentum. */
    private final List<double[]> velocity;

    /** Plain SGD. */
    public Sgd(List<Tensor> params, double learningRate) {
        this(params, learningRate, 0.0);
    }

    /** SGD with momentum γ ∈ [0, 1). */
    public Sgd(List<Tensor> params, double learningRate, double momentum) {
        this.rates = new SgdRates(learningRate, momentum);
        this.params = List.copyOf(params);
        this.velocity = params.stream().map(p -> momentum == 0 ? null : new double[p.size()]).toList();
    }

    /** One update of every parameter from its gradient. */
    public void step() {
        double lr = rates.learningRate();
        double momentum = rates.momentum();
        for (int t = 0; t < params.size(); t++) {
            double[] w = params.get(t).data();
            double[] g = params.get(t).grad();
            double[] v = velocity.get(t);
            if (v == null) {
                for (int i = 0; i < w.length; i++) {
                    w[i] -= lr * g[i];                // θ ← θ − α·g (what Δθ(t) = g makes of the update below)
                }
                continue;
            }
            for (int i = 0; i < w.length; i++) {
                v[i] = g[i] + momentum * v[i];        // Δθ(t) = ∂C/∂θ + γ·Δθ(t−1)
                w[i] -= lr * v[i];                    // θ ← θ − α·Δθ(t)
            }
        }
    }

    /** One {@link #step()} at a new rate, which the steps that follow keep (a per-epoch schedule). */
    public void step(double learningRate) {
        rates = rates.withLearningRate(learningRate);
        step();
    }

    /** Δθ(t−1) of every parameter (null entries without momentum): with the weights, what a checkpoint holds. */
    public List<double[]> velocity() {
        return velocity;
    }

    /** Puts back the {@link #velocity()} of an optimizer of the same parameters and momentum. */
    public void restoreVelocity(List<double[]> saved) {
        for (int t = 0; t < params.size(); t++) {
            if (saved.size() != params.size() || (saved.get(t) == null) != (velocity.get(t) == null)) {
                throw new IllegalArgumentException("optimizer state does not fit these " + params.size()
                        + " parameters with momentum " + rates.momentum());
            }
            if (saved.get(t) != null) {
                System.arraycopy(saved.get(t), 0, velocity.get(t), 0, velocity.get(t).length);
            }
        }
    }

    /** Sets every parameter's gradient to 0. */
    public void zeroGrad() {
        params.forEach(Tensor::zeroGrad);
    }
}
