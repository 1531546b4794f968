package org.twingrad.data;

/**
 * The rates of both engines' {@code Sgd}, checked once so that both refuse the same values with the same words: a
 * learning rate η > 0 and a momentum γ ∈ [0, 1), for which Δθ(t) = g + γ·Δθ(t−1) stays bounded.
 *
 * @param learningRate η
 * @param momentum     γ; 0 is plain SGD
 */
public record SgdRates(double learningRate, double momentum) {
    /** Throws unless η > 0 and γ ∈ [0, 1). */
    public SgdRates {
        if (!(learningRate > 0) || !(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("SGD needs learning rate > 0 and momentum in [0, 1), got " + learningRate
                    + " and " + momentum);
        }
    }

    /** The same momentum with a later epoch's rate, which must be finite and > 0. */
    public SgdRates withLearningRate(double learningRate) {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("SGD needs learning rate > 0, got " + learningRate);
        }
        return new SgdRates(learningRate, momentum);
    }
}
