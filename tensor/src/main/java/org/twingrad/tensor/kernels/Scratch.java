package org.twingrad.tensor.kernels;

/** Per-thread scratch arrays, and a tiled transpose. */
public final class Scratch {
    private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[0]);
    private static final ThreadLocal<double[]> PANEL = ThreadLocal.withInitial(() -> new double[0]);
    private static final ThreadLocal<double[]> ROWS = ThreadLocal.withInitial(() -> new double[0]);

    private Scratch() {}

    /**
     * This thread's scratch array, at least {@code size} long: read only until the product that asked for it returns,
     * so one buffer per thread does instead of a fresh array (of up to a weight matrix's size) every step.
     */
    static double[] of(int size) {
        return atLeast(SCRATCH, size);
    }

    /** This thread's array for a packed panel of B ({@link Packing}), apart from {@link #of}'s, which may hold A. */
    static double[] panel(int size) {
        return atLeast(PANEL, size);
    }

    /** This thread's array for A's rows packed by {@link Packing#rows}. */
    static double[] rows(int size) {
        return atLeast(ROWS, size);
    }

    private static double[] atLeast(ThreadLocal<double[]> local, int size) {
        double[] t = local.get();
        if (t.length < size) {
            t = new double[size];
            local.set(t);
        }
        return t;
    }

    /**
     * t = aᵀ for a rows × cols matrix. Copying costs O(n·k), small beside the O(n·k·m) product it prepares; it goes in
     * {@link Tuning#TILE}-square tiles so reads and writes stay within a few cache lines at a time, and large matrices
     * are split by columns across the threads.
     */
    public static void transpose(double[] a, int rows, int cols, double[] t) {
        int tile = Tuning.TILE;
        int tiles = (cols + tile - 1) / tile;
        int parts = (long) rows * cols >= Tuning.PARALLEL_ELEMENTS ? Math.min(Workers.threads(), tiles) : 1;
        int per = (tiles + parts - 1) / parts * tile;                      // columns per part, whole tiles
        Workers.inParallel(parts, part -> {
            for (int c0 = part * per; c0 < Math.min(cols, (part + 1) * per); c0 += tile) {
                int c1 = Math.min(cols, c0 + tile);
                for (int r0 = 0; r0 < rows; r0 += tile) {
                    int r1 = Math.min(rows, r0 + tile);
                    for (int r = r0; r < r1; r++) {
                        for (int c = c0; c < c1; c++) {
                            t[c * rows + r] = a[r * cols + c];
                        }
                    }
                }
            }
        });
    }
}
