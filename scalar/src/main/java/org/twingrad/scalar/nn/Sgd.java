package org.twingrad.scalar.nn;

import java.util.List;
import org.twingrad.data.SgdRates;
import org.twingrad.scalar.Value;

/**
 * Stochastic gradient descent θ ← θ − η·g, optionally with momentum in the frameworks' convention
 * (TDT4265 A2 eq. 17): Δθ(t) = g + γ·Δθ(t−1), θ ← θ − η·Δθ(t), Δθ(0) = 0.
 *
 * <pre>{@code
 * Sgd sgd = new Sgd(net.parameters(), 0.01);
 * sgd.zeroGrad(); loss.backward(); sgd.step();
 * }</pre>
 */
public final class Sgd {
    private final List<Value> params;
    private SgdRates rates;
    /** Δθ(t−1) per parameter; null without momentum. */
    private final double[] velocity;

    /** Plain SGD. */
    public Sgd(List<Value> params, double learningRate) {
        this(params, learningRate, 0.0);
    }

    /** SGD with momentum γ. */
    public Sgd(List<Value> params, double learningRate, double momentum) {
        this.rates = new SgdRates(learningRate, momentum);
        this.params = List.copyOf(params);
        this.velocity = momentum == 0 ? null : new double[params.size()];
    }

    /** One update of every parameter from its gradient: the tensor engine's {@code Sgd.step}, a number at a time. */
    public void step() {
        for (int i = 0; i < params.size(); i++) {
            Value p = params.get(i);
            if (velocity == null) {
                p.setData(p.data() - rates.learningRate() * p.grad());          // θ ← θ − η·g (Δθ(t) = g in the update below)
            } else {
                velocity[i] = p.grad() + rates.momentum() * velocity[i];        // Δθ(t) = g + γ·Δθ(t−1)
                p.setData(p.data() - rates.learningRate() * velocity[i]);       // θ ← θ − η·Δθ(t)
            }
        }
    }

    /** One {@link #step()} at a new rate, which the steps that follow keep (a per-epoch schedule). */
    public void step(double learningRate) {
        rates = rates.withLearningRate(learningRate);
        step();
    }

    /** Δθ(t−1) of every parameter, the live array, or null without momentum. */
    public double[] velocity() {
        return velocity;
    }

    /** Sets every parameter's gradient to 0. */
    public void zeroGrad() {
        params.forEach(Value::zeroGrad);
    }
}
