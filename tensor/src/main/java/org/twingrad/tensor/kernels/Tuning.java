package org.twingrad.tensor.kernels;

/**
 * Every tuning constant of the kernels, with how it was chosen. None of them changes a result: they decide which
 * element of a product is computed when and on which thread, never the order of the sum within an element.
 */
public final class Tuning {
    private Tuning() {}

    /**
     * Depth of a p-slab of a product: 256 rows of a B panel two vectors wide (2L = 16 doubles with AVX-512) is 32 KiB,
     * an L1 data cache's worth, so the panel is read from L1 by every row block of A.
     */
    public static final int KC = 256;

    /**
     * Rows of C in a register block of the vector kernel, and in a strip of Aᵀ·B: 8 rows × 2 vectors are sixteen
     * accumulators, enough to keep two FMA pipes of latency 4 busy, and each load of B feeds eight FMAs. Measured: the
     * 4-row block it replaced reached 35 GFLOP/s on one core at (50×784)·(784×256), this one 45. ({@link
     * VectorMatMul}'s block8 is written out for 8.)
     */
    public static final int ROWS = 8;

    /**
     * Rows of A in a block that runs across all of a p-slab's packed panels before the next block starts: 128 rows ×
     * {@link #KC} doubles is 256 KiB, half a 512 KiB L2 cache, so the block is read from L2 by every panel, and B's
     * packed slab is read from L3 once per block instead of A's slab from L3 once per panel.
     */
    public static final int MC = 128;

    /**
     * From this many rows of A on, the vector kernel packs B's panels ({@link Packing}) also when B is stored in place:
     * a copy of B costs as much as about 8 of its rows' products, and for m a large power of two (1024³) the packed
     * panel no longer maps onto a few cache sets. Below it, B is read in place. Strips of Aᵀ·B ({@link #ROWS} rows)
     * stay below it, so their shared B is never copied once per strip.
     */
    public static final int PACK_ROWS = 64;

    /**
     * Below this many rows of A, A·Wᵀ is computed as dot products along W's rows in place (a batch-1 step), since packing
     * W would copy as many elements as the product multiplies; from 4 rows on, packing costs less than the vector
     * blocks save.
     */
    public static final int PACK_MIN_ROWS = 4;

    /**
     * Columns of C are shared out between threads in multiples of this, two vectors of 8 lanes, so that every chunk
     * but the last is made of whole register blocks.
     */
    public static final int COLUMN_CHUNK = 16;

    /**
     * Below this many flops (2·n·k·m) one thread does a whole product: 2 MFLOP is some 45 µs on one core, and handing
     * parts to helper threads and waiting for them costs a few µs, so smaller products would gain little or lose.
     */
    public static final long PARALLEL_FLOPS = 2_000_000;

    /**
     * Below this many elements a loop (an optimizer's pass, a transpose) runs on one thread: 32 Ki doubles take about
     * as long to stream through as a hand-off to the helpers costs.
     */
    public static final int PARALLEL_ELEMENTS = 32_768;

    /**
     * How long an idle helper thread spins before it parks: a training step hands it new work every few tens of
     * microseconds, and waking a parked thread (a system call) costs about as much as the part it would compute.
     */
    public static final long SPIN_NANOS = 1_000_000;

    /** Rounds of {@code Kernels.warmUp}: C2 compiles a method after some 5,000 calls, fewer with long loops. */
    public static final int WARM_UP_ROUNDS = 500;

    /** Edge of a transpose tile: 16 × 16 doubles, so that reads and writes each stay within 16 rows of two cache lines. */
    public static final int TILE = 16;

    /** e^x rounds to 0 below this (e^−746 is under half the smallest subnormal, 2^−1075), so x is clamped here. */
    public static final double EXP_MIN = -746.0;

    /** e^x overflows to ∞ above this (ln of the largest double is 709.78), so x is clamped here. */
    public static final double EXP_MAX = 710.0;
}
