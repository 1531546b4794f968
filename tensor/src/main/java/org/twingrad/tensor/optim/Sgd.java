package org.twingrad.tensor.optim;

import java.util.ArrayList;
import java.util.List;
import org.twingrad.tensor.Kernels;
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
    private double lr;
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

    /** Changes the rate of the steps that follow (a per-epoch schedule); the momentum buffers are kept. */
    public void setLearningRate(double learningRate) {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("SGD needs learning rate > 0, got " + learningRate);
        }
        this.lr = learningRate;
    }

    /**
     * One update of every parameter from its gradient; the weights before it are kept for {@link #undoLastStep()}.
     * Each element's update is independent of the others, so large tensors are updated in ranges on all threads
     * ({@link Kernels#forRanges}), with the same result as one thread.
     */
    public void step() {
        stepped = true;
        for (int t = 0; t < params.size(); t++) {
            double[] w = params.get(t).data();
            double[] g = params.get(t).grad();
            double[] before = previous.get(t);
            double[] v = velocity.get(t);
            Kernels.forRanges(w.length, (from, to) -> {
                if (v == null) {
                    for (int i = from; i < to; i++) {
                        before[i] = w[i];
                        w[i] -= lr * g[i];            // θ ← θ − α·g (what Δθ(t) = g makes of the update below)
                    }
                    return;
                }
                for (int i = from; i < to; i++) {
                    before[i] = w[i];
                    v[i] = g[i] + momentum * v[i];    // Δθ(t) = ∂C/∂θ + γ·Δθ(t−1)
                    w[i] -= lr * v[i];                // θ ← θ − α·Δθ(t)
                }
            });
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

    /**
     * The optimizer's state besides the weights, copied: what a checkpoint must hold for a resumed run to continue
     * bit for bit as if it had never stopped.
     *
     * @param velocity       per parameter Δθ(t−1), or null without momentum
     * @param beforeLastStep per parameter the weights before the last step (for {@link #undoLastStep()})
     * @param stepped        whether there is a last step to undo
     */
    public record State(List<double[]> velocity, List<double[]> beforeLastStep, boolean stepped) {
    }

    /** A copy of the state, for a checkpoint. */
    public State state() {
        List<double[]> v = new ArrayList<>();
        List<double[]> b = new ArrayList<>();
        for (int t = 0; t < params.size(); t++) {
            v.add(velocity.get(t) == null ? null : velocity.get(t).clone());
            b.add(previous.get(t).clone());
        }
        return new State(v, b, stepped);
    }

    /**
     * Puts back a state from {@link #state()} of an optimizer of the same parameters and momentum.
     *
     * @throws IllegalArgumentException if the state does not fit these parameters
     */
    public void restore(State s) {
        if (s.velocity().size() != params.size() || s.beforeLastStep().size() != params.size()) {
            throw new IllegalArgumentException("optimizer state for " + s.velocity().size() + " parameters, this one has "
                    + params.size());
        }
        for (int t = 0; t < params.size(); t++) {
            double[] v = s.velocity().get(t);
            if ((v == null) != (velocity.get(t) == null) || s.beforeLastStep().get(t).length != previous.get(t).length
                    || (v != null && v.length != velocity.get(t).length)) {
                throw new IllegalArgumentException("optimizer state of parameter " + t + " does not fit it (momentum "
                        + (v != null) + " vs " + (velocity.get(t) != null) + ")");
            }
            if (v != null) {
                System.arraycopy(v, 0, velocity.get(t), 0, v.length);
            }
            System.arraycopy(s.beforeLastStep().get(t), 0, previous.get(t), 0, previous.get(t).length);
        }
        stepped = s.stepped();
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
