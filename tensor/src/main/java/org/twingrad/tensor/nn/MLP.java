package org.twingrad.tensor.nn;

import java.util.List;
import org.twingrad.data.Activation;
import org.twingrad.data.NetworkSpec;
import org.twingrad.data.NumpyRandom;
import org.twingrad.data.WeightInit;
import org.twingrad.tensor.Tensor;

/**
 * A multilayer perceptron: {@link Linear} layers applied in order. {@link #random} builds the homework networks from a
 * list of hidden widths (TDT4265's {@code neurons_per_layer}), so one to ten hidden layers are one line:
 *
 * <pre>{@code
 * MLP net = MLP.random(784, new int[] {64, 64}, 10, Activation.SIGMOID, WeightInit.fanIn(), new NumpyRandom(0));
 * Tensor logits = net.forward(Tensor.constant(batch, 50, 784));
 * net.parameterCount();   // 784·64 + 64 + 64·64 + 64 + 64·10 + 10
 * }</pre>
 */
public final class MLP {
    private final List<Linear> layers;

    /** Consecutive layers must fit: each takes as many inputs as the one before has units. */
    public MLP(List<Linear> layers) {
        NetworkSpec.checkSizes(layers.stream().map(l -> new int[] {l.inputs(), l.outputs()}).toList());
        this.layers = List.copyOf(layers);
    }

    /** The network a {@link NetworkSpec} describes, with new leaf tensors for its numbers. */
    public static MLP from(NetworkSpec spec) {
        return new MLP(spec.layers().stream().map(Linear::from).toList());
    }

    /**
     * A seeded network: {@code inputs → hidden[0] → … → outputs}, hidden layers with activation {@code f}, the output
     * layer linear (logits), weights drawn layer by layer by {@code init}, biases 0.
     */
    public static MLP random(int inputs, int[] hidden, int outputs, Activation f, WeightInit init, NumpyRandom rng) {
        return from(NetworkSpec.random(inputs, hidden, outputs, f.cliName(), init, rng));
    }

    /** The outputs (logits) for a batch x of shape [N, in]. */
    public Tensor forward(Tensor x) {
        Tensor h = x;
        for (Linear layer : layers) {
            h = layer.forward(h);
        }
        return h;
    }

    /** The network's numbers as they are now: move it to the other engine with that engine's {@code MLP.from}. */
    public NetworkSpec export() {
        return new NetworkSpec(layers.stream().map(Linear::export).toList());
    }

    /** Every weight and bias: per layer, W [out, in], then b. */
    public List<Tensor> parameters() {
        return layers.stream().flatMap(l -> l.parameters().stream()).toList();
    }

    /** The weights only, no biases: what an L2 penalty covers. */
    public List<Tensor> weights() {
        return layers.stream().flatMap(l -> l.weights().stream()).toList();
    }

    /** The layers, first to last. */
    public List<Linear> layers() {
        return layers;
    }

    /** Number of trainable numbers: every weight and bias. */
    public long parameterCount() {
        return parameters().stream().mapToLong(Tensor::size).sum();
    }

    /** Sets every parameter's gradient to 0. */
    public void zeroGrad() {
        parameters().forEach(Tensor::zeroGrad);
    }
}
