package org.twingrad.data;

import java.util.function.DoubleSupplier;
import java.util.stream.IntStream;

/**
 * A random generator that gives, bit for bit, the numbers of NumPy's legacy {@code np.random.seed(s)} /
 * {@code RandomState(s)}: so the seed printed in a homework's NumPy starter code replays the same weights and data here.
 *
 * <p>It is the Mersenne Twister MT19937 seeded as NumPy seeds it from an integer ({@code init_genrand}), and the
 * distributions follow NumPy's legacy C code:
 * <ul>
 *   <li>{@link #randomSample()}: 53 bits from two 32-bit draws, {@code ((a >> 5)·2²⁶ + (b >> 6)) / 2⁵³};</li>
 *   <li>{@link #randn()}: the polar (Marsaglia) method, which makes two normals at a time and caches the second;</li>
 *   <li>{@link #randint(long, long)}: masked rejection sampling on 32-bit draws;</li>
 *   <li>{@link #shuffle(int[])}, {@link #permutation(int)}: Fisher–Yates from the end, as {@code RandomState.shuffle}.</li>
 * </ul>
 *
 * <pre>{@code
 * NumpyRandom rng = new NumpyRandom(0);   // np.random.seed(0)
 * rng.randn();                            // 1.764052345967664, as np.random.randn()
 * double[] w = rng.randn(4 * 10);         // np.random.randn(4, 10), row-major
 * }</pre>
 *
 * <p><b>The one platform dependence.</b> NumPy's {@code randn} calls the C library's {@code log}, which is not
 * correctly rounded: glibc's differs from the exact value in the last bit for roughly 1 input in 1,400, and other C
 * libraries differ elsewhere, so NumPy itself gives slightly different normals on different systems. twingrad takes
 * the correctly rounded logarithm (see {@link #log(double)}), the same on every machine; it agrees with NumPy on glibc
 * bit for bit except for those rare pairs, where the two normals differ by about one ulp.
 *
 * <p>Not thread-safe: like NumPy's generator, it is a sequence, and its order is the point.
 */
public final class NumpyRandom {
    private static final int N = 624;
    private static final int M = 397;

    private final int[] mt = new int[N];
    private int index;
    private boolean hasGauss;
    private double gauss;

