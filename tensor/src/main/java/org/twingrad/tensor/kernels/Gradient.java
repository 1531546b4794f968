package org.twingrad.tensor.kernels;

import java.util.Arrays;

/**
 * A gradient buffer that backward adds into. Zeroing it only marks it: the next matrix product into it then writes
 * C = A·B instead of C += A·B (the same FMA chains, started from 0 instead of from a 0 read back, so the same bits),
 * and any other next writer gets it filled with zeros. A training step zeroes every parameter, and a pass over a
 * 784×256 weight gradient would cost about a tenth of a CMU step.
 */
public final class Gradient {
    final double[] values;
    private boolean zeroed = true;      // every element counts as 0 …
    private boolean filled = true;      // … and the array does hold zeros (as a new array does)

    /** A buffer of {@code size} zeros. */
    public Gradient(int size) {
        values = new double[size];
    }

    /** Sets every element to 0. */
    public void zero() {
        filled &= zeroed;
        zeroed = true;
    }

    /** The live array, to add into. */
    public double[] values() {
        if (zeroed && !filled) {
            Arrays.fill(values, 0.0);
        }
        zeroed = filled = false;
        return values;
    }

    /** For a product: whether it may overwrite the array rather than add to it; afterwards the array counts as written. */
    boolean takeZeroed() {
        boolean z = zeroed;
        zeroed = filled = false;
        return z;
    }
}
