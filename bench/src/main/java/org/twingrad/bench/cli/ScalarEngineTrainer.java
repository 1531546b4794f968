package org.twingrad.bench.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.DoubleStream;
import org.twingrad.data.Dataset;
import org.twingrad.scalar.Value;
import org.twingrad.scalar.nn.L2;
import org.twingrad.scalar.nn.SoftmaxCrossEntropy;
import org.twingrad.scalar.nn.Sgd;
import org.twingrad.tensor.Tensor;
import org.twingrad.tensor.nn.MLP;
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
    private final MLP net;
    private final org.twingrad.scalar.nn.MLP scalar;
    private final List<Value> params;
    private final Sgd sgd;
    private final double l2;
    private Value loss;

    /** The scalar twin of {@code net}, with {@code cfg}'s rate, momentum and L2. */
    ScalarEngineTrainer(MLP net, TrainConfig cfg) {
        this.net = net;
        this.scalar = org.twingrad.scalar.nn.MLP.from(net.export());
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
        sgd.step(learningRate);
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

    /** Writes the scalar network's numbers into the tensor network's parameters. */
    static void copyBack(org.twingrad.scalar.nn.MLP scalar, MLP net) {
        List<Tensor> from = MLP.from(scalar.export()).parameters();
        for (int t = 0; t < from.size(); t++) {
            System.arraycopy(from.get(t).data(), 0, net.parameters().get(t).data(), 0, from.get(t).size());
        }
    }
}
