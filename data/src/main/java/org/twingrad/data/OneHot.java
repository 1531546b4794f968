package org.twingrad.data;

/** One-hot encoding of integer class labels: label k becomes a row with 1 at column k and 0 elsewhere. */
public final class OneHot {
    private OneHot() {}

    /**
     * @return a {@code labels.length × classes} row-major matrix
     * @throws IllegalArgumentException for a label outside 0 … classes−1
     */
    public static double[] encode(int[] labels, int classes) {
        double[] out = new double[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " at index " + i + " is outside 0.." + (classes - 1));
            }
            out[i * classes + labels[i]] = 1.0;
        }
        return out;
    }
}
