package org.twingrad.tensor;

/**
 * Thrown in anomaly mode ({@link Tensor#detectAnomaly(boolean)}) by the first op whose output or gradient is not
 * finite. The message names the op, its input shapes and which inputs were already non-finite, for example:
 * <pre>anomaly: matmul gave NaN (at index 3 of [10, 8]) from inputs of shapes [10, 16], [16, 8]; input 0 was already non-finite</pre>
 * It is an {@link ArithmeticException}, like the other errors of arithmetic the engines report.
 */
public final class AnomalyException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    private final String op;
    private final boolean inBackward;

    AnomalyException(String op, boolean inBackward, String message) {
        super(message);
        this.op = op;
        this.inBackward = inBackward;
    }

    /** The op that produced the first non-finite number. */
    public String op() {
        return op;
    }

    /** True if it was a gradient (backward), false if an output (forward). */
    public boolean inBackward() {
        return inBackward;
    }
}
