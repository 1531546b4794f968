package org.twingrad.data;

import java.util.Arrays;

/**
 * A labelled dataset: {@code rows} examples of {@code cols} features each, stored row-major in one flat
 * {@code double[]} (the layout the tensor engine multiplies), and an integer class label per row.
 *
 * <pre>{@code
 * Dataset train = Mnist.mnist4000().train();   // 3000 × 784, labels 0–9
 * double pixel = train.feature(0, 350);
 * int digit = train.label(0);
 * }</pre>
 *
 * Datasets are immutable: every tool ({@link #select(int[])}, {@link #splitAt(int)}, {@link Normalization}) returns
 * a new one.
 */
public final class Dataset {
    private final String name;
    private final double[] features;
    private final int rows;
    private final int cols;
    private final int[] labels;
    private final int classes;

    private Dataset(String name, double[] features, int rows, int cols, int[] labels, int classes) {
        this.name = name;
        this.features = features;
        this.rows = rows;
        this.cols = cols;
        this.labels = labels;
        this.classes = classes;
    }

    /**
     * A dataset over copies of the given arrays.
     *
     * @throws IllegalArgumentException if the sizes disagree or a label is outside 0 … classes−1
     */
    public static Dataset of(String name, double[] features, int rows, int cols, int[] labels, int classes) {
        if (rows < 0 || cols <= 0 || (long) rows * cols != features.length) {
            throw new IllegalArgumentException("dataset " + name + ": " + features.length + " feature values do not make "
                    + rows + " rows of " + cols + " columns");
        }
        if (labels.length != rows) {
            throw new IllegalArgumentException("dataset " + name + ": " + rows + " rows but " + labels.length + " labels");
        }
        for (int i = 0; i < rows; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("dataset " + name + ": label of row " + i + " is " + labels[i]
                        + ", outside 0.." + (classes - 1));
            }
        }
        return new Dataset(name, features.clone(), rows, cols, labels.clone(), classes);
    }

    /** Takes the arrays without copying: for readers in this package that have just built them. */
    static Dataset wrap(String name, double[] features, int rows, int cols, int[] labels, int classes) {
        return new Dataset(name, features, rows, cols, labels, classes);
    }

    /** A short name saying where the data came from, e.g. {@code "mnist4000/train"}. */
    public String name() {
        return name;
    }

    /** Number of examples. */
    public int rows() {
        return rows;
    }

    /** Number of features per example. */
    public int cols() {
        return cols;
    }

    /** Number of classes; labels are 0 … classes−1. */
    public int classes() {
        return classes;
    }

    /** Feature {@code col} of example {@code row}. */
    public double feature(int row, int col) {
        return features[row * cols + col];
    }

    /** The label of example {@code row}. */
    public int label(int row) {
        return labels[row];
    }

    /** A copy of all features, row-major ({@code rows × cols}). */
    public double[] features() {
        return features.clone();
    }

    /** A copy of all labels. */
    public int[] labels() {
        return labels.clone();
    }

    /** A copy of one example's features. */
    public double[] row(int row) {
        return Arrays.copyOfRange(features, row * cols, (row + 1) * cols);
    }

    /** Copies the features of the given rows, in that order, into {@code out} (row-major); for minibatches. */
    public void copyRows(int[] rowIndices, double[] out) {
        for (int r = 0; r < rowIndices.length; r++) {
            System.arraycopy(features, rowIndices[r] * cols, out, r * cols, cols);
        }
    }

    /** The labels of the given rows, in that order. */
    public int[] labels(int[] rowIndices) {
        return Arrays.stream(rowIndices).map(r -> labels[r]).toArray();
    }

    /** A new dataset of the given rows, in that order. */
    public Dataset select(int[] rowIndices) {
        double[] x = new double[rowIndices.length * cols];
        copyRows(rowIndices, x);
        return new Dataset(name, x, rowIndices.length, cols, labels(rowIndices), classes);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive), as a new dataset. */
    public Dataset slice(int from, int to) {
        if (from < 0 || to > rows || from > to) {
            throw new IndexOutOfBoundsException("slice " + from + ".." + to + " of " + rows + " rows");
        }
        return new Dataset(name, Arrays.copyOfRange(features, from * cols, to * cols), to - from, cols,
                Arrays.copyOfRange(labels, from, to), classes);
    }

    /** The same data under another name. */
    public Dataset named(String newName) {
        return new Dataset(newName, features, rows, cols, labels, classes);
    }

    /**
     * The first {@code trainRows} rows as training data and the rest as held-out data, in file order
     * (the bundled sets interleave classes, so both parts stay balanced).
     */
    public Split splitAt(int trainRows) {
        return new Split(slice(0, trainRows).named(name + "[0:" + trainRows + "]"),
                slice(trainRows, rows).named(name + "[" + trainRows + ":" + rows + "]"));
    }

    /** A shuffled split: a {@code validationFraction} of the rows, drawn by {@code rng.permutation}, are held out. */
    public Split shuffledSplit(double validationFraction, NumpyRandom rng) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + validationFraction);
        }
        int[] order = rng.permutation(rows);
        int held = (int) Math.round(rows * validationFraction);
        int[] trainIdx = Arrays.copyOfRange(order, 0, rows - held);
        int[] valIdx = Arrays.copyOfRange(order, rows - held, rows);
        return new Split(select(trainIdx).named(name + "/train"), select(valIdx).named(name + "/validation"));
    }

    @Override
    public String toString() {
        return name + " (" + rows + " × " + cols + ", " + classes + " classes)";
    }
}
