package org.twingrad.scalar.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twingrad.data.Activation.IDENTITY;
import static org.twingrad.data.Activation.RELU;
import static org.twingrad.data.Activation.SIGMOID;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twingrad.data.Activation;
import org.twingrad.scalar.BackpropTrace;
import org.twingrad.scalar.Value;

/**
 * CMU 10-701 (Introduction to Machine Learning) homework 3, the hand-worked network questions.
 * §1: α (4 × 7) and β (3 × 5) with the bias in column 0, sigmoid hidden layer, softmax output, x = [1,0,1,0,1,1],
 * label class 3 (index 2 here). §2: zero initialization. §3: a 2-2-1 ReLU regression net under MSE.
 */
class Cmu10701Hw3Test {
    static final double[][] ALPHA = {{1, 1, 2, -3, 0, 1, -3}, {1, 2, 1, 1, 1, 0, 2}, {1, 3, 2, 2, 2, 2, 1}, {1, 2, 0, 3, 1, -2, 2}};
    static final double[][] BETA = {{1, 1, 2, -2, 3}, {1, 2, -1, 3, 1}, {1, 3, 1, -1, 1}};
    static final double[] X = {1, 0, 1, 0, 1, 1};
    static final int CLASS_3 = 2;

    static MLP section1Network() {
        return new MLP(Linear.withBiasColumn(ALPHA, SIGMOID), Linear.withBiasColumn(BETA, IDENTITY));
    }

    @Test
    void cmuSection1Q3ForwardPassToFourDecimals() {
        MLP net = section1Network();
        List<Value> b = net.forward(X);
        Value loss = SoftmaxCrossEntropy.of(b, CLASS_3);
        BackpropTrace trace = loss.backwardTraced();
        // The sheet's a (pre-activation) is twingrad's z, its z (sigmoid output) is h; its b (logits) is z2.
        assertEquals(-3.0, trace.step("z1[0]").value(), 1e-12, "a1 = α1,0 + Σ α1,i x_i");
        assertEquals(0.0474, trace.step("h1[0]").value(), 0.00005, "z1 = σ(a1)");
        assertEquals(4.0945, trace.step("z2[1]").value(), 0.00005, "b2");
        double[] yhat = SoftmaxCrossEntropy.probabilities(b);
        assertEquals(0.4799, yhat[1], 0.00005, "ŷ2");
        assertEquals(1, SoftmaxCrossEntropy.predictedClass(b), "the network predicts class 2");
        assertEquals(2.6912, loss.data(), 0.00005, "loss −log ŷ3");
    }

    @Test
    void cmuSection1Q4OneSgdStepGivesPublishedWeights() {
        MLP net = section1Network();
        SoftmaxCrossEntropy.of(net.forward(X), CLASS_3).backward();
        new Sgd(net.parameters(), 1.0).step();
        assertEquals(1.9772, net.layer(2).weight(1, 0).data(), 0.00005, "β2,1");
        assertEquals(0.5477, net.layer(2).bias(0).data(), 0.00005, "β1,0");
        assertEquals(2.0, net.layer(1).weight(2, 3).data(), 0.0, "α3,4 (x4 = 0, so unchanged)");
    }

    @Test
    void cmuSection1Q4ManyStepsOnTheSameExamplePredictClass3() {
        MLP net = section1Network();
        Sgd sgd = new Sgd(net.parameters(), 1.0);
        for (int step = 0; step < 20; step++) {
            sgd.zeroGrad();
            SoftmaxCrossEntropy.of(net.forward(X), CLASS_3).backward();
            sgd.step();
        }
        assertEquals(CLASS_3, SoftmaxCrossEntropy.predictedClass(net.forward(X)));
    }

    @Test
    void cmuSection1Q5LossWithL2ExcludingBiases() {
        MLP net = section1Network();
        Value loss = SoftmaxCrossEntropy.of(net.forward(X), CLASS_3).add(L2.penalty(net, 0.01));
        assertEquals(3.9712, loss.data(), 0.00005);
    }

    static final double[][] DATA = {{-1, 0.4, 2}, {3, 8, -4}, {-3, 0.3, 3.2}, {4, 10, -8.3}, {-0.5, 5, -2.3}};

    static MLP section3Network(Activation f) {
        return new MLP(Linear.of(new double[][] {{0.2, 3.8}, {-1.1, 2.3}}, new double[] {-1.3, 0.86}, f),
                Linear.of(new double[][] {{-1.2, 0.7}}, new double[] {0}, IDENTITY));
    }

    static Value section3Loss(MLP net) {
        List<Value> predictions = new ArrayList<>();
        double[] targets = new double[DATA.length];
        for (int r = 0; r < DATA.length; r++) {
            predictions.add(net.forward(new double[] {DATA[r][0], DATA[r][1]}).get(0));
            targets[r] = DATA[r][2];
        }
        return MeanSquaredError.of(predictions, targets);
    }

    @Test
    void cmuSection3ReluNetworkMseIs209Point4557() {
        assertEquals(209.4557, section3Loss(section3Network(RELU)).data(), 0.00005);
    }

    @Test
    void cmuSection3TanhGivesTheLowestLossOfFourActivations() {
        double tanh = section3Loss(section3Network(Activation.TANH)).data();
        for (Activation f : new Activation[] {RELU, SIGMOID, IDENTITY}) {
            assertTrue(tanh < section3Loss(section3Network(f)).data(), "tanh below " + f);
        }
    }

    @Test
    void cmuSection3TwoReluStepsWithRate0001GiveTheLowestLoss() {
        double[] rates = {0.1, 0.001, 0.0001, 0.9};
        double[] losses = new double[rates.length];
        for (int r = 0; r < rates.length; r++) {
            MLP net = section3Network(RELU);
            Sgd sgd = new Sgd(net.parameters(), rates[r]);
            for (int step = 0; step < 2; step++) {
                sgd.zeroGrad();
                section3Loss(net).backward();
                sgd.step();
            }
            losses[r] = section3Loss(net).data();
        }
        for (int r = 0; r < rates.length; r++) {
            if (r != 1) {
                assertTrue(losses[1] < losses[r] || Double.isNaN(losses[r]),
                        "η = 0.001 gives " + losses[1] + ", η = " + rates[r] + " gives " + losses[r]);
            }
        }
    }

    @Test
    void cmuSection2ZeroInitializationKeepsTheHiddenUnitsIdentical() {
        // 2 inputs, 2 sigmoid hidden units, 1 output; everything starts at 0.
        MLP net = new MLP(Linear.of(new double[2][2], new double[2], SIGMOID),
                Linear.of(new double[1][2], new double[1], IDENTITY));
        Sgd sgd = new Sgd(net.parameters(), 0.1);
        for (int step = 0; step < 50; step++) {
            sgd.zeroGrad();
            section3Loss(net).backward();
            sgd.step();
            Linear h = net.layer(1);
            for (int i = 0; i < 2; i++) {
                assertEquals(h.weight(0, i).data(), h.weight(1, i).data(), 0.0, "w1 = w2 after step " + step);
            }
            assertEquals(h.bias(0).data(), h.bias(1).data(), 0.0);
            assertEquals(net.layer(2).weight(0, 0).data(), net.layer(2).weight(0, 1).data(), 0.0, "v1 = v2");
        }
        assertTrue(net.layer(2).weight(0, 0).data() != 0, "the weights did move");
    }

    static List<Value> toValues(double[] x) {
        List<Value> v = new ArrayList<>();
        for (double d : x) {
            v.add(Value.of(d));
        }
        return v;
    }
}
