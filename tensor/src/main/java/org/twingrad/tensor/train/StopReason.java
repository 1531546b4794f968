package org.twingrad.tensor.train;

/** Why training ended before its last epoch; {@link #message()} is the one line printed and reported. */
public sealed interface StopReason {
    /** The sentence for the console and the report. */
    String message();

    /**
     * A number stopped being finite at this step (the loss, or an op in anomaly mode); the network holds the weights
     * of the last step whose loss was finite.
     *
     * @param what  how it went wrong, the start of the sentence: {@code loss became NaN}, or an anomaly's message
     * @param epoch 1-based
     * @param step  1-based, within the epoch
     */
    record Diverged(String what, int epoch, int step) implements StopReason {
        @Override
        public String message() {
            return what + " at epoch " + epoch + ", step " + step + "; kept the weights of the last step with a finite loss";
        }
    }

    /** The validation loss has not improved on {@code best} for {@code patience} epochs, the last being {@code epoch}. */
    record EarlyStopping(int epoch, int patience, double best) implements StopReason {
        @Override
        public String message() {
            return "early stopping after epoch " + epoch + ": validation loss has not improved for " + patience
                    + " epochs (best " + String.format("%.4f", best) + ")";
        }
    }
}
