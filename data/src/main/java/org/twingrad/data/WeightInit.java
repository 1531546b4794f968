package org.twingrad.data;

/**
 * How a layer's initial weights are drawn. Both engines use it, and it draws from a {@link NumpyRandom} in the order
 * NumPy starter code does, {@code (fan_in, fan_out)} row-major, so a starter's seed replays its weights:
 *
 * <pre>{@code
 * // TDT4265: np.random.seed(1); w = np.random.uniform(-1, 1, (784, 64))
 * double[] w = WeightInit.uniform(1).sample(784, 64, new NumpyRandom(1));   // w[i * 64 + j]
 * }</pre>
 */
public final class WeightInit {
    /** Draws fanIn × fanOut values. */
    @FunctionalInterface
    private interface Sampler {
        double[] sample(int fanIn, int fanOut, NumpyRandom rng);
    }

    private final String name;
    private final Sampler sampler;

    private WeightInit(String name, Sampler sampler) {
        this.name = name;
        this.sampler = sampler;
    }

    /** U(−a, a), {@code np.random.uniform(-a, a, (fan_in, fan_out))}; TDT4265 uses a = 1. */
    public static WeightInit uniform(double a) {
        if (!(a > 0)) {
            throw new IllegalArgumentException("uniform init needs a > 0, got " + a);
        }
        return new WeightInit("uniform:" + a, (in, out, rng) -> rng.uniform(-a, a, in * out));
    }

    /** N(0, 1/fan_in), std 1/√fan_in: TDT4265's improved initialization. */
    public static WeightInit fanIn() {
        return new WeightInit("fanin", (in, out, rng) -> rng.normal(0, 1 / Math.sqrt(in), in * out));
    }

    /** Xavier/Glorot uniform: U(−√(6/(fan_in + fan_out)), +√(6/(fan_in + fan_out))). */
    public static WeightInit xavier() {
        return new WeightInit("xavier", (in, out, rng) -> rng.uniform(-Math.sqrt(6.0 / (in + out)),
                Math.sqrt(6.0 / (in + out)), in * out));
    }

    /** He: N(0, 2/fan_in), std √(2/fan_in), for ReLU layers. */
    public static WeightInit he() {
        return new WeightInit("he", (in, out, rng) -> rng.normal(0, Math.sqrt(2.0 / in), in * out));
    }

    /** All zeros: every hidden unit stays identical forever (the symmetry problem). Draws nothing. */
    public static WeightInit zeros() {
        return new WeightInit("zeros", (in, out, rng) -> new double[in * out]);
    }

    /** {@code scale · randn(fan_in, fan_out)}, as cs231n's and HLCV's {@code std * np.random.randn(...)}. */
    public static WeightInit normal(double scale) {
        return new WeightInit("normal:" + scale, (in, out, rng) -> {
            double[] w = rng.randn(in * out);
            java.util.Arrays.setAll(w, i -> w[i] * scale);
            return w;
        });
    }

    /**
     * Parses {@code uniform:A}, {@code normal:S}, {@code fanin}, {@code xavier}, {@code he} or {@code zeros}.
     *
     * @throws IllegalArgumentException naming the text and the choices
     */
    public static WeightInit parse(String spec) {
        String s = spec.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.startsWith("uniform:") || s.startsWith("normal:")) {
            double scale;
            try {
                scale = Double.parseDouble(s.substring(s.indexOf(':') + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad init '" + spec + "': the part after ':' must be a number");
            }
            if (!(scale > 0) || !Double.isFinite(scale)) {
                throw new IllegalArgumentException("bad init '" + spec + "': the scale after ':' must be a positive number");
            }
            return s.startsWith("uniform:") ? uniform(scale) : normal(scale);
        }
        switch (s) {
            case "uniform": return uniform(1);
            case "fanin": return fanIn();
            case "xavier": case "glorot": return xavier();
            case "he": return he();
            case "zeros": return zeros();
            default:
                throw new IllegalArgumentException("unknown init '" + spec + "': expected uniform:A, normal:S, fanin, xavier, he or zeros");
        }
    }

    /** Draws the weights of a layer, {@code fanIn × fanOut} row-major: element (i, j) at {@code i·fanOut + j}. */
    public double[] sample(int fanIn, int fanOut, NumpyRandom rng) {
        return sampler.sample(fanIn, fanOut, rng);
    }

    @Override
    public String toString() {
        return name;
    }
}
