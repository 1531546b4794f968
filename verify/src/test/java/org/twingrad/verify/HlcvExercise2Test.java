package org.twingrad.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twingrad.data.HlcvToy;
import org.twingrad.scalar.Value;
import org.twingrad.scalar.nn.SoftmaxCrossEntropy;
import org.twingrad.tensor.Tensor;
import org.twingrad.tensor.nn.MLP;

/**
 * HLCV (High-Level Computer Vision, Saarland) exercise 2, Q1–Q2: the toy two-layer ReLU network of its starter code
 * (cs231n's init_toy_model / init_toy_data), replayed from the starter's NumPy seeds.
 * Published: loss 1.30378789133; the exercise requires every parameter's maximum relative gradient error,
 * max |a − n| / max(1e-8, |a| + |n|) with n the central difference at h = 1e-5, below 1e-8.
 */
class HlcvExercise2Test {
    static final int[] Y = HlcvToy.labels();
    static final double REG = 0.05;

    static double[][] toyModel() {
        return HlcvToy.model();
    }

    static double[] toyData() {
        return HlcvToy.inputs();
    }

    static double tensorLoss(double[][] p, double[][] gradsOut) {
        MLP net = MLP.from(HlcvToy.network(p));
        List<Tensor> ps = net.parameters();
        Tensor loss = net.forward(Tensor.constant(toyData(), 5, 4)).softmaxCrossEntropy(Y)
                .add(ps.get(0).sumOfSquares().add(ps.get(2).sumOfSquares()).mul(REG));
        if (gradsOut != null) {
            loss.backward();
            for (int i = 0; i < 4; i++) {
                gradsOut[i] = inExerciseLayout(ps.get(i).grads(), p[i | 1].length);
            }
        }
        return loss.item();
    }

    static double scalarLoss(double[][] p, double[][] gradsOut) {
        org.twingrad.scalar.nn.MLP net = org.twingrad.scalar.nn.MLP.from(HlcvToy.network(p));
        double[] x = toyData();
        List<Value> rows = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            rows.add(SoftmaxCrossEntropy.of(net.forward(java.util.Arrays.copyOfRange(x, r * 4, r * 4 + 4)), Y[r]));
        }
        Value loss = Value.mean(rows).add(org.twingrad.scalar.nn.L2.penalty(net, REG));
        if (gradsOut != null) {
            loss.backward();
            double[] all = net.parameters().stream().mapToDouble(Value::grad).toArray();
            for (int i = 0, at = 0; i < 4; at += p[i++].length) {
                gradsOut[i] = inExerciseLayout(java.util.Arrays.copyOfRange(all, at, at + p[i].length), p[i | 1].length);
            }
        }
        return loss.data();
    }

    /** Both engines hold W [out, in]; the exercise's W1, W2 are [in, out] (biases, of length out, stay as they are). */
    static double[] inExerciseLayout(double[] g, int out) {
        return g.length == out ? g : Tensor.constant(g, out, g.length / out).transpose().values();
    }

    interface Engine {
        double loss(double[][] params, double[][] gradsOut);
    }

    /** The exercise's check: for each parameter array, max over its elements of |a − n| / max(1e-8, |a| + |n|). */
    static double[] maxRelativeErrors(Engine engine) {
        double[][] p = toyModel();
        double[][] g = new double[4][];
        engine.loss(p, g);
        double[] worst = new double[4];
        double h = 1e-5;
        for (int t = 0; t < 4; t++) {
            for (int e = 0; e < p[t].length; e++) {
                double keep = p[t][e];
                p[t][e] = keep + h;
                double up = engine.loss(p, null);
                p[t][e] = keep - h;
                double down = engine.loss(p, null);
                p[t][e] = keep;
                double n = (up - down) / (2 * h);
                worst[t] = Math.max(worst[t], Math.abs(g[t][e] - n) / Math.max(1e-8, Math.abs(g[t][e]) + Math.abs(n)));
            }
        }
        return worst;
    }

    @Test
    void hlcvToyNetworkLossIsThePublished1_30378789133InBothEngines() {
        assertEquals(1.30378789133, tensorLoss(toyModel(), null), 1e-11);
        assertEquals(1.30378789133, scalarLoss(toyModel(), null), 1e-11);
    }

    @Test
    void hlcvGradientCheckMaxRelativeErrorBelow1e8ForEveryParameterInBothEngines() {
        String[] names = {"W1", "b1", "W2", "b2"};
        for (Engine engine : new Engine[] {HlcvExercise2Test::tensorLoss, HlcvExercise2Test::scalarLoss}) {
            double[] worst = maxRelativeErrors(engine);
            for (int t = 0; t < 4; t++) {
                if (!(worst[t] < 1e-8)) {
                    throw new AssertionError(names[t] + " max relative error " + worst[t]);
                }
            }
        }
    }
}
