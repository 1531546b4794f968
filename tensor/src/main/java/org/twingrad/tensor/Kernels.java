package org.twingrad.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast path: the loops training spends its time in, and the threads they run on. Everything else in twingrad is
 * plain loops; this class alone is tuned, and it alone uses the Vector API.
 *
 * <p><b>Matrix multiply</b>, {@code C[n×m] += A[n×k]·B[k×m]} on row-major arrays, in three layers:
 * <ol>
 *   <li><b>Summation order, fixed.</b> Every element is one chain of fused multiply-adds over p = 0, 1, …, k−1:
 *       c = fma(a[i,p], b[p,j], c). Blocking, vectorization and threads change which element is computed when, never
 *       the order within an element, so the result is bit-identical on 1 thread or 16, with or without vectors.</li>
 *   <li><b>Register and cache blocking.</b> The vector kernel keeps an 8 × 2L block of C in registers (L = lanes per
 *       vector, 8 with AVX-512: sixteen accumulators, enough to keep two FMA pipes of latency 4 busy) while it runs
 *       down a slab of {@value #KC} values of p, so each load of B feeds eight FMAs and the B slab (KC × 2L doubles)
 *       stays close in the cache. Measured here: the 4 × 2L block it replaced reached 35 GFLOP/s on one core at
 *       (50×784)·(784×256), this one 45.</li>
 *   <li><b>Threads.</b> Products of at least {@value #PARALLEL_FLOPS} flops are split by columns of C across the
 *       calling thread and helper threads ({@link #setThreads}); smaller ones run on the caller's thread, where a
 *       hand-off would cost more than it saves. Helpers spin briefly between products rather than park at once.</li>
 * </ol>
 * A transposed operand is copied: for ∂C·Bᵀ, Bᵀ into a per-thread scratch array; for Aᵀ·∂C, 8 rows of Aᵀ at a time,
 * by the thread that computes those 8 rows of the product.
 *
 * <p><b>e^x</b> over an array ({@link #exp(double[], double[])}), for sigmoid: {@link Math#exp} takes one value at a
 * time, and took 9 of the 55 ms of a CMU epoch. The vector kernel evaluates the same polynomial on a whole vector.
 *
 * <p><b>Loops over ranges</b> ({@link #forRanges}): an optimizer's pass over a weight matrix, split across the same
 * threads.
 *
 * <p>The vector kernel uses the incubating Vector API ({@code --add-modules jdk.incubator.vector}); without that
 * module, or with {@code -Dtwingrad.vector=false}, a plain-Java kernel with the same steps is chosen at run time (the
 * JIT auto-vectorizes its matmul loop, more slowly). Both give the same bits.
 */
public final class Kernels {
    /** Depth of a p-slab: 256 rows of a 2L-wide B panel is 32 KiB with L = 8, an L1 cache's worth. */
    static final int KC = 256;
    /** Below this many flops (2·n·k·m) one thread does the whole product. */
    static final long PARALLEL_FLOPS = 2_000_000;

    private static final Kernel KERNEL = chooseKernel();
    private static volatile int threads = defaultThreads();

    private Kernels() {}

    /**
     * Computes columns [j0, j1) of C += A·B, or of C = A·B when {@code overwrite} (then C is never read). Row i of C
     * starts at {@code c[co + i·m]}, so a strip of rows can be computed in place.
     */
    private interface Kernel {
        void multiply(double[] a, double[] b, double[] c, int co, int n, int k, int m, int j0, int j1, boolean overwrite);

        /** out[i] = e^x[i] for every i, by {@link #exp(double)}'s steps. */
        void exp(double[] x, double[] out);

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
        run(a, transposeToScratch(b, m, k), c, n, k, m, overwrite);
    }

    /**
     * C[n×m] += Aᵀ·B (= when {@code overwrite}) where A is stored k×n: the ∂B = Aᵀ·∂C of backward (the weight
     * gradient Xᵀ·δ). C is made in strips of 8 rows: each strip's 8 rows of Aᵀ, 8 columns of the stored A, are first
     * copied side by side into a small per-thread array, which then stays in the L1 cache for the whole strip. The
     * threads share out the strips, so each copies only its own part of A, and no thread waits for a whole
     * transposed copy before it can start.
     */
    public static void multiplyTransposedA(double[] a, double[] b, double[] c, int n, int k, int m, boolean overwrite) {
        int strips = (n + 7) / 8;
        int parts = 2L * n * k * m < PARALLEL_FLOPS ? 1 : Math.min(threads, strips);
        int per = (strips + parts - 1) / parts;                             // strips per thread
        inParallel(parts, part -> {
            double[] rows = scratch(8 * k);
            for (int s = part * per; s < Math.min(strips, (part + 1) * per); s++) {
                int i0 = 8 * s;
                int h = Math.min(8, n - i0);
                for (int p = 0; p < k; p++) {                               // reads 8 neighbours of row p of A
                    for (int r = 0; r < h; r++) {
                        rows[r * k + p] = a[p * n + i0 + r];                // (Aᵀ)[i0 + r, p] = A[p, i0 + r]
                    }
                }
                KERNEL.multiply(rows, b, c, i0 * m, h, k, m, 0, m, overwrite);
            }
        });
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
            KERNEL.multiply(a, b, c, 0, n, k, m, 0, m, overwrite);
            return;
        }
        // Column chunks, multiples of 16 wide so every chunk but the last is all full vector blocks.
        int per = ((m + chunks - 1) / chunks + lanes - 1) / lanes * lanes;      // at most `chunks` chunks
        inParallel((m + per - 1) / per, part -> KERNEL.multiply(a, b, c, 0, n, k, m, part * per,
                Math.min(m, (part + 1) * per), overwrite));
    }

    /** The body of a loop over [from, to). */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    /**
     * Runs a loop over [0, n) whose iterations are independent, split into one contiguous range per thread when n is
     * at least {@value #PARALLEL_ELEMENTS} (an optimizer's pass over a weight matrix), else on this thread alone.
     * As each iteration writes only its own elements, the result does not depend on the split.
     *
     * <pre>{@code
     * Kernels.forRanges(w.length, (from, to) -> {
     *     for (int i = from; i < to; i++) w[i] -= lr * g[i];
     * });
     * }</pre>
     */
    public static void forRanges(int n, Range body) {
        int parts = (int) Math.min(threads, Math.max(1, (long) n / PARALLEL_ELEMENTS));
        int per = (n + parts - 1) / parts;
        inParallel(parts, part -> body.run(part * per, Math.min(n, (part + 1) * per)));
    }

    /** Below this many elements a loop runs on one thread. */
    static final int PARALLEL_ELEMENTS = 32_768;

    /** Runs part 0 on the calling thread and parts 1 … parts−1 on helper threads, and returns when all are done. */
    private static void inParallel(int parts, java.util.function.IntConsumer part) {
        if (parts <= 1) {
            part.accept(0);
            return;
        }
        Helper[] helpers = helpers(parts - 1);
        for (int h = 1; h < parts; h++) {
            int index = h;
            helpers[h - 1].start(() -> part.accept(index));
        }
        try {
            part.accept(0);
        } finally {
            for (int h = 1; h < parts; h++) {
                helpers[h - 1].await();
            }
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
     * A helper thread that takes one part of a product or loop at a time. Between parts it spins for up to a
     * millisecond before parking: a training step hands it new work every few tens of microseconds, and waking a
     * parked thread costs about as much as the part it would compute. A spinning helper is not unparked.
     */
    private static final class Helper extends Thread {
        private static final long SPIN_NANOS = 1_000_000;
        private volatile Runnable task;
        private volatile boolean busy;
        private volatile boolean parked;
        private volatile Throwable failure;

        Helper(int index) {
            super("twingrad-kernel-" + index);
            setDaemon(true);
            start();
        }

        void start(Runnable r) {
            busy = true;
            task = r;
            if (parked) {                   // a spinning helper sees the task by itself; waking it costs a system call
                java.util.concurrent.locks.LockSupport.unpark(this);
            }
        }

        void await() {
            while (busy) {
                Thread.onSpinWait();
            }
            Throwable f = failure;
            if (f != null) {
                failure = null;
                throw new IllegalStateException("kernel helper thread failed: " + f, f);
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
                        parked = true;
                        if (task == null) {     // checked after announcing it: a task set since is not missed
                            java.util.concurrent.locks.LockSupport.park(this);
                        }
                        parked = false;
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

    /** The transpose of a rows × cols row-major matrix, as a new array. */
    public static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[rows * cols];
        transpose(a, rows, cols, t);
        return t;
    }

    /**
     * The transposed operand of a product, in this thread's scratch array: it is read only until the product returns,
     * so one buffer per thread does instead of a fresh array (of up to a weight matrix's size) every step.
     */
    private static double[] transposeToScratch(double[] a, int rows, int cols) {
        double[] t = scratch(rows * cols);
        transpose(a, rows, cols, t);
        return t;
    }

    /** This thread's scratch array, at least {@code size} long. */
    private static double[] scratch(int size) {
        double[] t = SCRATCH.get();
        if (t.length < size) {
            t = new double[size];
            SCRATCH.set(t);
        }
        return t;
    }

    private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[0]);

    /**
     * t = aᵀ for a rows × cols matrix. Copying costs O(n·k), small beside the O(n·k·m) product it prepares; it goes in
     * 16 × 16 tiles so that both the reads and the writes stay within a few cache lines at a time, and large matrices
     * are split by columns across the threads.
     */
    private static void transpose(double[] a, int rows, int cols, double[] t) {
        final int tile = 16;
        int tiles = (cols + tile - 1) / tile;
        int parts = (long) rows * cols >= PARALLEL_ELEMENTS ? Math.min(threads, tiles) : 1;
        int per = (tiles + parts - 1) / parts * tile;                      // columns per part, whole tiles
        inParallel(parts, part -> {
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

    // ---- e^x ------------------------------------------------------------------------------------------------------

    /**
     * out[i] = e^x[i] (the arrays may be the same), for {@code Tensor.sigmoid} and {@code Tensor.exp}. The vector
     * kernel runs the steps of {@link #exp(double)} on whole vectors, the plain kernel one value at a time, so both
     * give the same bits.
     */
    public static void exp(double[] x, double[] out) {
        if (out.length < x.length) {
            throw new IllegalArgumentException("exp: output of " + out.length + " elements for " + x.length + " inputs");
        }
        KERNEL.exp(x, out);
    }

    private static final double LOG2E = 1.4426950408889634;        // 1/ln 2
    private static final double LN2_HI = 0.6931471805599453;       // ln 2 rounded to a double …
    private static final double LN2_LO = 2.3190468138462996e-17;   // … and the rest of ln 2
    /** 1.5·2⁵²: adding it rounds to an integer, which then sits in the low bits of the sum. */
    private static final double SHIFTER = 0x1.8p52;
    private static final long SHIFTER_BITS = Double.doubleToRawLongBits(SHIFTER);
    /** 1/i!: the Taylor coefficients of e^r. */
    private static final double F2 = 1.0 / 2, F3 = 1.0 / 6, F4 = 1.0 / 24, F5 = 1.0 / 120, F6 = 1.0 / 720,
        F7 = 1.0 / 5040, F8 = 1.0 / 40320, F9 = 1.0 / 362880, F10 = 1.0 / 3628800, F11 = 1.0 / 39916800,
        F12 = 1.0 / 479001600, F13 = 1.0 / 6227020800L;

    /**
     * e^x within one unit in the last place, in fixed IEEE steps (so every JVM and both kernels give the same bits):
     * <ol>
     *   <li>x = n·ln 2 + r with n = round(x/ln 2), |r| ≤ ½ ln 2, so e^x = 2ⁿ·e^r;</li>
     *   <li>e^r = 1 + r + r²·(1/2! + r/3! + … + r¹¹/13!): the next term, r¹⁴/14!, is below 10⁻¹⁷;</li>
     *   <li>2ⁿ as two powers of two built from their exponent bits, 2^⌊n/2⌋·2^(n−⌊n/2⌋), so that results near
     *       overflow and in the subnormal range are rounded once, at the last multiply.</li>
     * </ol>
     * Outside [−746, 710] e^x is 0 or ∞ in double precision, so x is clamped there first; NaN stays NaN.
     */
    static double exp(double x) {
        x = Math.min(Math.max(x, -746.0), 710.0);
        double t = x * LOG2E + SHIFTER;                 // n in t's low bits
        double n = t - SHIFTER;
        double r = Math.fma(n, -LN2_HI, x);             // r = x − n·ln 2, in two parts for precision
        r = Math.fma(n, -LN2_LO, r);
        double q = Math.fma(F13, r, F12);               // Horner's rule, highest term first
        q = Math.fma(q, r, F11);
        q = Math.fma(q, r, F10);
        q = Math.fma(q, r, F9);
        q = Math.fma(q, r, F8);
        q = Math.fma(q, r, F7);
        q = Math.fma(q, r, F6);
        q = Math.fma(q, r, F5);
        q = Math.fma(q, r, F4);
        q = Math.fma(q, r, F3);
        q = Math.fma(q, r, F2);
        double er = 1 + Math.fma(q, r * r, r);          // e^r = 1 + r + r²·q
        long bits = Double.doubleToRawLongBits(t) - SHIFTER_BITS;
        long half = bits >> 1;
        return er * powerOfTwo(half) * powerOfTwo(bits - half);
    }

    /** 2^e for −1022 ≤ e ≤ 1023, from its exponent bits. */
    private static double powerOfTwo(long e) {
        return Double.longBitsToDouble((e + 1023) << 52);
    }

    /** i-p-j loops: the inner loop over j is a plain FMA over a row, which C2 vectorizes by itself. */
    private static final class PlainKernel implements Kernel {
        @Override
        public void multiply(double[] a, double[] b, double[] c, int co, int n, int k, int m, int j0, int j1, boolean overwrite) {
            if (overwrite) {
                for (int i = 0; i < n; i++) {
                    java.util.Arrays.fill(c, co + i * m + j0, co + i * m + j1, 0.0);
                }
            }
            for (int p0 = 0; p0 < k; p0 += KC) {
                int p1 = Math.min(k, p0 + KC);
                for (int i = 0; i < n; i++) {
                    int ci = co + i * m;
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
        public void exp(double[] x, double[] out) {
            for (int i = 0; i < x.length; i++) {
                out[i] = Kernels.exp(x[i]);
            }
        }

        @Override
        public String name() {
            return "plain";
        }
    }

    /**
     * 8 × 2L register blocks of C (then 2 × 2L and 1 × 2L for the rows left over), on the Vector API; then
     * one-vector blocks and scalar chains for the columns left over. Only loaded when the module is present.
     */
    private static final class VectorKernel implements Kernel {
        private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
        private static final int L = S.length();

        @Override
        public void multiply(double[] a, double[] b, double[] c, int co, int n, int k, int m, int j0, int j1, boolean overwrite) {
            for (int p0 = 0; p0 < k; p0 += KC) {
                int p1 = Math.min(k, p0 + KC);
                boolean z = overwrite && p0 == 0;          // the first slab starts each chain from 0, not from C
                int j = j0;
                for (; j + 2 * L <= j1; j += 2 * L) {          // the main blocks: two vectors wide
                    int i = 0;
                    for (; i + 8 <= n; i += 8) {
                        block8(a, b, c, co, k, m, i, j, p0, p1, z);
                    }
                    for (; i + 2 <= n; i += 2) {
                        block2(a, b, c, co, k, m, i, j, p0, p1, z);
                    }
                    for (; i < n; i++) {
                        block1(a, b, c, co, k, m, i, j, p0, p1, z);
                    }
                }
                if (j + L <= j1) {                             // one vector wide (e.g. 8 of an output layer's 10)
                    int i = 0;
                    for (; i + 4 <= n; i += 4) {
                        narrow4(a, b, c, co, k, m, i, j, p0, p1, z);
                    }
                    for (; i < n; i++) {
                        narrow1(a, b, c, co, k, m, i, j, p0, p1, z);
                    }
                    j += L;
                }
                for (; j < j1; j++) {                          // fewer than L columns left: scalars
                    remainder(a, b, c, co, n, k, m, j, p0, p1, z);
                }
            }
        }

        /**
         * One column j of C, four rows at a time so that four independent FMA chains hide each other's latency.
         * (Masked vector stores would be shorter, but on JDK 17 they read and rewrite the whole vector, which could
         * race with the thread that owns the next columns.)
         */
        private static void remainder(double[] a, double[] b, double[] c, int co, int n, int k, int m, int j, int p0, int p1,
                                      boolean z) {
            int i = 0;
            for (; i + 4 <= n; i += 4) {
                double s0 = z ? 0 : c[co + i * m + j];
                double s1 = z ? 0 : c[co + (i + 1) * m + j];
                double s2 = z ? 0 : c[co + (i + 2) * m + j];
                double s3 = z ? 0 : c[co + (i + 3) * m + j];
                for (int p = p0; p < p1; p++) {
                    double bp = b[p * m + j];
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
            for (; i < n; i++) {
                double s = z ? 0 : c[co + i * m + j];
                for (int p = p0; p < p1; p++) {
                    s = Math.fma(a[i * k + p], b[p * m + j], s);
                }
                c[co + i * m + j] = s;
            }
        }

        /** Rows i … i+3, columns j … j+L−1. */
        private static void narrow4(double[] a, double[] b, double[] c, int co, int k, int m, int i, int j, int p0, int p1,
                                   boolean z) {
            int r0 = co + i * m + j;
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
        private static void narrow1(double[] a, double[] b, double[] c, int co, int k, int m, int i, int j, int p0, int p1,
                                   boolean z) {
            DoubleVector acc = load(c, co + i * m + j, z);
            for (int p = p0; p < p1; p++) {
                acc = DoubleVector.broadcast(S, a[i * k + p]).fma(DoubleVector.fromArray(S, b, p * m + j), acc);
            }
            acc.intoArray(c, co + i * m + j);
        }

        /** Rows i … i+7, columns j … j+2L−1: sixteen accumulators, so both FMA pipes always have work. */
        private static void block8(double[] a, double[] b, double[] c, int co, int k, int m, int i, int j, int p0, int p1,
                                   boolean z) {
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

        /**
         * Rows i, i+1, columns j … j+2L−1: four chains, enough to keep one FMA pipe busy, for the rows left over after
         * blocks of 8 (two of them in a batch of 50).
         */
        private static void block2(double[] a, double[] b, double[] c, int co, int k, int m, int i, int j, int p0, int p1,
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
                DoubleVector b0 = DoubleVector.fromArray(S, b, p * m + j);
                DoubleVector b1 = DoubleVector.fromArray(S, b, p * m + j + L);
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

        /** One row, columns j … j+2L−1. */
        private static void block1(double[] a, double[] b, double[] c, int co, int k, int m, int i, int j, int p0, int p1,
                                   boolean z) {
            int r = co + i * m + j;
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

        /** {@link Kernels#exp(double)}'s steps, L lanes at a time; the last x.length mod L values one at a time. */
        @Override
        public void exp(double[] x, double[] out) {
            DoubleVector minusLn2Hi = DoubleVector.broadcast(S, -LN2_HI);
            DoubleVector minusLn2Lo = DoubleVector.broadcast(S, -LN2_LO);
            int i = 0;
            for (; i + L <= x.length; i += L) {
                DoubleVector v = DoubleVector.fromArray(S, x, i).max(-746.0).min(710.0);
                DoubleVector t = v.mul(LOG2E).add(SHIFTER);
                DoubleVector n = t.sub(SHIFTER);
                DoubleVector r = n.fma(minusLn2Hi, v);
                r = n.fma(minusLn2Lo, r);
                DoubleVector q = r.fma(F13, F12);
                q = q.fma(r, broadcast(F11));
                q = q.fma(r, broadcast(F10));
                q = q.fma(r, broadcast(F9));
                q = q.fma(r, broadcast(F8));
                q = q.fma(r, broadcast(F7));
                q = q.fma(r, broadcast(F6));
                q = q.fma(r, broadcast(F5));
                q = q.fma(r, broadcast(F4));
                q = q.fma(r, broadcast(F3));
                q = q.fma(r, broadcast(F2));
                DoubleVector er = q.fma(r.mul(r), r).add(1.0);
                LongVector bits = t.reinterpretAsLongs().sub(SHIFTER_BITS);
                LongVector half = bits.lanewise(VectorOperators.ASHR, 1);
                er.mul(powerOfTwo(half)).mul(powerOfTwo(bits.sub(half))).intoArray(out, i);
            }
            for (; i < x.length; i++) {
                out[i] = Kernels.exp(x[i]);
            }
        }

        private static DoubleVector broadcast(double c) {
            return DoubleVector.broadcast(S, c);
        }

        private static DoubleVector powerOfTwo(LongVector e) {
            return e.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        }

        @Override
        public String name() {
            return "vector(" + L + " lanes)";
        }
    }
}
