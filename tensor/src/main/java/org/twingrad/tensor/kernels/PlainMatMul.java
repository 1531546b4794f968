package org.twingrad.tensor.kernels;

import java.util.Arrays;

/**
 * i-p-j loops over p-slabs of {@link Tuning#KC}: the inner loop over j is a plain FMA along a row, which C2 vectorizes by
 * itself (more slowly than {@link VectorMatMul}). The kernel used without the Vector API module.
 */
public final class PlainMatMul implements MatMulKernel {
    @Override
    public void multiply(MatMul.Form form, double[] a, double[] b, double[] c, int cOffset, Dims d, int j0, int j1,
                         boolean overwrite) {
        int n = d.n();
        int k = d.k();
        int m = d.m();
        boolean transposed = form == MatMul.Form.A_BT;
        int w = j1 - j0;
        double[] src = transposed ? Scratch.panel(Math.min(k, Tuning.KC) * w) : b;
        for (int i = 0; overwrite && i < n; i++) {
            Arrays.fill(c, cOffset + i * m + j0, cOffset + i * m + j1, 0.0);
        }
        for (int p0 = 0; p0 < k; p0 += Tuning.KC) {
            int p1 = Math.min(k, p0 + Tuning.KC);
            // B[p, j] = src[bo + p·bs + j]: B itself, or this slab of Wᵀ's columns j0 … j1 packed (A·Wᵀ)
            if (transposed) {
                Packing.panel(true, b, d, p0, p1, j0, w, src, 0);
            }
            int bo = transposed ? -p0 * w - j0 : 0;
            int bs = transposed ? w : m;
            for (int i = 0; i < n; i++) {
                int ci = cOffset + i * m;
                for (int p = p0; p < p1; p++) {
                    double aip = a[i * k + p];
                    int bp = bo + p * bs;
                    for (int j = j0; j < j1; j++) {
                        c[ci + j] = Math.fma(aip, src[bp + j], c[ci + j]);
                    }
                }
            }
        }
    }

    @Override
    public String name() {
        return "plain";
    }
}
