package org.twingrad.data;

/**
 * Two parts of a dataset: the part a model trains on, and the part it is measured on (a test or a validation set).
 * Both parts must have rows of the same width; the check is made here, when the data is loaded, because a mismatch
 * found later (by a matrix product after a whole epoch of training) cannot say which file is at fault.
 *
 * @param train the training rows
 * @param test  the held-out rows (test or validation, as the caller uses them)
 */
public record Split(Dataset train, Dataset test) {
    /** @throws IllegalArgumentException naming both parts and both widths if their rows differ in width */
    public Split {
        if (train.cols() != test.cols()) {
            throw new IllegalArgumentException("the training data " + train.name() + " has " + train.cols()
                    + " features per row but the test data " + test.name() + " has " + test.cols()
                    + ": both need the same width");
        }
    }
}
