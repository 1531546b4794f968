package org.twingrad.data;

/**
 * Input normalization X ← (X − μ)/σ (TDT4265 A2, eq. 15): μ and σ are one mean and one standard deviation over every
 * feature value of the whole training set, and the same μ and σ are then applied, unchanged, to validation and test
 * data, so no information from them leaks into training.
 *
 * <pre>{@code
 * Normalization norm = Normalization.fit(split.train());
 * Dataset train = norm.apply(split.train()), test = norm.apply(split.test());
 * System.out.println(norm);   // μ = 0.1307, σ = 0.3081
 * }</pre>
 *
 * @param mean the training set's mean μ
 * @param std  the training set's standard deviation σ (population form, divided by N)
 */
public record Normalization(double mean, double std) {

    /** Measures μ and σ over every value of {@code train}. */
    public static Normalization fit(Dataset train) {
        double[] x = train.features();
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        double mean = sum / x.length;
        double sq = 0;
        for (double v : x) {
            sq += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(sq / x.length);
        if (std == 0) {
            throw new IllegalArgumentException("cannot normalize " + train.name() + ": every value is " + mean);
        }
        return new Normalization(mean, std);
    }

    /** {@code (x − μ)/σ} for every value of {@code data}. */
    public Dataset apply(Dataset data) {
        double[] x = data.features();
        for (int i = 0; i < x.length; i++) {
            x[i] = (x[i] - mean) / std;
        }
        return Dataset.wrap(data.name(), x, data.rows(), data.cols(), data.labels(), data.classes());
    }

    @Override
    public String toString() {
        return String.format("μ = %.4f, σ = %.4f", mean, std);
    }
}
