package org.twingrad.tensor.kernels;

/** The sizes of a product C[n×m] = A[n×k]·B[k×m]: C's rows, the summed dimension, C's columns. */
public record Dims(int n, int k, int m) {
    /** 2·n·k·m, the work of the product. */
    long flops() {
        return 2L * n * k * m;
    }
}
