package org.twingrad.tensor.optim;

import java.util.List;
import org.twingrad.tensor.Tensor;

/** The L2 penalty λ·Σ‖W‖² over weight matrices only, never biases; add it to the loss. */
public final class L2 {
    private L2() {}

    /** λ·Σ over the given weights of Σ w², as a one-element tensor in the graph. */
    public static Tensor penalty(List<Tensor> weights, double lambda) {
        return weights.stream().map(Tensor::sumOfSquares).reduce(Tensor::add)      // ((Σw₁²) + Σw₂²) + …
                .orElseThrow(() -> new IllegalArgumentException("L2 penalty over no weights")).mul(lambda);
    }
}
