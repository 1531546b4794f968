package org.twingrad.tensor.train;

import org.twingrad.data.Dataset;

/**
 * One pass over the training data: the part of {@link Trainer#fit} that depends on the engine. {@link Trainer} is
 * the tensor engine's; the command's {@code --engine scalar} brings the scalar engine's.
 */
public interface EpochRunner {
    /** Trains one epoch; returns the step losses (fewer, if a non-finite loss stopped it). */
    double[] trainEpoch(Dataset train, int epoch, Trainer.Listener listener);

    /** Why the last epoch stopped early (a non-finite loss, weights put back to the last good ones), or null. */
    String failure();
}
