package org.twingrad.tensor.nn;

import java.util.ArrayList;
import java.util.List;
import org.twingrad.data.NumpyRandom;
import org.twingrad.data.WeightInit;
import org.twingrad.tensor.Tensor;

/**
 * Modules applied in order. {@link #mlp} builds the homework networks from a list of hidden widths (TDT4265's
 * {@code neurons_per_layer}), so one to ten hidden layers are one line:
 *
 * <pre>{@code
 * Sequential net = Sequential.mlp(784, new int[] {64, 64}, 10, Activation.SIGMOID, WeightInit.fanIn(), new NumpyRandom(0));
 * Tensor logits = net.forward(Tensor.constant(batch, 50, 784));
 * net.parameterCount();   // 784·64 + 64 + 64·64 + 64 + 64·10 + 10
 * }</pre>
 */
public final class Sequential implements Module {
    private final List<Module> modules;

    /** The modules, first applied first. */
    public Sequential(List<Module> modules) {
        this.modules = List.copyOf(modules);
    }

    /** The modules, first applied first. */
    public Sequential(Module... modules) {
        this(List.of(modules));
    }

    /**
     * {@code inputs → hidden[0] → … → outputs}: Linear layers with activation {@code f} after each hidden one and none
     * after the last (logits). Weights are drawn layer by layer, first to last, by {@code init}; biases are 0.
     */
    public static Sequential mlp(int inputs, int[] hidden, int outputs, Activation f, WeightInit init, NumpyRandom rng) {
        List<Module> ms = new ArrayList<>();
        int in = inputs;
        for (int width : hidden) {
            if (width <= 0) {
                throw new IllegalArgumentException("hidden layer widths must be positive, got " + width);
            }
            ms.add(Linear.random(in, width, init, rng));
            ms.add(f);
            in = width;
        }
        ms.add(Linear.random(in, outputs, init, rng));
        return new Sequential(ms);
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor h = x;
        for (Module m : modules) {
            h = m.forward(h);
        }
        return h;
    }

    @Override
    public List<Tensor> parameters() {
        List<Tensor> ps = new ArrayList<>();
        for (Module m : modules) {
            ps.addAll(m.parameters());
        }
        return ps;
    }

    @Override
    public List<Tensor> weights() {
        List<Tensor> ws = new ArrayList<>();
        for (Module m : modules) {
            ws.addAll(m.weights());
        }
        return ws;
    }

    /** The modules, in order. */
    public List<Module> modules() {
        return modules;
    }

    /** The Linear layers, in order. */
    public List<Linear> linearLayers() {
        List<Linear> ls = new ArrayList<>();
        for (Module m : modules) {
            if (m instanceof Linear) {
                ls.add((Linear) m);
            }
        }
        return ls;
    }

    /** Number of trainable numbers: every weight and bias. */
    public long parameterCount() {
        long n = 0;
        for (Tensor p : parameters()) {
            n += p.size();
        }
        return n;
    }

    /** Sets every parameter's gradient to 0. */
    public void zeroGrad() {
        for (Tensor p : parameters()) {
            p.zeroGrad();
        }
    }
}
