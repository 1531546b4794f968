package org.twingrad.tensor.optim;

import java.util.List;
import org.twingrad.tensor.Tensor;

/** The L2 penalty λ·Σ‖W‖² over weight matrices only, never biases; add it to the loss. */
public final class L2 {
    private L2() {}

    /** λ·Σ over the given weights of Σ w², as a one-element tensor in the graph. */
    public static Tensor penalty(List<Tensor> weights, double lambda) {
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("L2 penalty over no weights");
        }
        Tensor total = weights.get(0).sumOfSquares();
        for (int i = 1; i < weights.size(); i++) {
            total = total.add(weights.get(i).sumOfSquares());
        }
        return total.mul(lambda);
    }
}
