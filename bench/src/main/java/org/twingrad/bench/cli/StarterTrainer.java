package org.twingrad.bench.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.twingrad.data.Dataset;
import org.twingrad.data.NetworkSpec;
import org.twingrad.data.NumpyRandom;
import org.twingrad.tensor.Tensor;
import org.twingrad.data.Activation;
import org.twingrad.tensor.nn.Linear;
import org.twingrad.tensor.nn.MLP;
import org.twingrad.tensor.optim.Sgd;
import org.twingrad.tensor.train.Evaluation;
import org.twingrad.tensor.train.Trainer;

/**
 * TDT4265 A2's training procedure as its starter code runs it ({@code trainer.py}'s {@code BaseTrainer.train} and
 * {@code task2a.py}'s {@code SoftmaxModel}), which differs from {@link Trainer}'s loop in ways the sheet's plots and
 * early stopping depend on:
 *
 * <ul>
 *   <li>the network: the input gets a column of ones (the bias trick, 785 inputs) and no layer has a bias of its own,
 *       so the first weight matrix is [785, h] and the output layer [h, 10] (stored, as every Linear's, [out, in]).
 *       The first layer here is a {@link Linear} whose bias is row 785 of that matrix, drawn with it; later layers'
 *       biases are zeros the optimizer never sees, unless {@code outputBias} (then they are trained from 0);</li>
 *   <li>one generator, seeded once: the weights are drawn first, layer by layer, then every epoch's shuffle;</li>
 *   <li>{@code len(X) // batch_size} batches per epoch (a last partial batch is dropped);</li>
 *   <li>validation (validation loss, training and validation accuracy) every {@code batches_per_epoch // 5} steps,
 *       at the steps where {@code global_step % num_steps_per_val == 0};</li>
 *   <li>early stopping after {@code patience} validation checks in a row without a new lowest validation loss; the
 *       weights at the stop are kept (the starter keeps no copy of the best ones).</li>
 * </ul>
 *
 * <p>It also records the mean |∂C/∂W| of every layer's weights at every step, for task 4e's vanishing gradient.
 */
final class StarterTrainer {
    /** Validation checks per epoch: the starter's {@code num_steps_per_val = num_batches_per_epoch // 5}. */
    static final int CHECKS_PER_EPOCH = 5;

    /**
     * One validation check after {@code step} gradient steps (the starter's {@code global_step} + 1), with the loss and
     * accuracy on the whole training set (the starter measures only its accuracy here) and on the validation set.
     */
    record Check(int step, int epoch, double trainLoss, double trainAccuracy, double validationLoss, double validationAccuracy) {
    }

    /**
     * The network at the stop, every step's minibatch loss, the checks, {@code gradients[layer][step]} (mean |∂C/∂W| of
     * the layer's weights), why training stopped before its last epoch (or null), the lowest-validation-loss check.
     */
    record Result(MLP net, double[] stepLosses, List<Check> checks, double[][] gradients, String stoppedEarly,
                  Check best, double seconds) {
        Check last() {
            return checks.get(checks.size() - 1);
        }
    }

    /** What the loop reports as it goes: each step, and each epoch's last check. */
    interface Listener {
        void step(int epoch, int step, int stepsPerEpoch, double loss);

        void epoch(int epoch, int steps, Check latest, double seconds);
    }

    private StarterTrainer() {}

    /**
     * The starter's network: weights drawn by {@code s.init()} for a [inputs + 1, h₁] matrix (row {@code inputs} is the
     * bias trick's bias row), then [h₁, h₂] … [h_last, outputs], all from {@code rng} in that order.
     */
    static MLP network(Settings s, int inputs, int outputs, NumpyRandom rng) {
        List<Linear> ls = new ArrayList<>();
        int in = inputs;
        int[] widths = IntStream.concat(Arrays.stream(s.hidden()), IntStream.of(outputs)).toArray();
        for (int i = 0; i < widths.length; i++) {
            int out = widths[i];
            Activation f = i < widths.length - 1 ? s.activation() : Activation.IDENTITY;
            if (i == 0) {
                double[] wb = s.init().sample(in + 1, out, rng);   // np.random.*(size=(785, h)): row 785 is the bias row
                ls.add(Linear.from(NetworkSpec.Layer.fromInputRows(Arrays.copyOf(wb, in * out),
                        Arrays.copyOfRange(wb, in * out, (in + 1) * out), f.cliName())));
            } else {
                ls.add(Linear.random(in, out, f, s.init(), rng));
            }
            in = out;
        }
        return new MLP(ls);
    }

