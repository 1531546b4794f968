package org.twingrad.scalar.nn;

import java.util.List;
import org.twingrad.scalar.Value;

/** The L2 penalty λ·Σ w² over weights, never biases: add it to the loss ({@code loss.add(L2.penalty(net, λ))}). */
public final class L2 {
    private L2() {}

    /** λ·Σ w² over {@code net.weights()}. */
    public static Value penalty(MLP net, double lambda) {
        return penalty(net.weights(), lambda);
    }

    /** λ·Σ w² over the given weights. */
    public static Value penalty(List<Value> weights, double lambda) {
        return Value.sum(weights.stream().map(w -> w.mul(w)).toList()).mul(lambda);
    }
}
