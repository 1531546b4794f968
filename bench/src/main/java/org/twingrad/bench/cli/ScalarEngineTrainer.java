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
import org.twingrad.tensor.train.EpochRunner;
import org.twingrad.tensor.train.Trainer;

/**
 * {@code --engine scalar}: the same training loop as {@link Trainer}, but every step builds a graph of scalar
 * {@link Value}s, one per multiply and add, and backpropagates through it. Slow by design; it is there to be
 * compared with the tensor engine. The network starts from the tensor network's weights, and is copied back into it
 * after each epoch, so evaluation, plots and the saved model are shared with the tensor engine.
 */
public final class ScalarEngineTrainer implements EpochRunner {
    private final Sequential net;
    private final Trainer.Config cfg;
    private final MLP scalar;
    private final List<Value> params;
    private final Sgd sgd;
    private final NumpyRandom rng;
    /** The weights of the last step whose loss was finite (at first, the initial ones). */
    private final double[] lastGood;
    private String failure;

    private ScalarEngineTrainer(Sequential net, Trainer.Config cfg) {
        this.net = net;
        this.cfg = cfg;
        this.scalar = toScalar(net);
        this.params = scalar.parameters();
        this.sgd = new Sgd(params, cfg.learningRate(), cfg.momentum());
        this.rng = new NumpyRandom(cfg.seed());
        this.lastGood = new double[params.size()];
        for (int p = 0; p < params.size(); p++) {
            lastGood[p] = params.get(p).data();
        }
    }

    /** {@link Trainer#fit} with scalar-engine epochs. */
    static Trainer.Result fit(Sequential net, Dataset train, Dataset test, Trainer.Config cfg, Trainer.Listener listener) {
        return Trainer.fit(net, new ScalarEngineTrainer(net, cfg), train, test, cfg, listener);
    }

    @Override
    public double[] trainEpoch(Dataset train, int epoch, Trainer.Listener listener) {
        List<int[]> batches = cfg.shuffle() ? Batches.shuffled(train.rows(), cfg.batchSize(), rng)
                : Batches.sequential(train.rows(), cfg.batchSize());
        double[] losses = new double[batches.size()];
        sgd.setLearningRate(cfg.learningRate(epoch));
        for (int s = 0; s < batches.size(); s++) {
            sgd.zeroGrad();
            Value loss;
            String why = null;
            try {
                List<Value> rowLosses = new ArrayList<>();
                for (int r : batches.get(s)) {
                    rowLosses.add(SoftmaxCrossEntropy.of(scalar.forward(train.row(r)), train.label(r)));
                }
                loss = Value.mean(rowLosses);
                if (cfg.l2() > 0) {
                    loss = loss.add(L2.penalty(scalar, cfg.l2()));
                }
            } catch (ArithmeticException e) {
                // Value's rule: an op refuses a non-finite operand, so an overflow inside the network surfaces here,
                // before the loss; it is the same divergence the guard below catches when the loss itself overflows.
                loss = null;
                why = e.getMessage();
            }
            if (loss == null || !Double.isFinite(loss.data())) {
                for (int p = 0; p < params.size(); p++) {
                    params.get(p).setData(lastGood[p]);
                }
                failure = "loss became " + (loss == null ? "non-finite (" + why + ")" : loss.data()) + " at epoch " + epoch
                        + ", step " + (s + 1) + "; kept the weights of the last step with a finite loss";
                copyBack(scalar, net);
                return java.util.Arrays.copyOf(losses, s);
            }
            for (int p = 0; p < params.size(); p++) {
                lastGood[p] = params.get(p).data();
            }
            losses[s] = loss.data();
            loss.backward();
            sgd.step();
            listener.step(epoch, s + 1, batches.size(), loss.data());
        }
        copyBack(scalar, net);
        return losses;
    }

    @Override
    public String failure() {
        return failure;
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