    /** Trains the starter's network for {@code s}: {@code s.patience()} counts checks, {@code s.seed()} seeds weights and shuffles. */
    static Result fit(Settings s, boolean outputBias, Dataset train, Dataset validation, Listener listener) {
        long t0 = System.nanoTime();
        NumpyRandom rng = new NumpyRandom(s.seed());
        MLP net = network(s, train.cols(), train.classes(), rng);
        List<Linear> layers = net.layers();
        List<Tensor> trained = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            trained.add(layers.get(l).weight());
            if (l == 0 || outputBias) {
                trained.add(layers.get(l).bias());   // layer 1's bias is the bias trick's row; the others exist only with --output-bias
            }
        }
        Sgd sgd = new Sgd(trained, s.learningRate(), s.momentum());
        int perEpoch = train.rows() / s.batch();
        Experiment.require(perEpoch > 0, "batch " + s.batch() + " is larger than the " + train.rows() + " training rows");
        int perCheck = Math.max(1, perEpoch / CHECKS_PER_EPOCH);
        double[][] grads = new double[layers.size()][perEpoch * s.epochs()];
        double[] losses = new double[perEpoch * s.epochs()];
        List<Check> checks = new ArrayList<>();
        Check best = null;
        int sinceBest = 0;
        String stopped = null;
        int global = 0;
        double[] x = new double[s.batch() * train.cols()];
        for (int epoch = 1; epoch <= s.epochs() && stopped == null; epoch++) {
            long e0 = System.nanoTime();
            int[] order = s.shuffle() ? rng.permutation(train.rows()) : IntStream.range(0, train.rows()).toArray();
            for (int b = 0; b < perEpoch && stopped == null; b++) {
                int[] rows = Arrays.copyOfRange(order, b * s.batch(), (b + 1) * s.batch());
                train.copyRows(rows, x);
                net.zeroGrad();
                Tensor loss = net.forward(Tensor.constant(x, rows.length, train.cols())).softmaxCrossEntropy(train.labels(rows));
                double value = loss.item();
                if (!Double.isFinite(value)) {
                    stopped = "loss became " + value + " at step " + (global + 1) + "; training stopped";
                    break;
                }
                loss.backward();
                for (int l = 0; l < layers.size(); l++) {
                    double sum = 0;
                    for (double v : layers.get(l).weight().grads()) {
                        sum += Math.abs(v);
                    }
                    grads[l][global] = sum / layers.get(l).weight().size();
                }
                sgd.step();
                losses[global] = value;
                listener.step(epoch, b + 1, perEpoch, value);
                if (global % perCheck == 0) {
                    Evaluation tr = Trainer.evaluate(net, train);
                    Evaluation va = Trainer.evaluate(net, validation);
                    Check c = new Check(global + 1, epoch, tr.loss(), tr.accuracy(), va.loss(), va.accuracy());
                    checks.add(c);
                    if (best == null || c.validationLoss() < best.validationLoss()) {
                        best = c;
                        sinceBest = 0;
                    } else if (s.patience() > 0 && ++sinceBest >= s.patience()) {
                        stopped = String.format("early stopping at step %,d (epoch %d): %d validation checks without a "
                                + "validation loss below %.4f (step %,d)", c.step(), epoch, s.patience(), best.validationLoss(), best.step());
                    }
                }
                global++;
            }
            if (!checks.isEmpty()) {
                listener.epoch(epoch, global, checks.get(checks.size() - 1), (System.nanoTime() - e0) / 1e9);
            }
        }
        int steps = global;
        return new Result(net, Arrays.copyOf(losses, steps), checks, Arrays.stream(grads).map(g -> Arrays.copyOf(g, steps))
                .toArray(double[][]::new), stopped, best, (System.nanoTime() - t0) / 1e9);
    }

    /** Parameters of the starter's network: [inputs + 1, h₁] … [h_last, outputs], plus a bias per unit after layer 1 if asked. */
    static int parameters(int inputs, int[] hidden, int outputs, boolean outputBias) {
        int n = 0;
        int in = inputs + 1;
        boolean first = true;
        for (int w : hidden) {
            n += in * w + (outputBias && !first ? w : 0);
            in = w;
            first = false;
        }
        return n + in * outputs + (outputBias ? outputs : 0);
    }
}