    /** The generator of {@code np.random.seed(seed)}; NumPy takes seeds in 0 … 2³² − 1. */
    public NumpyRandom(long seed) {
        if (seed < 0 || seed > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("seed must be between 0 and 2^32 - 1 (as NumPy requires), got " + seed);
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            // Knuth's multiplier, as MT19937's init_genrand and NumPy's mt19937_seed.
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    /** The next raw 32-bit output of MT19937, as an unsigned value in a {@code long}. */
    public long nextUint32() {
        if (index >= N) {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xFFFF_FFFFL;
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (mt[i] & 0x8000_0000) | (mt[(i + 1) % N] & 0x7fff_ffff);
            int next = mt[(i + M) % N] ^ (y >>> 1);
            mt[i] = (y & 1) != 0 ? next ^ 0x9908b0df : next;
        }
        index = 0;
    }

    /** A double in [0, 1) with 53 random bits, as {@code np.random.random_sample()}. */
    public double randomSample() {
        long a = nextUint32() >>> 5;
        long b = nextUint32() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /** {@code n} draws of {@link #randomSample()}. */
    public double[] randomSample(int n) {
        return draws(n, this::randomSample);
    }

    /**
     * A standard normal, as {@code np.random.randn()}: the legacy polar method. Each pair of uniforms accepted inside
     * the unit circle gives two normals; the second is returned by the next call.
     */
    public double randn() {
        if (hasGauss) {
            hasGauss = false;
            return gauss;
        }
        double x1, x2, r2;
        do {
            x1 = 2.0 * randomSample() - 1.0;
            x2 = 2.0 * randomSample() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * log(r2) / r2);
        gauss = f * x1;
        hasGauss = true;
        return f * x2;
    }

    private static final double LN2_HI = 0x1.62e42fefa39efp-1;
    private static final double LN2_LO = 0x1.abc9e3b39803fp-56;

    /**
     * The natural logarithm of a positive normal double, correctly rounded, so the polar method gives the same normals
     * on every JVM (Math.log may differ by an ulp between platforms).
     *
     * <p>With x = 2^e·m, m ∈ [√½, √2]: log x = e·ln 2 + 2·atanh(s), s = (m − 1)/(m + 1), and
     * atanh(s) = s·Σ s^(2k)/(2k + 1). Everything is carried in double-double arithmetic (a value as hi + lo, products
     * split exactly with fma); |s| ≤ 0.172 makes 23 terms reach about 2⁻¹⁰⁶, far below the half-ulp that rounding
     * to double needs.
     */
    static double log(double x) {
        int e = Math.getExponent(x);
        double m = Math.scalb(x, -e);
        if (m > 1.4142135623730951) {
            m *= 0.5;
            e++;
        }
        // s = (m − 1)/(m + 1) as sh + sl; m − 1 is exact, m + 1 = dh + dl exactly.
        double num = m - 1;
        double dh = m + 1;
        double dl = m - (dh - 1);
        double q1 = num / dh;
        double p = q1 * dh;
        double residual = ((num - p) - Math.fma(q1, dh, -p)) - q1 * dl;
        double q2 = residual / dh;
        double sh = q1 + q2;
        double sl = q2 - (sh - q1);
        // s² as s2h + s2l.
        double s2h = sh * sh;
        double s2l = Math.fma(sh, sh, -s2h) + 2 * sh * sl;
        // t = Σ_k s^(2k)/(2k+1) by Horner, from k = 22 down.
        double th = 1.0 / 45;
        double tl = 0;
        for (int k = 21; k >= 0; k--) {
            double ph = th * s2h;
            double pl = Math.fma(th, s2h, -ph) + (th * s2l + tl * s2h);
            double ch = 1.0 / (2 * k + 1);
            double cl = Math.fma(-ch, 2 * k + 1, 1.0) / (2 * k + 1);
            double a = ph + ch;
            double ae = (ph - (a - (a - ph))) + (ch - (a - ph)) + pl + cl;
            th = a + ae;
            tl = ae - (th - a);
        }
        // log m = 2·s·t; then add e·ln 2 and round once.
        double lh = 2 * (sh * th);
        double ll = 2 * (Math.fma(sh, th, -sh * th) + (sh * tl + sl * th));
        double eh = e * LN2_HI;
        double el = Math.fma(e, LN2_HI, -eh) + e * LN2_LO;
        double a = eh + lh;
        double ae = (eh - (a - (a - eh))) + (lh - (a - eh));
        return a + (ae + el + ll);
    }

    /** {@code n} standard normals in order: {@code np.random.randn(d0, d1, …)} with {@code n = d0·d1·…}, row-major. */
    public double[] randn(int n) {
        return draws(n, this::randn);
    }

    /** {@code np.random.normal(loc, scale)}: {@code loc + scale·randn()}. */
    public double normal(double loc, double scale) {
        return loc + scale * randn();
    }

    /** {@code n} draws of {@link #normal(double, double)}. */
    public double[] normal(double loc, double scale, int n) {
        return draws(n, () -> normal(loc, scale));
    }

    /** {@code np.random.uniform(low, high)}: {@code low + (high − low)·random_sample()}. */
    public double uniform(double low, double high) {
        return low + (high - low) * randomSample();
    }

    /** {@code n} draws of {@link #uniform(double, double)}. */
    public double[] uniform(double low, double high, int n) {
        return draws(n, () -> uniform(low, high));
    }

    /** {@code n} draws in order, as NumPy fills an array of size n. */
    private static double[] draws(int n, DoubleSupplier draw) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = draw.getAsDouble();
        }
        return out;
    }

    /**
     * An integer in [low, high), as {@code np.random.randint(low, high)}: a 32-bit draw masked to the smallest
     * all-ones mask covering the range, rejected while it falls outside.
     */
    public long randint(long low, long high) {
        if (high <= low) {
            throw new IllegalArgumentException("randint needs low < high, got low=" + low + ", high=" + high);
        }
        long range = high - low - 1;
        if (range > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("randint ranges above 2^32 are not supported, got " + (range + 1));
        }
        return low + interval(range);     // a range of 0 draws nothing; one of 2³² takes a draw as it is (mask 2³² − 1)
    }

    /** {@code n} draws of {@link #randint(long, long)}. */
    public long[] randint(long low, long high, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = randint(low, high);
        }
        return out;
    }

    /** Shuffles in place as {@code np.random.shuffle}: for i from n−1 down to 1, swap a[i] with a[j], j ∈ [0, i]. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = (int) interval(i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** {@code np.random.permutation(n)}: 0 … n−1 shuffled by {@link #shuffle(int[])}. */
    public int[] permutation(int n) {
        int[] a = IntStream.range(0, n).toArray();
        shuffle(a);
        return a;
    }

    /** NumPy's {@code random_interval(max)}: a uniform integer in [0, max] by masked rejection. */
    private long interval(long max) {
        if (max == 0) {
            return 0;
        }
        long mask = (Long.highestOneBit(max) << 1) - 1;      // the smallest all-ones mask ≥ max
        long value;
        do {
            value = nextUint32() & mask;
        } while (value > max);
        return value;
    }
}
