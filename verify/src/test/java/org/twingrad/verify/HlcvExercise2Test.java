package org.twingrad.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twingrad.data.HlcvToy;
import org.twingrad.scalar.Value;
import org.twingrad.scalar.nn.Layer;
import org.twingrad.scalar.nn.MLP;
import org.twingrad.scalar.nn.SoftmaxCrossEntropy;
import org.twingrad.tensor.Tensor;
import org.twingrad.tensor.nn.Activation;
import org.twingrad.tensor.nn.Linear;
import org.twingrad.tensor.nn.Sequential;

/**
 * HLCV (High-Level Computer Vision, Saarland) exercise 2, Q1–Q2: the toy two-layer ReLU network of its starter code
 * (cs231n's init_toy_model / init_toy_data), replayed from the starter's NumPy seeds.
 * Published: loss 1.30378789133; the exercise requires every parameter's maximum relative gradient error,
 * max |a − n| / max(1e-8, |a| + |n|) with n the central difference at h = 1e-5, below 1e-8.
 */
class HlcvExercise2Test {
    static final int[] Y = HlcvToy.labels();
    static final double REG = HlcvToy.REG;

    static double[][] toyModel() {
        return HlcvToy.model();
    }

    static double[] toyData() {
        return HlcvToy.inputs();
    }

    static double tensorLoss(double[][] p, double[][] gradsOut) {
        Linear l1 = new Linear(Tensor.of(p[0], 4, 10), Tensor.of(p[1], 10));
        Linear l2 = new Linear(Tensor.of(p[2], 10, 3), Tensor.of(p[3], 3));
        Sequential net = new Sequential(l1, Activation.RELU, l2);
        Tensor loss = net.forward(Tensor.constant(toyData(), 5, 4)).softmaxCrossEntropy(Y)
                .add(l1.weight().sumOfSquares().add(l2.weight().sumOfSquares()).mul(REG));
        if (gradsOut != null) {
            loss.backward();
            List<Tensor> ps = net.parameters();
            for (int i = 0; i < 4; i++) {
                gradsOut[i] = ps.get(i).grads();
            }
        }
        return loss.item();
    }

    static double scalarLoss(double[][] p, double[][] gradsOut) {
        double[][] w1 = new double[4][10];
        double[][] w2 = new double[10][3];
        for (int i = 0; i < 4; i++) {
            System.arraycopy(p[0], i * 10, w1[i], 0, 10);
        }
        for (int i = 0; i < 10; i++) {
            System.arraycopy(p[2], i * 3, w2[i], 0, 3);
        }
        MLP net = new MLP(Layer.fromColumns(w1, p[1], org.twingrad.scalar.nn.Activation.RELU),
                Layer.fromColumns(w2, p[3], org.twingrad.scalar.nn.Activation.IDENTITY));
        double[] x = toyData();
        List<Value> rows = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            rows.add(SoftmaxCrossEntropy.of(net.forward(java.util.Arrays.copyOfRange(x, r * 4, r * 4 + 4)), Y[r]));
        }
        Value loss = Value.mean(rows).add(org.twingrad.scalar.nn.L2.penalty(net, REG));
        if (gradsOut != null) {
            loss.backward();
            Layer a = net.layer(1);
            Layer b = net.layer(2);
            gradsOut[0] = new double[40];
            gradsOut[1] = new double[10];
            gradsOut[2] = new double[30];
            gradsOut[3] = new double[3];
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 10; j++) {
                    gradsOut[0][i * 10 + j] = a.weight(j, i).grad();
                }
            }
            for (int j = 0; j < 10; j++) {
                gradsOut[1][j] = a.bias(j).grad();
                for (int k = 0; k < 3; k++) {
                    gradsOut[2][j * 3 + k] = b.weight(k, j).grad();
                }
            }
            for (int k = 0; k < 3; k++) {
                gradsOut[3][k] = b.bias(k).grad();
            }
        }
        return loss.data();
    }

    @Test
    void hlcvToyNetworkLossIsThePublished1_30378789133InBothEngines() {
        assertEquals(1.30378789133, tensorLoss(toyModel(), null), 1e-11);
        assertEquals(1.30378789133, scalarLoss(toyModel(), null), 1e-11);
    }

    @Test
    void hlcvGradientCheckMaxRelativeErrorBelow1e8ForEveryParameterInBothEngines() {
        String[] names = {"W1", "b1", "W2", "b2"};
        for (HlcvToy.Loss engine : new HlcvToy.Loss[] {HlcvExercise2Test::tensorLoss, HlcvExercise2Test::scalarLoss}) {
            double[] worst = HlcvToy.maxRelativeErrors(engine);
            for (int t = 0; t < 4; t++) {
                if (!(worst[t] < 1e-8)) {
                    throw new AssertionError(names[t] + " max relative error " + worst[t]);
                }
            }
        }
    }
}
