package org.twingrad.tensor.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register blocks of C on the Vector API: {@link Tuning#ROWS} × 2L (L lanes per vector), then 2 × 2L and 1 × L for
 * the rows left over; then one-vector blocks and scalar chains for the columns left over. Each block runs down a p-slab
 * of {@link Tuning#KC} with its accumulators in registers, so each load of B feeds eight FMAs. As in BLAS, the 8-row
 * blocks read A from a packed copy (eight rows interleaved, so their values at p are neighbours and one pointer walks
 * them), and B's slab from packed panels ({@link Packing}) when B is stored transposed or A is tall, else in place.
 * Loaded only when the {@code jdk.incubator.vector} module is present.
 */
public final class VectorMatMul implements MatMulKernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public void multiply(MatMul.Form form, double[] a, double[] b, double[] c, int co, Dims d, int j0, int j1,
                         boolean overwrite) {
        int n = d.n();
        int k = d.k();
        int m = d.m();
        boolean transposed = form == MatMul.Form.A_BT;
        if (transposed && n < Tuning.PACK_MIN_ROWS) {
            dots(a, b, c, co, d, j0, j1, overwrite);
            return;
        }
        boolean pack = transposed || n >= Tuning.PACK_ROWS;
        int packed = (j1 - j0) / L * L;                    // the columns in panels; fewer than L are left over
        double[] panel = pack ? Scratch.panel(Math.min(k, Tuning.KC) * packed) : b;
        for (int p0 = 0; p0 < k; p0 += Tuning.KC) {
            int p1 = Math.min(k, p0 + Tuning.KC);
            int h = p1 - p0;
            boolean z = overwrite && p0 == 0;          // the first slab starts each chain from 0, not from C
            for (int j = j0; pack && j < j0 + packed; j += 2 * L) {    // panels two vectors wide, the last maybe one
                Packing.panel(transposed, b, d, p0, p1, j, Math.min(2 * L, j0 + packed - j), panel, (j - j0) * h);
            }
            for (int i0 = 0; i0 < n; i0 += Tuning.MC) {    // a block of A's rows stays in L2 across all panels
                int i1 = Math.min(n, i0 + Tuning.MC);
                int eights = (i1 - i0) / Tuning.ROWS * Tuning.ROWS;
                double[] ap = Scratch.rows(eights * h);
                Packing.rows(a, k, i0, i0 + eights, p0, p1, ap);
                int j = j0;
                for (; j + 2 * L <= j1; j += 2 * L) {          // the main blocks: two vectors wide
                    int bo = pack ? (j - j0) * h - p0 * 2 * L : j;
                    int bs = pack ? 2 * L : m;
                    int i = i0;
                    for (; i + Tuning.ROWS <= i1; i += Tuning.ROWS) {
                        block8(ap, (i - i0) * h - p0 * Tuning.ROWS, panel, bo, bs, c, co, m, i, j, p0, p1, z);
                    }
                    for (; i + 2 <= i1; i += 2) {
                        block2(a, panel, bo, bs, c, co, k, m, i, j, p0, p1, z);
                    }
                    if (i < i1) {                              // an odd last row: two one-vector blocks
                        narrow1(a, panel, bo, bs, c, co, k, m, i, j, p0, p1, z);
                        narrow1(a, panel, bo + L, bs, c, co, k, m, i, j + L, p0, p1, z);
                    }
                }
                if (j + L <= j1) {                             // one vector wide (e.g. 8 of an output layer's 10)
                    int bo = pack ? (j - j0) * h - p0 * L : j;
                    int bs = pack ? L : m;
                    int i = i0;
                    for (; i + 4 <= i1; i += 4) {
                        narrow4(a, panel, bo, bs, c, co, k, m, i, j, p0, p1, z);
                    }
                    for (; i < i1; i++) {
                        narrow1(a, panel, bo, bs, c, co, k, m, i, j, p0, p1, z);
                    }
                    j += L;
                }
                for (; j < j1; j++) {                          // fewer than L columns left: scalars, B in place
                    remainder(a, b, transposed ? j * k : j, transposed ? 1 : m, c, co, i0, i1, k, m, j, p0, p1, z);
                }
            }
        }
    }

    /**
     * Rows [i0, i1) of one column j of C, B[p, j] = b[bo + p·bs], four rows at a time so that four independent FMA chains hide each
     * other's latency. (Masked vector stores would be shorter, but on JDK 17 they read and rewrite the whole vector,
     * which could race with the thread that owns the next columns.)
     */
    private static void remainder(double[] a, double[] b, int bo, int bs, double[] c, int co, int i0, int i1, int k, int m,
                                  int j, int p0, int p1, boolean z) {
        int i = i0;
        for (; i + 4 <= i1; i += 4) {
            double s0 = z ? 0 : c[co + i * m + j];
            double s1 = z ? 0 : c[co + (i + 1) * m + j];
            double s2 = z ? 0 : c[co + (i + 2) * m + j];
            double s3 = z ? 0 : c[co + (i + 3) * m + j];
            for (int p = p0; p < p1; p++) {
                double bp = b[bo + p * bs];
                s0 = Math.fma(a[i * k + p], bp, s0);
                s1 = Math.fma(a[(i + 1) * k + p], bp, s1);
                s2 = Math.fma(a[(i + 2) * k + p], bp, s2);
                s3 = Math.fma(a[(i + 3) * k + p], bp, s3);
            }
            c[co + i * m + j] = s0;
            c[co + (i + 1) * m + j] = s1;
            c[co + (i + 2) * m + j] = s2;
            c[co + (i + 3) * m + j] = s3;
        }
        for (; i < i1; i++) {
            double s = z ? 0 : c[co + i * m + j];
            for (int p = p0; p < p1; p++) {
                s = Math.fma(a[i * k + p], b[bo + p * bs], s);
            }
            c[co + i * m + j] = s;
        }
    }

    /**
     * C = A·Wᵀ (W stored m×k) for fewer than {@link Tuning#PACK_MIN_ROWS} rows, as in a batch-1 step, where packing W
     * would cost more than the product: each element is a dot product of two rows read in place, eight columns at a
     * time so that eight chains keep both FMA pipes busy despite their latency, each over p = 0 … k−1 in order as every kernel sums.
     */
    private static void dots(double[] a, double[] w, double[] c, int co, Dims d, int j0, int j1, boolean overwrite) {
        int k = d.k();
        for (int i = 0; i < d.n(); i++) {
            int ci = co + i * d.m();
            int ai = i * k;
            int j = j0;
            for (; j + 8 <= j1; j += 8) {
                int w0 = j * k;
                double s0 = overwrite ? 0 : c[ci + j];
                double s1 = overwrite ? 0 : c[ci + j + 1];
                double s2 = overwrite ? 0 : c[ci + j + 2];
                double s3 = overwrite ? 0 : c[ci + j + 3];
                double s4 = overwrite ? 0 : c[ci + j + 4];
                double s5 = overwrite ? 0 : c[ci + j + 5];
                double s6 = overwrite ? 0 : c[ci + j + 6];
                double s7 = overwrite ? 0 : c[ci + j + 7];
                for (int p = 0; p < k; p++) {
                    double x = a[ai + p];
                    s0 = Math.fma(x, w[w0 + p], s0);
                    s1 = Math.fma(x, w[w0 + k + p], s1);
                    s2 = Math.fma(x, w[w0 + 2 * k + p], s2);
                    s3 = Math.fma(x, w[w0 + 3 * k + p], s3);
                    s4 = Math.fma(x, w[w0 + 4 * k + p], s4);
                    s5 = Math.fma(x, w[w0 + 5 * k + p], s5);
                    s6 = Math.fma(x, w[w0 + 6 * k + p], s6);
                    s7 = Math.fma(x, w[w0 + 7 * k + p], s7);
                }
                c[ci + j] = s0;
                c[ci + j + 1] = s1;
                c[ci + j + 2] = s2;
                c[ci + j + 3] = s3;
                c[ci + j + 4] = s4;
                c[ci + j + 5] = s5;
                c[ci + j + 6] = s6;
                c[ci + j + 7] = s7;
            }
            for (; j < j1; j++) {
                double s = overwrite ? 0 : c[ci + j];
                for (int p = 0; p < k; p++) {
                    s = Math.fma(a[ai + p], w[j * k + p], s);
                }
                c[ci + j] = s;
            }
        }
    }

    /** Rows i … i+3, columns j … j+L−1. */
    private static void narrow4(double[] a, double[] b, int bo, int bs, double[] c, int co, int k, int m, int i, int j,
                               int p0, int p1,
                               boolean z) {
        int r0 = co + i * m + j;
        DoubleVector c0 = load(c, r0, z);
        DoubleVector c1 = load(c, r0 + m, z);
        DoubleVector c2 = load(c, r0 + 2 * m, z);
        DoubleVector c3 = load(c, r0 + 3 * m, z);
        for (int p = p0; p < p1; p++) {
            DoubleVector bv = DoubleVector.fromArray(S, b, bo + p * bs);
            c0 = DoubleVector.broadcast(S, a[i * k + p]).fma(bv, c0);
            c1 = DoubleVector.broadcast(S, a[(i + 1) * k + p]).fma(bv, c1);
            c2 = DoubleVector.broadcast(S, a[(i + 2) * k + p]).fma(bv, c2);
            c3 = DoubleVector.broadcast(S, a[(i + 3) * k + p]).fma(bv, c3);
        }
        c0.intoArray(c, r0);
        c1.intoArray(c, r0 + m);
        c2.intoArray(c, r0 + 2 * m);
        c3.intoArray(c, r0 + 3 * m);
    }

    /** Row i, columns j … j+L−1. */
    private static void narrow1(double[] a, double[] b, int bo, int bs, double[] c, int co, int k, int m, int i, int j,
                               int p0, int p1,
                               boolean z) {
        DoubleVector acc = load(c, co + i * m + j, z);
        for (int p = p0; p < p1; p++) {
            acc = DoubleVector.broadcast(S, a[i * k + p]).fma(DoubleVector.fromArray(S, b, bo + p * bs), acc);
        }
        acc.intoArray(c, co + i * m + j);
    }

    /** Rows i … i+7, columns j … j+2L−1: sixteen accumulators, so both FMA pipes always have work. */
    private static void block8(double[] a, int ao, double[] b, int bo, int bs, double[] c, int co, int m, int i, int j,
                               int p0, int p1, boolean z) {
        int r0 = co + i * m + j;
        DoubleVector c00 = load(c, r0, z);
        DoubleVector c01 = load(c, r0 + L, z);
        DoubleVector c10 = load(c, r0 + m, z);
        DoubleVector c11 = load(c, r0 + m + L, z);
        DoubleVector c20 = load(c, r0 + 2 * m, z);
        DoubleVector c21 = load(c, r0 + 2 * m + L, z);
        DoubleVector c30 = load(c, r0 + 3 * m, z);
        DoubleVector c31 = load(c, r0 + 3 * m + L, z);
        DoubleVector c40 = load(c, r0 + 4 * m, z);
        DoubleVector c41 = load(c, r0 + 4 * m + L, z);
        DoubleVector c50 = load(c, r0 + 5 * m, z);
        DoubleVector c51 = load(c, r0 + 5 * m + L, z);
        DoubleVector c60 = load(c, r0 + 6 * m, z);
        DoubleVector c61 = load(c, r0 + 6 * m + L, z);
        DoubleVector c70 = load(c, r0 + 7 * m, z);
        DoubleVector c71 = load(c, r0 + 7 * m + L, z);
        for (int p = p0; p < p1; p++) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bo + p * bs);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bo + p * bs + L);
            int ap = ao + p * 8;
            DoubleVector x = DoubleVector.broadcast(S, a[ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, a[ap + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, a[ap + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, a[ap + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(S, a[ap + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(S, a[ap + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = DoubleVector.broadcast(S, a[ap + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = DoubleVector.broadcast(S, a[ap + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        c00.intoArray(c, r0);
        c01.intoArray(c, r0 + L);
        c10.intoArray(c, r0 + m);
        c11.intoArray(c, r0 + m + L);
        c20.intoArray(c, r0 + 2 * m);
        c21.intoArray(c, r0 + 2 * m + L);
        c30.intoArray(c, r0 + 3 * m);
        c31.intoArray(c, r0 + 3 * m + L);
        c40.intoArray(c, r0 + 4 * m);
        c41.intoArray(c, r0 + 4 * m + L);
        c50.intoArray(c, r0 + 5 * m);
        c51.intoArray(c, r0 + 5 * m + L);
        c60.intoArray(c, r0 + 6 * m);
        c61.intoArray(c, r0 + 6 * m + L);
        c70.intoArray(c, r0 + 7 * m);
        c71.intoArray(c, r0 + 7 * m + L);
    }

    /**
     * Rows i, i+1, columns j … j+2L−1: four chains, enough to keep one FMA pipe busy, for the rows left over after
     * blocks of 8 (two of them in a batch of 50).
     */
    private static void block2(double[] a, double[] b, int bo, int bs, double[] c, int co, int k, int m, int i, int j,
                               int p0, int p1,
                               boolean z) {
        int r0 = co + i * m + j;
        int r1 = r0 + m;
        DoubleVector c00 = load(c, r0, z);
        DoubleVector c01 = load(c, r0 + L, z);
        DoubleVector c10 = load(c, r1, z);
        DoubleVector c11 = load(c, r1 + L, z);
        int a0 = i * k;
        int a1 = a0 + k;
        for (int p = p0; p < p1; p++) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bo + p * bs);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bo + p * bs + L);
            DoubleVector x0 = DoubleVector.broadcast(S, a[a0 + p]);
            c00 = x0.fma(b0, c00);
            c01 = x0.fma(b1, c01);
            DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + p]);
            c10 = x1.fma(b0, c10);
            c11 = x1.fma(b1, c11);
        }
        c00.intoArray(c, r0);
        c01.intoArray(c, r0 + L);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + L);
    }

    /** A vector of C, or zeros where the chain starts. */
    private static DoubleVector load(double[] c, int offset, boolean zero) {
        return zero ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, offset);
    }

    @Override
    public String name() {
        return "vector(" + L + " lanes)";
    }
}
