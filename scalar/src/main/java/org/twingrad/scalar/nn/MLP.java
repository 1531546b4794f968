package org.twingrad.scalar.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.twingrad.data.Activation;
import org.twingrad.data.NetworkSpec;
import org.twingrad.data.NumpyRandom;
import org.twingrad.data.WeightInit;
import org.twingrad.scalar.Value;

/**
 * A multilayer perceptron: {@link Linear} layers applied in order. Layers are named 1, 2, … unless named already, so
 * parameters show up in traces as {@code W1[j,i]}, {@code b2[k]}.
 *
 * <pre>{@code
 * MLP net = new MLP(Linear.withBiasColumn(alpha, SIGMOID), Linear.withBiasColumn(beta, IDENTITY));
 * Value loss = SoftmaxCrossEntropy.of(net.forward(x), 2);
 * loss.backward();
 * }</pre>
 */
public final class MLP {
    private final List<Linear> layers;
    /** "x[0]", "x[1]", …, made once rather than on every forward pass. */
    private final String[] inputNames;

    /** Consecutive layers must fit: each takes as many inputs as the one before has units. */
    public MLP(List<Linear> layers) {
        NetworkSpec.checkSizes(layers.stream().map(l -> new int[] {l.inputs(), l.outputs()}).toList());
        this.layers = List.copyOf(layers);
        this.inputNames = IntStream.range(0, layers.get(0).inputs()).mapToObj(i -> "x[" + i + "]").toArray(String[]::new);
        for (int l = 0; l < layers.size(); l++) {
            if (layers.get(l).weight(0, 0).label() == null) {
                layers.get(l).named(Integer.toString(l + 1));
            }
        }
    }

    /** The layers given, in order. */
    public MLP(Linear... layers) {
        this(List.of(layers));
    }

    /** The network a {@link NetworkSpec} describes, with new leaf nodes for its numbers. */
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

    /** The network's numbers as they are now: move it to the other engine with that engine's {@code MLP.from}. */
    public NetworkSpec export() {
        return new NetworkSpec(layers.stream().map(Linear::export).toList());
    }

    /** The network's outputs for one input vector (leaves are made for x). */
    public List<Value> forward(double[] x) {
        return pass(x).outputs();
    }

    /** The network's outputs for input nodes. */
    public List<Value> forward(List<Value> x) {
        return pass(x).outputs();
    }

    /**
     * A forward pass that keeps every layer's nodes, for printing a hand-worked example: {@code z.get(l)} and
     * {@code h.get(l)} are layer l+1's pre-activations and activations.
     *
     * @param inputs the input nodes
     * @param z      per layer, each unit's pre-activation z = w·x + b
     * @param h      per layer, each unit's activation h = f(z); the last layer's are the network's outputs
     */
    public record Pass(List<Value> inputs, List<List<Value>> z, List<List<Value>> h) {
        /** The last layer's activations. */
        public List<Value> outputs() {
            return h.get(h.size() - 1);
        }
    }

    /** The forward pass for one input vector, keeping every layer's nodes (leaves are made for x). */
    public Pass pass(double[] x) {
        List<Value> in = new ArrayList<>(x.length);
        for (int i = 0; i < x.length; i++) {
            in.add(Value.of(x[i], i < inputNames.length ? inputNames[i] : null));   // too many: pass(List) says so
        }
        return pass(in);
    }

    /** The forward pass for input nodes, keeping every layer's nodes. */
    public Pass pass(List<Value> x) {
        if (x.size() != layers.get(0).inputs()) {
            throw new IllegalArgumentException("network takes " + layers.get(0).inputs() + " inputs, got " + x.size());
        }
        List<List<Value>> zs = new ArrayList<>(layers.size());
        List<List<Value>> hs = new ArrayList<>(layers.size());
        List<Value> h = x;
        for (Linear layer : layers) {
            List<Value> z = new ArrayList<>(layer.outputs());
            h = layer.forward(h, z);
            zs.add(z);
            hs.add(h);
        }
        return new Pass(x, zs, hs);
    }

    /** The layers, first to last. */
    public List<Linear> layers() {
        return layers;
    }

    /** Layer l, counting from 1 as the sheets do. */
    public Linear layer(int l) {
        return layers.get(l - 1);
    }

    /** Every weight and bias: per layer, the weights [out, in] row by row, then the biases. */
    public List<Value> parameters() {
        return layers.stream().flatMap(l -> l.parameters().stream()).toList();
    }

    /** The weights only, no biases: what an L2 penalty covers. */
    public List<Value> weights() {
        return layers.stream().flatMap(l -> l.weights().stream()).toList();
    }

    /** Sets every parameter's gradient to 0. */
    public void zeroGrad() {
        parameters().forEach(Value::zeroGrad);
    }
}
