package org.twingrad.tensor.kernels;

/**
 * Packing, as BLAS libraries do it: a p-slab of a few columns of B is copied into a small contiguous panel, which
 * then stays in the L1 cache while every row block of A runs down it. B is read in place (k×m) or transposed (a
 * weight stored [out, in], m×k), so A·Wᵀ needs no transposed copy of all of W, and B's row stride (which for
 * m = 1024 puts a whole column of B into a few cache sets) no longer matters.
 */
final class Packing {
    private Packing() {}

    /**
     * Copies B[p0 … p1) × [j, j + w) into {@code panel} from {@code at} on, row p at at + (p − p0)·w. Only copies: the
     * sums that read the panel keep their order.
     */
    static void panel(boolean transposed, double[] b, Dims d, int p0, int p1, int j, int w, double[] panel, int at) {
        if (transposed) {
            for (int t = 0; t < w; t++) {
                int row = (j + t) * d.k();                      // B[p, j + t] = W[j + t, p]: along a row of W
                for (int p = p0; p < p1; p++) {
                    panel[at + (p - p0) * w + t] = b[row + p];
                }
            }
        } else {
            for (int p = p0; p < p1; p++) {
                System.arraycopy(b, p * d.m() + j, panel, at + (p - p0) * w, w);
            }
        }
    }
}
