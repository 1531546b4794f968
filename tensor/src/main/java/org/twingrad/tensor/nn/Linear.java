package org.twingrad.tensor.nn;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.twingrad.data.Activation;
import org.twingrad.data.NetworkSpec;
import org.twingrad.data.NumpyRandom;
import org.twingrad.data.WeightInit;
import org.twingrad.tensor.Tensor;

/**
 * A fully connected layer h = f(x·Wᵀ + b) on a batch x of shape [N, in]: W is [out, in], row j holding unit j's
 * weights, as PyTorch stores them, and b [out] is broadcast over the rows. The homework sheets' other layouts are
 * named factories:
 *
 * <pre>{@code
 * Linear.of(w, b, SIGMOID);             // w[j][i]: row j holds unit j's weights (CMU, TDT4265)
 * Linear.fromInputRows(W, b, SIGMOID);  // W[i][j]: k_j = Σ_i x_i·W[i][j] + b_j (DLVU, NumPy)
 * Linear.withBiasColumn(alpha, SIGMOID); // alpha[j][0] is unit j's bias, alpha[j][i] its weight for x_i (CMU §1)
 * }</pre>
 *
 * @param weight     W, shape [out, in]
 * @param bias       b, shape [out]
 * @param activation f
 */
public record Linear(Tensor weight, Tensor bias, Activation activation) {
    /** Checks that W is a matrix and b has one entry per row of it. */
    public Linear {
        if (weight.shape().length != 2 || !Arrays.equals(bias.shape(), new int[] {weight.shape()[0]})) {
            throw new IllegalArgumentException("a layer needs W [out, in] and b [out], got "
                    + Arrays.toString(weight.shape()) + " and " + Arrays.toString(bias.shape()));
        }
    }

    /** {@code w[j][i]}: unit j's weight for input i, [out][in]; {@code b[j]}: unit j's bias. */
    public static Linear of(double[][] w, double[] b, Activation f) {
        return from(new NetworkSpec.Layer(w, b, f.cliName()));
    }

    /** {@code w[i][j]}: from input i to unit j, [in][out], as NumPy and DLVU write k_j = Σ_i x_i·W[i][j] + b_j. */
    public static Linear fromInputRows(double[][] w, double[] b, Activation f) {
        return from(NetworkSpec.Layer.fromInputRows(w, b, f.cliName()));
    }

    /** The layer a {@link NetworkSpec.Layer} describes, with new leaf tensors for its numbers. */
    public static Linear from(NetworkSpec.Layer spec) {
        double[] w = Arrays.stream(spec.weights()).flatMapToDouble(Arrays::stream).toArray();    // row-major [out, in]
        return new Linear(Tensor.of(w, spec.outputs(), spec.inputs()), Tensor.of(spec.bias(), spec.outputs()),
                spec.f());
    }

    /** Row j is unit j: column 0 its bias, columns 1… its weights (CMU's α and β). */
    public static Linear withBiasColumn(double[][] wb, Activation f) {
        return from(NetworkSpec.Layer.withBiasColumn(wb, f.cliName()));
    }

    /** Weights drawn by {@code init} in NumPy's {@code (fan_in, fan_out)} order, stored [out, in]; biases 0. */
    public static Linear random(int in, int out, Activation f, WeightInit init, NumpyRandom rng) {
        return from(NetworkSpec.Layer.random(in, out, f.cliName(), init, rng));
    }

    /** The layer's numbers as they are now, weights [out][in]. */
    public NetworkSpec.Layer export() {
        double[][] rows = IntStream.range(0, outputs())
                .mapToObj(j -> Arrays.copyOfRange(weight.data(), j * inputs(), (j + 1) * inputs())).toArray(double[][]::new);
        return new NetworkSpec.Layer(rows, bias.values(), activation.cliName());
    }

    /** h = f(x·Wᵀ + b) for a batch x of shape [N, in]. */
    public Tensor forward(Tensor x) {
        return activation.forward(x.matmulTransposed(weight).add(bias));
    }

    /** Every parameter: W [out, in], then b. */
    public List<Tensor> parameters() {
        return List.of(weight, bias);
    }

    /** The weights only (what an L2 penalty covers). */
    public List<Tensor> weights() {
        return List.of(weight);
    }

    /** Number of inputs each unit takes. */
    public int inputs() {
        return weight.shape()[1];
    }

    /** Number of units. */
    public int outputs() {
        return weight.shape()[0];
    }
}
