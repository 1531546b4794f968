package org.twingrad.tensor.kernels;

/**
 * The matrix-product dispatcher: the three forms backward needs, split across threads, each computed by one
 * {@link MatMulKernel} variant. Stateless apart from the variant it was made with.
 *
 * <p>A transposed operand is copied piece by piece, by the thread that uses the piece: for A·Bᵀ, the kernel packs
 * panels of Bᵀ ({@link Packing}); for Aᵀ·B, {@link Tuning#ROWS} rows of Aᵀ at a time are copied here. Products of at least
 * {@link Tuning#PARALLEL_FLOPS} flops are split by columns of C (A·B) or by strips of rows (Aᵀ·B) across the
 * {@link Workers}.
 */
public final class MatMul {
    /** Which operand is stored transposed. */
    public enum Form {
        /** C = A·B. */
        A_B,
        /** C = A·Bᵀ with B stored m×k. */
        A_BT,
        /** C = Aᵀ·B with A stored k×n. */
        AT_B
    }

    private final MatMulKernel kernel;

    /** A dispatcher running every product on {@code kernel}. */
    public MatMul(MatMulKernel kernel) {
        this.kernel = kernel;
    }

    /** The variant's name. */
    public String name() {
        return kernel.name();
    }

    /** C = the product, C[n×m] in {@code d}'s sizes; C is only written. */
    public void multiply(Form form, double[] a, double[] b, double[] c, Dims d) {
        run(form, a, b, c, d, true);
    }

    /** C += the product; a gradient zeroed since its last write is overwritten instead (the same bits, one pass less). */
    public void accumulate(Form form, double[] a, double[] b, Gradient c, Dims d) {
        run(form, a, b, c.values, d, c.takeZeroed());
    }

    private void run(Form form, double[] a, double[] b, double[] c, Dims d, boolean overwrite) {
        switch (form) {
            case A_B, A_BT -> byColumns(form, a, b, c, d, overwrite);
            case AT_B -> byStrips(a, b, c, d, overwrite);
        }
    }

    /** C = A·B split by column chunks, whole register blocks wide, one per thread. */
    private void byColumns(Form form, double[] a, double[] b, double[] c, Dims d, boolean overwrite) {
        int width = Tuning.COLUMN_CHUNK;
        int chunks = Math.min(Workers.threads(), Math.max(1, d.m() / width));
        if (chunks <= 1 || d.flops() < Tuning.PARALLEL_FLOPS) {
            kernel.multiply(form, a, b, c, 0, d, 0, d.m(), overwrite);
            return;
        }
        int per = ((d.m() + chunks - 1) / chunks + width - 1) / width * width;      // at most `chunks` chunks
        Workers.inParallel((d.m() + per - 1) / per, part -> kernel.multiply(form, a, b, c, 0, d, part * per,
                Math.min(d.m(), (part + 1) * per), overwrite));
    }

    /**
     * C = Aᵀ·B with A stored k×n (the weight gradient Xᵀ·δ), in strips of {@link Tuning#ROWS} rows: each strip's rows
     * of Aᵀ, columns of the stored A, are first copied side by side into a small per-thread array that then stays in
     * the L1 cache for the whole strip. The threads share out the strips, so each copies only its own part of A and
     * none waits for a whole transposed copy.
     */
    private void byStrips(double[] a, double[] b, double[] c, Dims d, boolean overwrite) {
        int n = d.n();
        int k = d.k();
        int h = Tuning.ROWS;
        int strips = (n + h - 1) / h;
        int parts = d.flops() < Tuning.PARALLEL_FLOPS ? 1 : Math.min(Workers.threads(), strips);
        int per = (strips + parts - 1) / parts;                                     // strips per thread
        Workers.inParallel(parts, part -> {
            double[] rows = Scratch.of(h * k);
            for (int s = part * per; s < Math.min(strips, (part + 1) * per); s++) {
                int i0 = h * s;
                int height = Math.min(h, n - i0);
                for (int p = 0; p < k; p++) {                                       // reads neighbours in row p of A
                    for (int r = 0; r < height; r++) {
                        rows[r * k + p] = a[p * n + i0 + r];                        // (Aᵀ)[i0 + r, p] = A[p, i0 + r]
                    }
                }
                kernel.multiply(Form.A_B, rows, b, c, i0 * d.m(), new Dims(height, k, d.m()), 0, d.m(), overwrite);
            }
        });
    }
}
