package org.twingrad.bench.cli;

import java.util.ArrayList;
import java.util.List;
import org.twingrad.data.Batches;
import org.twingrad.data.Dataset;
import org.twingrad.data.NumpyRandom;
import org.twingrad.scalar.Value;
import org.twingrad.scalar.nn.L2;
import org.twingrad.scalar.nn.SoftmaxCrossEntropy;
import org.twingrad.scalar.nn.Sgd;
import org.twingrad.tensor.Tensor;
import org.twingrad.tensor.nn.MLP;
import org.twingrad.tensor.train.EpochRunner;
import org.twingrad.tensor.train.Trainer;

/**
 * {@code --engine scalar}: the same training loop as {@link Trainer}, but every step builds a graph of scalar
 * {@link Value}s, one per multiply and add, and backpropagates through it. Slow by design; it is there to be
 * compared with the tensor engine. The network starts from the tensor network's weights, and is copied back into it
 * after each epoch, so evaluation, plots and the saved model are shared with the tensor engine.
 */
public final class ScalarEngineTrainer implements EpochRunner {
    private final MLP net;
    private final Trainer.Config cfg;
    private final org.twingrad.scalar.nn.MLP scalar;
    private final List<Value> params;
    private final Sgd sgd;
    private final NumpyRandom rng;
    /** The weights of the last step whose loss was finite (at first, the initial ones). */
    private final double[] lastGood;
    private String failure;

    private ScalarEngineTrainer(MLP net, Trainer.Config cfg) {
        this.net = net;
        this.cfg = cfg;
        this.scalar = org.twingrad.scalar.nn.MLP.from(net.export());
        this.params = scalar.parameters();
        this.sgd = new Sgd(params, cfg.learningRate(), cfg.momentum());
        this.rng = new NumpyRandom(cfg.seed());
        this.lastGood = new double[params.size()];
        for (int p = 0; p < params.size(); p++) {
            lastGood[p] = params.get(p).data();
        }
    }

    /** {@link Trainer#fit} with scalar-engine epochs. */
    static Trainer.Result fit(MLP net, Dataset train, Dataset test, Trainer.Config cfg, Trainer.Listener listener) {
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

    /** Writes the scalar network's numbers into the tensor network's parameters. */
    static void copyBack(org.twingrad.scalar.nn.MLP scalar, MLP net) {
        List<Tensor> from = MLP.from(scalar.export()).parameters();
        for (int t = 0; t < from.size(); t++) {
            System.arraycopy(from.get(t).data(), 0, net.parameters().get(t).data(), 0, from.get(t).size());
        }
    }
}
