package org.twingrad.data;

/**
 * Two parts of a dataset: the part a model trains on, and the part it is measured on (a test or a validation set).
 *
 * @param train the training rows
 * @param test  the held-out rows (test or validation, as the caller uses them)
 */
public record Split(Dataset train, Dataset test) {
}
