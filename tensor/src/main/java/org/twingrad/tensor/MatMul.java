package org.twingrad.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast path: matrix multiply, where training spends its time. Everything else in twingrad is plain loops; this
 * class alone is tuned.
 *
 * <p>One operation, {@code C[n×m] += A[n×k]·B[k×m]} on row-major arrays, in three layers:
 * <ol>
 *   <li><b>Summation order, fixed.</b> Every element is one chain of fused multiply-adds over p = 0, 1, …, k−1:
 *       c = fma(a[i,p], b[p,j], c). Blocking, vectorization and threads change which element is computed when, never
 *       the order within an element, so the result is bit-identical on 1 thread or 16, with or without vectors.</li>
 *   <li><b>Register and cache blocking.</b> The vector kernel keeps an 8 × 2L block of C in registers (L = lanes per
 *       vector, 8 with AVX-512: sixteen accumulators, enough to keep two FMA pipes of latency 4 busy) while it runs
 *       down a slab of {@value #KC} values of p, so each load of B feeds eight FMAs and the B slab (KC × 2L doubles)
 *       stays in the L1 cache. Measured here: the 4 × 2L block it replaced reached 35 GFLOP/s on one core at
 *       (50×784)·(784×256), this one 45.</li>
 *   <li><b>Threads.</b> Products of at least {@value #PARALLEL_FLOPS} flops are split by columns of C across the
 *       calling thread and helper threads ({@link #setThreads}); smaller ones run on the caller's thread, where a
 *       hand-off would cost more than it saves. Helpers spin briefly between products rather than park at once.</li>
 * </ol>
 *
 * <p>The vector kernel uses the incubating Vector API ({@code --add-modules jdk.incubator.vector}); without that
 * module, or with {@code -Dtwingrad.vector=false}, a plain-Java kernel with the same loop order is chosen at run
 * time (the JIT auto-vectorizes its inner loop, more slowly).
 */
public final class MatMul {
    /** Depth of a p-slab: 256 rows of a 2L-wide B panel is 32 KiB with L = 8, an L1 cache's worth. */
    static final int KC = 256;
    /** Below this many flops (2·n·k·m) one thread does the whole product. */
    static final long PARALLEL_FLOPS = 2_000_000;

    private static final Kernel KERNEL = chooseKernel();
    private static volatile int threads = defaultThreads();

    private MatMul() {}

    /** Computes columns [j0, j1) of C += A·B, or of C = A·B when {@code overwrite} (then C is never read). */
    private interface Kernel {
        void multiply(double[] a, double[] b, double[] c, int n, int k, int m, int j0, int j1, boolean overwrite);

        String name();
    }

    private static Kernel chooseKernel() {
        boolean wanted = !"false".equalsIgnoreCase(System.getProperty("twingrad.vector"));
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        return wanted && present ? new VectorKernel() : new PlainKernel();
    }

    private static int defaultThreads() {
        String p = System.getProperty("twingrad.threads");
        return p != null ? Math.max(1, Integer.parseInt(p)) : Runtime.getRuntime().availableProcessors();
    }

    /** Which kernel runs: {@code "vector(8 lanes)"} or {@code "plain"}. */
    public static String kernelName() {
        return KERNEL.name();
    }

    /** Threads a large product is split across (default: the number of cores, or {@code -Dtwingrad.threads}). */
    public static int threads() {
        return threads;
    }

    /** Sets the thread count; results do not depend on it. */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + n);
        }
        threads = n;
    }

    /** C[n×m] += A[n×k]·B[k×m], all row-major. */
    public static void multiplyAdd(double[] a, double[] b, double[] c, int n, int k, int m) {
        run(a, b, c, n, k, m, false);
    }

    /**
     * C[n×m] = A[n×k]·B[k×m]: the same FMA chains, started from zero without reading C (so a gradient buffer that was
     * just zeroed need not be filled with zeros first).
     */
    public static void multiply(double[] a, double[] b, double[] c, int n, int k, int m) {
        run(a, b, c, n, k, m, true);
    }

    /** C[n×m] += A[n×k]·Bᵀ (= when {@code overwrite}) where B is stored m×k: the ∂A = ∂C·Bᵀ of backward. */
    public static void multiplyTransposedB(double[] a, double[] b, double[] c, int n, int k, int m, boolean overwrite) {
        run(a, transpose(b, m, k), c, n, k, m, overwrite);
    }

    /** C[n×m] += Aᵀ·B (= when {@code overwrite}) where A is stored k×n: the ∂B = Aᵀ·∂C of backward. */
    public static void multiplyTransposedA(double[] a, double[] b, double[] c, int n, int k, int m, boolean overwrite) {
        run(transpose(a, k, n), b, c, n, k, m, overwrite);
    }

    /** C[n×m] += A[n×k]·Bᵀ where B is stored m×k. */
    public static void multiplyAddTransposedB(double[] a, double[] b, double[] c, int n, int k, int m) {
        multiplyTransposedB(a, b, c, n, k, m, false);
    }

    /** C[n×m] += Aᵀ·B where A is stored k×n. */
    public static void multiplyAddTransposedA(double[] a, double[] b, double[] c, int n, int k, int m) {
        multiplyTransposedA(a, b, c, n, k, m, false);
    }

    private static void run(double[] a, double[] b, double[] c, int n, int k, int m, boolean overwrite) {
        int t = threads;
        long flops = 2L * n * k * m;
        int lanes = 16;
        int chunks = Math.min(t, Math.max(1, m / lanes));
        if (chunks <= 1 || flops < PARALLEL_FLOPS) {
            KERNEL.multiply(a, b, c, n, k, m, 0, m, overwrite);
            return;
        }
        // Column chunks, multiples of 16 wide so every chunk but the last is all full vector blocks. The helper
        // threads take chunks 1, 2, …; the calling thread does chunk 0, then waits for the others.
        int per = ((m + chunks - 1) / chunks + lanes - 1) / lanes * lanes;      // at most `chunks` chunks
        Helper[] helpers = helpers(t - 1);
        int used = 0;
        for (int c0 = per; c0 < m; c0 += per) {
            int j0 = c0;
            int j1 = Math.min(m, c0 + per);
            helpers[used++].start(() -> KERNEL.multiply(a, b, c, n, k, m, j0, j1, overwrite));
        }
        KERNEL.multiply(a, b, c, n, k, m, 0, Math.min(m, per), overwrite);
        for (int h = 0; h < used; h++) {
            helpers[h].await();
        }
    }

    private static Helper[] helperThreads = new Helper[0];

    private static synchronized Helper[] helpers(int count) {
        if (helperThreads.length < count) {
            Helper[] more = java.util.Arrays.copyOf(helperThreads, count);
            for (int i = helperThreads.length; i < count; i++) {
                more[i] = new Helper(i + 1);
            }
            helperThreads = more;
        }
        return helperThreads;
    }

    /**
     * A helper thread that takes one chunk of a product at a time. Between products it spins for a few tens of
     * microseconds before parking: a training step hands it a new product every few microseconds, and waking a
     * parked thread costs about as much as the chunk it would compute.
     */
    private static final class Helper extends Thread {
        private static final long SPIN_NANOS = 50_000;
        private volatile Runnable task;
        private volatile boolean busy;
        private volatile Throwable failure;

        Helper(int index) {
            super("twingrad-matmul-" + index);
            setDaemon(true);
            start();
        }

        void start(Runnable r) {
            busy = true;
            task = r;
            java.util.concurrent.locks.LockSupport.unpark(this);
        }

        void await() {
            while (busy) {
                Thread.onSpinWait();
            }
            Throwable f = failure;
            if (f != null) {
                failure = null;
                throw new IllegalStateException("matmul helper failed", f);
            }
        }

        @Override
        public void run() {
            while (true) {
                Runnable r = task;
                long idleSince = System.nanoTime();
                while (r == null) {
                    if (System.nanoTime() - idleSince < SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        java.util.concurrent.locks.LockSupport.park(this);
                    }
                    r = task;
                }
                task = null;
                try {
                    r.run();
                } catch (Throwable e) {
                    failure = e;
                }
                busy = false;
            }
        }
    }

    /**
     * The transpose of a rows × cols row-major matrix. Copying costs O(n·k), small beside the O(n·k·m) product; it
     * goes in 16 × 16 tiles so that both the reads and the writes stay within a few cache lines at a time.
     */
    public static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[a.length];
        final int tile = 16;
        for (int r0 = 0; r0 < rows; r0 += tile) {
            int r1 = Math.min(rows, r0 + tile);
            for (int c0 = 0; c0 < cols; c0 += tile) {
                int c1 = Math.min(cols, c0 + tile);
                for (int r = r0; r < r1; r++) {
                    for (int c = c0; c < c1; c++) {
                        t[c * rows + r] = a[r * cols + c];
                    }
                }
            }
        }
        return t;
    }

    /** i-p-j loops: the inner loop over j is a plain FMA over a row, which C2 vectorizes by itself. */
    private static final class PlainKernel implements Kernel {
        @Override
        public void multiply(double[] a, double[] b, double[] c, int n, int k, int m, int j0, int j1, boolean overwrite) {
            if (overwrite) {
                for (int i = 0; i < n; i++) {
                    java.util.Arrays.fill(c, i * m + j0, i * m + j1, 0.0);
                }
            }
            for (int p0 = 0; p0 < k; p0 += KC) {
                int p1 = Math.min(k, p0 + KC);
                for (int i = 0; i < n; i++) {
                    int ci = i * m;
                    for (int p = p0; p < p1; p++) {
                        double aip = a[i * k + p];
                        int bp = p * m;
                        for (int j = j0; j < j1; j++) {
                            c[ci + j] = Math.fma(aip, b[bp + j], c[ci + j]);
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

    /**
     * 8 × 2L register blocks of C (then 4 × 2L and 1 × 2L for the rows left over), on the Vector API; then
     * one-vector blocks and scalar chains for the columns left over. Only loaded when the module is present.
     */
    private static final class VectorKernel implements Kernel {
        private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
        private static final int L = S.length();

        @Override
        public void multiply(double[] a, double[] b, double[] c, int n, int k, int m, int j0, int j1, boolean overwrite) {
            for (int p0 = 0; p0 < k; p0 += KC) {
                int p1 = Math.min(k, p0 + KC);
                boolean z = overwrite && p0 == 0;          // the first slab starts each chain from 0, not from C
                int j = j0;
                for (; j + 2 * L <= j1; j += 2 * L) {          // the main blocks: two vectors wide
                    int i = 0;
                    for (; i + 8 <= n; i += 8) {
                        block8(a, b, c, k, m, i, j, p0, p1, z);
                    }
                    for (; i + 4 <= n; i += 4) {
                        block4(a, b, c, k, m, i, j, p0, p1, z);
                    }
                    for (; i < n; i++) {
                        block1(a, b, c, k, m, i, j, p0, p1, z);
                    }
                }
                if (j + L <= j1) {                             // one vector wide (e.g. 8 of an output layer's 10)
                    int i = 0;
                    for (; i + 4 <= n; i += 4) {
                        narrow4(a, b, c, k, m, i, j, p0, p1, z);
                    }
                    for (; i < n; i++) {
                        narrow1(a, b, c, k, m, i, j, p0, p1, z);
                    }
                    j += L;
                }
                for (; j < j1; j++) {                          // fewer than L columns left: scalars
                    remainder(a, b, c, n, k, m, j, p0, p1, z);
                }
            }
        }

        /**
         * One column j of C, four rows at a time so that four independent FMA chains hide each other's latency.
         * (Masked vector stores would be shorter, but on JDK 17 they read and rewrite the whole vector, which could
         * race with the thread that owns the next columns.)
         */
        private static void remainder(double[] a, double[] b, double[] c, int n, int k, int m, int j, int p0, int p1,
                                      boolean z) {
            int i = 0;
            for (; i + 4 <= n; i += 4) {
                double s0 = z ? 0 : c[i * m + j];
                double s1 = z ? 0 : c[(i + 1) * m + j];
                double s2 = z ? 0 : c[(i + 2) * m + j];
                double s3 = z ? 0 : c[(i + 3) * m + j];
                for (int p = p0; p < p1; p++) {
                    double bp = b[p * m + j];
                    s0 = Math.fma(a[i * k + p], bp, s0);
                    s1 = Math.fma(a[(i + 1) * k + p], bp, s1);
                    s2 = Math.fma(a[(i + 2) * k + p], bp, s2);
                    s3 = Math.fma(a[(i + 3) * k + p], bp, s3);
                }
                c[i * m + j] = s0;
                c[(i + 1) * m + j] = s1;
                c[(i + 2) * m + j] = s2;
                c[(i + 3) * m + j] = s3;
            }
            for (; i < n; i++) {
                double s = z ? 0 : c[i * m + j];
                for (int p = p0; p < p1; p++) {
                    s = Math.fma(a[i * k + p], b[p * m + j], s);
                }
                c[i * m + j] = s;
            }
        }

        /** Rows i … i+3, columns j … j+L−1. */
        private static void narrow4(double[] a, double[] b, double[] c, int k, int m, int i, int j, int p0, int p1,
                                   boolean z) {
            int r0 = i * m + j;
            DoubleVector c0 = load(c, r0, z);
            DoubleVector c1 = load(c, r0 + m, z);
            DoubleVector c2 = load(c, r0 + 2 * m, z);
            DoubleVector c3 = load(c, r0 + 3 * m, z);
            for (int p = p0; p < p1; p++) {
                DoubleVector bv = DoubleVector.fromArray(S, b, p * m + j);
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
        private static void narrow1(double[] a, double[] b, double[] c, int k, int m, int i, int j, int p0, int p1,
                                   boolean z) {
            DoubleVector acc = load(c, i * m + j, z);
            for (int p = p0; p < p1; p++) {
                acc = DoubleVector.broadcast(S, a[i * k + p]).fma(DoubleVector.fromArray(S, b, p * m + j), acc);
            }
            acc.intoArray(c, i * m + j);
        }

        /** Rows i … i+7, columns j … j+2L−1: sixteen accumulators, so both FMA pipes always have work. */
        private static void block8(double[] a, double[] b, double[] c, int k, int m, int i, int j, int p0, int p1,
                                   boolean z) {
            int r0 = i * m + j;
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
            int a0 = i * k;
            for (int p = p0; p < p1; p++) {
                DoubleVector b0 = DoubleVector.fromArray(S, b, p * m + j);
                DoubleVector b1 = DoubleVector.fromArray(S, b, p * m + j + L);
                DoubleVector x = DoubleVector.broadcast(S, a[a0 + p]);
                c00 = x.fma(b0, c00);
                c01 = x.fma(b1, c01);
                x = DoubleVector.broadcast(S, a[a0 + k + p]);
                c10 = x.fma(b0, c10);
                c11 = x.fma(b1, c11);
                x = DoubleVector.broadcast(S, a[a0 + 2 * k + p]);
                c20 = x.fma(b0, c20);
                c21 = x.fma(b1, c21);
                x = DoubleVector.broadcast(S, a[a0 + 3 * k + p]);
                c30 = x.fma(b0, c30);
                c31 = x.fma(b1, c31);
                x = DoubleVector.broadcast(S, a[a0 + 4 * k + p]);
                c40 = x.fma(b0, c40);
                c41 = x.fma(b1, c41);
                x = DoubleVector.broadcast(S, a[a0 + 5 * k + p]);
                c50 = x.fma(b0, c50);
                c51 = x.fma(b1, c51);
                x = DoubleVector.broadcast(S, a[a0 + 6 * k + p]);
                c60 = x.fma(b0, c60);
                c61 = x.fma(b1, c61);
                x = DoubleVector.broadcast(S, a[a0 + 7 * k + p]);
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

        /** Rows i … i+3, columns j … j+2L−1, p from p0 to p1. */
        private static void block4(double[] a, double[] b, double[] c, int k, int m, int i, int j, int p0, int p1,
                                   boolean z) {
            int r0 = i * m + j;
            int r1 = r0 + m;
            int r2 = r1 + m;
            int r3 = r2 + m;
            DoubleVector c00 = load(c, r0, z);
            DoubleVector c01 = load(c, r0 + L, z);
            DoubleVector c10 = load(c, r1, z);
            DoubleVector c11 = load(c, r1 + L, z);
            DoubleVector c20 = load(c, r2, z);
            DoubleVector c21 = load(c, r2 + L, z);
            DoubleVector c30 = load(c, r3, z);
            DoubleVector c31 = load(c, r3 + L, z);
            int a0 = i * k;
            int a1 = a0 + k;
            int a2 = a1 + k;
            int a3 = a2 + k;
            for (int p = p0; p < p1; p++) {
                DoubleVector b0 = DoubleVector.fromArray(S, b, p * m + j);
                DoubleVector b1 = DoubleVector.fromArray(S, b, p * m + j + L);
                DoubleVector x0 = DoubleVector.broadcast(S, a[a0 + p]);
                c00 = x0.fma(b0, c00);
                c01 = x0.fma(b1, c01);
                DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + p]);
                c10 = x1.fma(b0, c10);
                c11 = x1.fma(b1, c11);
                DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + p]);
                c20 = x2.fma(b0, c20);
                c21 = x2.fma(b1, c21);
                DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + p]);
                c30 = x3.fma(b0, c30);
                c31 = x3.fma(b1, c31);
            }
            c00.intoArray(c, r0);
            c01.intoArray(c, r0 + L);
            c10.intoArray(c, r1);
            c11.intoArray(c, r1 + L);
            c20.intoArray(c, r2);
            c21.intoArray(c, r2 + L);
            c30.intoArray(c, r3);
            c31.intoArray(c, r3 + L);
        }

        /** One row, columns j … j+2L−1. */
        private static void block1(double[] a, double[] b, double[] c, int k, int m, int i, int j, int p0, int p1,
                                   boolean z) {
            int r = i * m + j;
            DoubleVector c0 = load(c, r, z);
            DoubleVector c1 = load(c, r + L, z);
            for (int p = p0; p < p1; p++) {
                DoubleVector x = DoubleVector.broadcast(S, a[i * k + p]);
                c0 = x.fma(DoubleVector.fromArray(S, b, p * m + j), c0);
                c1 = x.fma(DoubleVector.fromArray(S, b, p * m + j + L), c1);
            }
            c0.intoArray(c, r);
            c1.intoArray(c, r + L);
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
}
