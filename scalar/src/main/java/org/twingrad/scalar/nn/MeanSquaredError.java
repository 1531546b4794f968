package org.twingrad.scalar.nn;

import java.util.ArrayList;
import java.util.List;
import org.twingrad.scalar.Value;

/** Mean squared error (1/n)·Σᵢ (ŷᵢ − yᵢ)², the mean over every output given (CMU 10-701 HW3 §3). */
public final class MeanSquaredError {
    private MeanSquaredError() {}

    /** The mean of (predictions[i] − targets[i])². */
    public static Value of(List<Value> predictions, double[] targets) {
        if (predictions.size() != targets.length) {
            throw new IllegalArgumentException("MSE: " + predictions.size() + " predictions but " + targets.length + " targets");
        }
        List<Value> sq = new ArrayList<>(targets.length);
        for (int i = 0; i < targets.length; i++) {
            sq.add(predictions.get(i).sub(targets[i]).pow(2));
        }
        return Value.mean(sq);
    }
}
