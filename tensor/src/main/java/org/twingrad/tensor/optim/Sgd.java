package org.twingrad.tensor.optim;

import java.util.ArrayList;
import java.util.List;
import org.twingrad.tensor.Tensor;

/**
 * Stochastic gradient descent θ ← θ − α·g, optionally with momentum in the frameworks' convention
 * (TDT4265 A2 eq. 17): Δθ(t) = ∂C/∂θ + γ·Δθ(t−1), θ ← θ − α·Δθ(t), Δθ(0) = 0.
 *
 * <pre>{@code
 * Sgd sgd = new Sgd(net.parameters(), 0.02, 0.9);
 * sgd.zeroGrad(); loss.backward(); sgd.step();
 * }</pre>
 */
public final class Sgd {
    private final List<Tensor> params;
    private final double lr;
    private final double momentum;
    private final List<double[]> velocity = new ArrayList<>();
    private final List<double[]> previous = new ArrayList<>();
    private boolean stepped;

    /** Plain SGD. */
    public Sgd(List<Tensor> params, double learningRate) {
        this(params, learningRate, 0.0);
    }

    /** SGD with momentum γ ∈ [0, 1). */
    public Sgd(List<Tensor> params, double learningRate, double momentum) {
        if (!(learningRate > 0) || !(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("SGD needs learning rate > 0 and momentum in [0, 1), got " + learningRate
                    + " and " + momentum);
        }
        this.params = List.copyOf(params);
        this.lr = learningRate;
        this.momentum = momentum;
        for (Tensor p : params) {
            velocity.add(momentum == 0 ? null : new double[p.size()]);
            previous.add(new double[p.size()]);
        }
    }

    /** One update of every parameter from its gradient; the weights before it are kept for {@link #undoLastStep()}. */
    public void step() {
        stepped = true;
        for (int t = 0; t < params.size(); t++) {
            double[] w = params.get(t).data();
            double[] g = params.get(t).grad();
            double[] before = previous.get(t);
            if (momentum == 0) {
                for (int i = 0; i < w.length; i++) {
                    before[i] = w[i];
                    w[i] -= lr * g[i];            // θ ← θ − α·g (what Δθ(t) = g makes of the update below)
                }
                continue;
            }
            double[] v = velocity.get(t);
            for (int i = 0; i < w.length; i++) {
                before[i] = w[i];
                v[i] = g[i] + momentum * v[i];
                w[i] -= lr * v[i];
            }
        }
    }

    /**
     * Puts every parameter back to its value before the last {@link #step()}, bit for bit (the copy is made during
     * the step, in the same pass over the weights). Does nothing before the first step.
     */
    public void undoLastStep() {
        if (!stepped) {
            return;
        }
        for (int t = 0; t < params.size(); t++) {
            System.arraycopy(previous.get(t), 0, params.get(t).data(), 0, previous.get(t).length);
        }
        stepped = false;
    }

    /** Sets every parameter's gradient to 0. */
    public void zeroGrad() {
        for (Tensor p : params) {
            p.zeroGrad();
        }
    }

    /** α. */
    public double learningRate() {
        return lr;
    }
}
