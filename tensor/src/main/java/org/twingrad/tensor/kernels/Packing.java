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
            int row = j * d.k();                                // B[p, j + t] = W[j + t, p]: w rows of W side by side
            for (int p = p0, o = at; p < p1; p++, o += w) {
                for (int t = 0; t < w; t++) {
                    panel[o + t] = b[row + t * d.k() + p];
                }
            }
        } else {
            for (int p = p0; p < p1; p++) {
                System.arraycopy(b, p * d.m() + j, panel, at + (p - p0) * w, w);
            }
        }
    }

    /**
     * Copies rows [i0, i1) of A's p-slab, eight rows at a time, into {@code ap} interleaved: row i0 + 8g + r at p goes to
     * 8g·(p1 − p0) + (p − p0)·8 + r, so a register block's eight values of A at p are neighbours.
     */
    static void rows(double[] a, int k, int i0, int i1, int p0, int p1, double[] ap) {
        for (int g = i0, o = 0; g < i1; g += 8) {
            for (int p = p0; p < p1; p++, o += 8) {
                for (int r = 0; r < 8; r++) {
                    ap[o + r] = a[(g + r) * k + p];
                }
            }
        }
    }
}
