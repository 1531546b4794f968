package org.twingrad.tensor.kernels;

/**
 * One way to compute a block of columns of C = A·B (or C += A·B) on row-major arrays: {@link PlainMatMul} or
 * {@link VectorMatMul}. Every variant keeps the summation order fixed: each element is one chain of fused
 * multiply-adds over p = 0, 1, …, k−1, c = fma(a[i,p], b[p,j], c). Blocking, vectors and threads change which element
 * is computed when, never the order within an element, so every variant on any number of threads gives the same bits.
 */
public interface MatMulKernel {
    /**
     * Columns [j0, j1) of C += A·B, or of C = A·B when {@code overwrite} (then C is never read), for {@code form}
     * A_B or A_BT (B stored m×k, as a weight [out, in] is). Row i of C starts at {@code c[cOffset + i·m]}, so a strip
     * of rows can be computed in place.
     */
    void multiply(MatMul.Form form, double[] a, double[] b, double[] c, int cOffset, Dims d, int j0, int j1,
                  boolean overwrite);

    /** {@code "plain"} or {@code "vector(8 lanes)"}. */
    String name();
}
