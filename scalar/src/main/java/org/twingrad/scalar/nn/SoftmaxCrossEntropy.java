package org.twingrad.scalar.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.twingrad.scalar.Value;

/**
 * Softmax cross-entropy from logits z and a class index t: L = −log ŷₜ with ŷ = softmax(z), computed through
 * log-sum-exp, L = m + log Σₖ e^(zₖ − m) − zₜ with m = max z, so logits of ±1000 give finite numbers.
 *
 * <p>Two forms that must agree: {@link #of} is one fused node whose local derivatives are ∂L/∂zₖ = ŷₖ − yₖ
 * (y one-hot); {@link #fromOps} builds the same formula from exp, sum, log and sub, so backprop derives that
 * result step by step.
 */
public final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {}

    /** The fused node: value L, local derivatives ŷ − y. */
    public static Value of(List<Value> logits, int target) {
        checkTarget(logits, target);
        double loss = logSumExp(values(logits)) - logits.get(target).data();
        double[] local = probabilities(logits);
        local[target] -= 1.0;                       // ∂L/∂zₖ = ŷₖ − yₖ, y one-hot
        return Value.op("softmax-ce", loss, logits.toArray(new Value[0]), local);
    }

    /** The same loss built from elementary ops. The shift m is a constant: log-sum-exp does not depend on it. */
    public static Value fromOps(List<Value> logits, int target) {
        checkTarget(logits, target);
        double m = Arrays.stream(values(logits)).max().getAsDouble();
        List<Value> exps = new ArrayList<>(logits.size());
        for (Value z : logits) {
            exps.add(z.sub(m).exp());
        }
        return Value.sum(exps).log().add(m).sub(logits.get(target));
    }

    /** ŷ = softmax(z), as plain numbers. */
    public static double[] probabilities(List<Value> logits) {
        double[] z = values(logits);
        double lse = logSumExp(z);
        for (int k = 0; k < z.length; k++) {
            z[k] = Math.exp(z[k] - lse);
        }
        return z;
    }

    /** The index of the largest logit: the predicted class (the first, on ties). */
    public static int predictedClass(List<Value> logits) {
        int best = 0;
        for (int k = 1; k < logits.size(); k++) {
            if (logits.get(k).data() > logits.get(best).data()) {
                best = k;
            }
        }
        return best;
    }

    private static double[] values(List<Value> logits) {
        return logits.stream().mapToDouble(Value::data).toArray();
    }

    static double logSumExp(double[] z) {
        double m = Arrays.stream(z).max().orElse(Double.NEGATIVE_INFINITY);
        double s = 0;
        for (double v : z) {
            s += Math.exp(v - m);
        }
        return m + Math.log(s);
    }

    private static void checkTarget(List<Value> logits, int target) {
        if (target < 0 || target >= logits.size()) {
            throw new IllegalArgumentException("target class " + target + " is outside 0.." + (logits.size() - 1));
        }
    }
}
