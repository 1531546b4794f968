package org.twingrad.data;

/**
 * The checks both engines' {@code Sgd} make of their rates, written once so that both refuse the same values with the
 * same words: a learning rate η > 0 (finite) and a momentum γ ∈ [0, 1), for which Δθ(t) = g + γ·Δθ(t−1) stays bounded.
 */
public final class SgdRates {
    private SgdRates() {}

    /** Throws unless η > 0 and γ ∈ [0, 1). */
    public static void check(double learningRate, double momentum) {
        if (!(learningRate > 0) || !(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("SGD needs learning rate > 0 and momentum in [0, 1), got " + learningRate
                    + " and " + momentum);
        }
    }

    /** {@code learningRate}, if it is finite and > 0 (a later epoch's rate). */
    public static double learningRate(double learningRate) {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("SGD needs learning rate > 0, got " + learningRate);
        }
        return learningRate;
    }
}
