package org.twingrad.scalar.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.twingrad.data.Activation;
import org.twingrad.data.NumpyRandom;
import org.twingrad.data.WeightInit;
import org.twingrad.scalar.Value;

/** Building layers from typed-in matrices, seeded layers, and the errors for bad shapes. */
class LinearTest {

    @Test
    void theThreeOrientationsBuildTheSameLayer() {
        Linear rows = Linear.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}, new double[] {7, 8, 9}, Activation.IDENTITY);
        Linear cols = Linear.fromInputRows(new double[][] {{1, 3, 5}, {2, 4, 6}}, new double[] {7, 8, 9}, Activation.IDENTITY);
        Linear bias = Linear.withBiasColumn(new double[][] {{7, 1, 2}, {8, 3, 4}, {9, 5, 6}}, Activation.IDENTITY);
        for (Linear l : new Linear[] {rows, cols, bias}) {
            var out = l.forward(java.util.List.of(Value.of(1), Value.of(-1)));
            assertEquals(6.0, out.get(0).data());
            assertEquals(7.0, out.get(1).data());
            assertEquals(8.0, out.get(2).data());
        }
    }

    @Test
    void aRaggedWeightMatrixIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Linear.of(new double[][] {{1, 2}, {3}}, new double[] {0, 0}, Activation.SIGMOID));
        assertEquals("ragged weight matrix: row 1 has 1 entries, row 0 has 2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Linear.of(new double[][] {{1, 2}}, new double[] {0, 0}, Activation.SIGMOID));
    }

    @Test
    void anInputOfTheWrongLengthIsAClearError() {
        MLP net = DlvuAssignment1Q3Test.network();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.forward(new double[] {1, 2, 3}));
        assertEquals("network takes 2 inputs, got 3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MLP(Linear.of(new double[2][3], new double[2], Activation.RELU),
                Linear.of(new double[1][3], new double[1], Activation.RELU)));
    }

    @Test
    void seededLayersDrawInNumpysFanInFanOutOrder() {
        Linear l = Linear.random(3, 2, Activation.RELU, WeightInit.uniform(1), new NumpyRandom(1));
        double[] w = new NumpyRandom(1).uniform(-1, 1, 6);   // np.random.uniform(-1, 1, (3, 2))
        assertEquals(w[1], l.weight(1, 0).data(), "w[i=0][j=1]");
        assertEquals(w[4], l.weight(0, 2).data(), "w[i=2][j=0]");
        assertEquals(0.0, l.bias(1).data());
    }

    @Test
    void parametersAndWeightsAndLabels() {
        MLP net = Cmu10701Hw3Test.section1Network();
        assertEquals(4 * 7 + 3 * 5, net.parameters().size());
        assertEquals(4 * 6 + 3 * 4, net.weights().size());
        assertEquals("W2[1,0]", net.layer(2).weight(1, 0).label());
        assertEquals("b1[3]", net.layer(1).bias(3).label());
    }

    @Test
    void improvedSigmoidIsLeCunsScaledTanh() {
        Value x = Value.of(0.9);
        Value y = Activation.IMPROVED_SIGMOID.forward(x);
        y.backward();
        assertEquals(1.7159 * Math.tanh(0.6), y.data(), 1e-15);
        assertEquals(1.7159 * (2.0 / 3) * (1 - Math.pow(Math.tanh(0.6), 2)), x.grad(), 1e-15);
        assertEquals(Activation.IMPROVED_SIGMOID, Activation.parse("improved-sigmoid"));
        assertThrows(IllegalArgumentException.class, () -> Activation.parse("swish"));
    }

    @Test
    void momentumFollowsTheFrameworksConvention() {
        Value w = Value.of(1.0);
        Sgd sgd = new Sgd(java.util.List.of(w), 0.1, 0.9);
        double v = 0;
        double expected = 1.0;
        for (int t = 0; t < 3; t++) {
            sgd.zeroGrad();
            w.mul(w).backward();                  // g = 2w
            v = 2 * expected + 0.9 * v;          // Δw(t) = g + γ·Δw(t−1)
            expected -= 0.1 * v;                  // w ← w − α·Δw(t)
            sgd.step();
            assertEquals(expected, w.data(), 1e-15);
        }
    }

    @Test
    void crossEntropyIsFiniteForLogitsOfPlusMinus1000() {
        var logits = java.util.List.of(Value.of(1000), Value.of(-1000), Value.of(0));
        Value fused = SoftmaxCrossEntropy.of(logits, 1);
        fused.backward();
        assertEquals(2000.0, fused.data());
        assertEquals(-1.0, logits.get(1).grad());
        assertEquals(1.0, logits.get(0).grad());
        Value built = SoftmaxCrossEntropy.fromOps(java.util.List.of(Value.of(1000), Value.of(-1000), Value.of(0)), 1);
        assertEquals(2000.0, built.data());
    }
}
