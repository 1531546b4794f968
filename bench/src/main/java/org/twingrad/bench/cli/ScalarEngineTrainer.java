package org.twingrad.bench.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.DoubleStream;
import org.twingrad.data.Dataset;
import org.twingrad.scalar.Value;
import org.twingrad.scalar.nn.L2;
import org.twingrad.scalar.nn.Layer;
import org.twingrad.scalar.nn.MLP;
import org.twingrad.scalar.nn.SoftmaxCrossEntropy;
import org.twingrad.scalar.nn.Sgd;
import org.twingrad.tensor.Tensor;
import org.twingrad.tensor.nn.Linear;
import org.twingrad.tensor.nn.Module;
import org.twingrad.tensor.nn.Sequential;
import org.twingrad.tensor.train.Evaluation;
import org.twingrad.tensor.train.TrainConfig;
import org.twingrad.tensor.train.Trainer;

/**
 * {@code --engine scalar}: {@link Trainer}'s loop with steps that build a graph of scalar {@link Value}s, one per
 * multiply and add, and backpropagate through it. Slow by design; it is there to be compared with the tensor engine.
 * The network starts from the tensor network's weights, which it writes back before each evaluation and when it puts
 * back the last good weights, so evaluation, plots and the saved model are shared with the tensor engine.
 */
public final class ScalarEngineTrainer implements Trainer.Engine {
    private final Sequential net;
    private final MLP scalar;
    private final List<Value> params;
    private final Sgd sgd;
    private final double l2;
    private Value loss;

    /** The scalar twin of {@code net}, with {@code cfg}'s rate, momentum and L2. */
    ScalarEngineTrainer(Sequential net, TrainConfig cfg) {
        this.net = net;
        this.scalar = toScalar(net);
        this.params = scalar.parameters();
        this.sgd = new Sgd(params, cfg.learningRate(), cfg.momentum());
        this.l2 = cfg.l2();
    }

    @Override
    public double loss(Dataset data, int[] rows) {
        sgd.zeroGrad();
        List<Value> rowLosses = new ArrayList<>();
        for (int r : rows) {
            rowLosses.add(SoftmaxCrossEntropy.of(scalar.forward(data.row(r)), data.label(r)));
        }
        loss = Value.mean(rowLosses);
        if (l2 > 0) {
            loss = loss.add(L2.penalty(scalar, l2));
        }
        return loss.data();
    }

    @Override
    public void step(double learningRate) {
        loss.backward();
        sgd.setLearningRate(learningRate);
        sgd.step();
    }

    @Override
    public double[] state() {
        double[] v = sgd.velocity() != null ? sgd.velocity() : new double[0];
        return DoubleStream.concat(params.stream().mapToDouble(Value::data), Arrays.stream(v)).toArray();
    }

    @Override
    public void setState(double[] from) {
        for (int p = 0; p < params.size(); p++) {
            params.get(p).setData(from[p]);
        }
        if (sgd.velocity() != null) {
            System.arraycopy(from, params.size(), sgd.velocity(), 0, params.size());
        }
        copyBack(scalar, net);
    }

    @Override
    public Evaluation evaluate(Dataset data) {
        copyBack(scalar, net);
        return Trainer.evaluate(net, data);
    }

    /** The tensor network's Linear layers as scalar layers (W [in, out] is DLVU's W[i][j] orientation). */
    public static MLP toScalar(Sequential net) {
        List<Layer> layers = new ArrayList<>();
        List<Module> ms = net.modules();
        for (int m = 0; m < ms.size(); m++) {
            if (ms.get(m) instanceof Linear) {
                Linear l = (Linear) ms.get(m);
                double[] w = l.weight().values();
                double[][] cols = new double[l.inputs()][l.outputs()];
                for (int i = 0; i < l.inputs(); i++) {
                    System.arraycopy(w, i * l.outputs(), cols[i], 0, l.outputs());
                }
                boolean activated = m + 1 < ms.size() && !(ms.get(m + 1) instanceof Linear);
                org.twingrad.scalar.nn.Activation f = activated
                        ? org.twingrad.scalar.nn.Activation.valueOf(((org.twingrad.tensor.nn.Activation) ms.get(m + 1)).name())
                        : org.twingrad.scalar.nn.Activation.IDENTITY;
                layers.add(Layer.fromColumns(cols, l.bias().values(), f));
            }
        }
        return new MLP(layers);
    }

    static void copyBack(MLP scalar, Sequential net) {
        List<Linear> linears = net.linearLayers();
        for (int l = 0; l < linears.size(); l++) {
            Layer s = scalar.layers().get(l);
            Tensor w = linears.get(l).weight();
            double[] wd = w.data();
            int out = s.outputs();
            for (int i = 0; i < s.inputs(); i++) {
                for (int j = 0; j < out; j++) {
                    wd[i * out + j] = s.weight(j, i).data();
                }
            }
            double[] bd = linears.get(l).bias().data();
            for (int j = 0; j < out; j++) {
                bd[j] = s.bias(j).data();
            }
        }
    }
}
