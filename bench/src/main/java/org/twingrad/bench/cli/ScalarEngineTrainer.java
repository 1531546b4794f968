package org.twingrad.bench.cli;

import java.util.ArrayList;
import java.util.List;
import org.twingrad.data.Batches;
import org.twingrad.data.Dataset;
import org.twingrad.data.NumpyRandom;
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
import org.twingrad.tensor.train.Trainer;

/**
 * {@code --engine scalar}: the same training loop as {@link Trainer}, but every step builds a graph of scalar
 * {@link Value}s, one per multiply and add, and backpropagates through it. Slow by design; it is there to be
 * compared with the tensor engine. The network starts from the tensor network's weights, and is copied back into it
 * after each epoch, so evaluation, plots and the saved model are shared with the tensor engine.
 */
public final class ScalarEngineTrainer {
    private ScalarEngineTrainer() {}

    static Trainer.Result fit(Sequential net, Dataset train, Dataset test, Trainer.Config cfg, Trainer.Listener listener) {
        MLP scalar = toScalar(net);
        List<Value> params = scalar.parameters();
        Sgd sgd = new Sgd(params, cfg.learningRate(), cfg.momentum());
        double[] lastGood = new double[params.size()];
        NumpyRandom rng = new NumpyRandom(cfg.seed());
        List<Trainer.Epoch> epochs = new ArrayList<>();
        List<Double> stepLosses = new ArrayList<>();
        String stopped = null;
        double best = Double.POSITIVE_INFINITY;
        int sinceBest = 0;
        training:
        for (int e = 1; e <= cfg.epochs(); e++) {
            long t0 = System.nanoTime();
            List<int[]> batches = cfg.shuffle() ? Batches.shuffled(train.rows(), cfg.batchSize(), rng)
                    : Batches.sequential(train.rows(), cfg.batchSize());
            for (int s = 0; s < batches.size(); s++) {
                sgd.zeroGrad();
                List<Value> rowLosses = new ArrayList<>();
                for (int r : batches.get(s)) {
                    rowLosses.add(SoftmaxCrossEntropy.of(scalar.forward(train.row(r)), train.label(r)));
                }
                Value loss = Value.mean(rowLosses);
                if (cfg.l2() > 0) {
                    loss = loss.add(L2.penalty(scalar, cfg.l2()));
                }
                if (!Double.isFinite(loss.data())) {
                    for (int p = 0; p < params.size(); p++) {
                        params.get(p).setData(lastGood[p]);
                    }
                    stopped = "loss became " + loss.data() + " at epoch " + e + ", step " + (s + 1)
                            + "; kept the weights of the last step with a finite loss";
                    break training;
                }
                for (int p = 0; p < params.size(); p++) {
                    lastGood[p] = params.get(p).data();
                }
                stepLosses.add(loss.data());
                loss.backward();
                sgd.step();
                listener.step(e, s + 1, batches.size(), loss.data());
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            copyBack(scalar, net);
            Evaluation tr = Trainer.evaluate(net, train);
            Evaluation te = Trainer.evaluate(net, test);
            Trainer.Epoch ep = new Trainer.Epoch(e, tr.loss(), tr.accuracy(), te.loss(), te.accuracy(), seconds, train.rows() / seconds);
            epochs.add(ep);
            listener.epoch(ep);
            if (cfg.patience() > 0) {
                if (te.loss() < best) {
                    best = te.loss();
                    sinceBest = 0;
                } else if (++sinceBest >= cfg.patience()) {
                    stopped = "early stopping after epoch " + e + ": validation loss has not improved for " + cfg.patience() + " epochs";
                    break;
                }
            }
        }
        copyBack(scalar, net);
        return new Trainer.Result(epochs, stepLosses.stream().mapToDouble(Double::doubleValue).toArray(), stopped);
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
