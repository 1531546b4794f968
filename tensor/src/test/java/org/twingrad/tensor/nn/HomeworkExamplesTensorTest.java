package org.twingrad.tensor.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.twingrad.data.Activation;
import org.twingrad.tensor.Tensor;
import org.twingrad.tensor.optim.L2;
import org.twingrad.tensor.optim.Sgd;

/** The scalar engine's hand-worked examples again, written with tensors: the same published figures. */
class HomeworkExamplesTensorTest {

    @Test
    void dlvuAssignment1Q3GradientsInTensorForm() {
        Linear w = Linear.fromInputRows(new double[][] {{1, 1, 1}, {-1, -1, -1}}, new double[3], Activation.SIGMOID);
        Linear v = Linear.fromInputRows(new double[][] {{1, 1}, {-1, -1}, {-1, -1}}, new double[2], Activation.IDENTITY);
        MLP net = new MLP(List.of(w, v));
        net.forward(Tensor.constant(new double[] {1, -1}, 1, 2)).softmaxCrossEntropy(new int[] {0}).backward();
        for (double g : w.weight().grads()) {
            assertEquals(0.0, g, 1e-15, "∂L/∂W");
        }
        for (double g : w.bias().grads()) {
            assertEquals(0.0, g, 1e-15, "∂L/∂b");
        }
        double[] dv = v.weight().grads();   // [2, 3]: row k = output unit k, column j = hidden unit j
        for (int j = 0; j < 3; j++) {
            assertEquals(-0.4404, dv[j], 0.00005, "∂L/∂V[" + j + "][0]");
            assertEquals(0.4404, dv[3 + j], 0.00005, "∂L/∂V[" + j + "][1]");
        }
        assertEquals(-0.5, v.bias().grads()[0], 1e-15);
        assertEquals(0.5, v.bias().grads()[1], 1e-15);
    }

    static final double[][] ALPHA = {{1, 1, 2, -3, 0, 1, -3}, {1, 2, 1, 1, 1, 0, 2}, {1, 3, 2, 2, 2, 2, 1}, {1, 2, 0, 3, 1, -2, 2}};
    static final double[][] BETA = {{1, 1, 2, -2, 3}, {1, 2, -1, 3, 1}, {1, 3, 1, -1, 1}};
    static final Tensor X = Tensor.constant(new double[] {1, 0, 1, 0, 1, 1}, 1, 6);
    static final int[] CLASS_3 = {2};

    @Test
    void cmu10701Hw3Section1ForwardStepAndL2InTensorForm() {
        Linear alpha = Linear.withBiasColumn(ALPHA, Activation.SIGMOID);
        Linear beta = Linear.withBiasColumn(BETA, Activation.IDENTITY);
        MLP net = new MLP(List.of(alpha, beta));
        Tensor a = X.matmulTransposed(alpha.weight()).add(alpha.bias());
        assertEquals(-3.0, a.values()[0], 1e-12, "a1");
        assertEquals(0.0474, a.sigmoid().values()[0], 0.00005, "z1");
        Tensor b = net.forward(X);
        assertEquals(4.0945, b.values()[1], 0.00005, "b2");
        assertEquals(0.4799, b.softmax()[1], 0.00005, "ŷ2");
        assertEquals(1, b.argmaxRows()[0], "predicts class 2");
        Tensor loss = b.softmaxCrossEntropy(CLASS_3);
        assertEquals(2.6912, loss.item(), 0.00005, "loss");
        assertEquals(3.9712, loss.add(L2.penalty(net.weights(), 0.01)).item(), 0.00005, "loss with L2, λ = 0.01");
        loss.backward();
        new Sgd(net.parameters(), 1.0).step();
        // Linear keeps W as [out, in]: β2,1 (unit 2, input 1) is weight[1][0]; β1,0 is bias[0]; α3,4 is weight[2][3].
        assertEquals(1.9772, beta.weight().values()[1 * 4 + 0], 0.00005, "β2,1");
        assertEquals(0.5477, beta.bias().values()[0], 0.00005, "β1,0");
        assertEquals(2.0, alpha.weight().values()[2 * 6 + 3], 0.0, "α3,4");
    }

    @Test
    void cmu10701Hw3Section1ManyStepsPredictClass3InTensorForm() {
        MLP net = new MLP(List.of(Linear.withBiasColumn(ALPHA, Activation.SIGMOID),
                Linear.withBiasColumn(BETA, Activation.IDENTITY)));
        Sgd sgd = new Sgd(net.parameters(), 1.0);
        for (int i = 0; i < 20; i++) {
            sgd.zeroGrad();
            net.forward(X).softmaxCrossEntropy(CLASS_3).backward();
            sgd.step();
        }
        assertEquals(2, net.forward(X).argmaxRows()[0]);
    }

    static final double[] X3 = {-1, 0.4, 3, 8, -3, 0.3, 4, 10, -0.5, 5};
    static final double[] Y3 = {2, -4, 3.2, -8.3, -2.3};

    static MLP section3(Activation f) {
        return new MLP(List.of(Linear.of(new double[][] {{0.2, 3.8}, {-1.1, 2.3}}, new double[] {-1.3, 0.86}, f),
                Linear.of(new double[][] {{-1.2, 0.7}}, new double[] {0}, Activation.IDENTITY)));
    }

    static Tensor section3Loss(MLP net) {
        return net.forward(Tensor.constant(X3, 5, 2)).mse(Tensor.constant(Y3, 5, 1));
    }

    @Test
    void cmu10701Hw3Section3MseAndTheActivationAndRateComparisonsInTensorForm() {
        assertEquals(209.4557, section3Loss(section3(Activation.RELU)).item(), 0.00005);
        double tanh = section3Loss(section3(Activation.TANH)).item();
        for (Activation f : new Activation[] {Activation.RELU, Activation.SIGMOID, Activation.IDENTITY}) {
            assertTrue(tanh < section3Loss(section3(f)).item(), "tanh below " + f);
        }
        double[] rates = {0.1, 0.001, 0.0001, 0.9};
        double[] losses = new double[4];
        for (int i = 0; i < 4; i++) {
            MLP net = section3(Activation.RELU);
            Sgd sgd = new Sgd(net.parameters(), rates[i]);
            for (int s = 0; s < 2; s++) {
                sgd.zeroGrad();
                section3Loss(net).backward();
                sgd.step();
            }
            losses[i] = section3Loss(net).item();
        }
        for (int i : new int[] {0, 2, 3}) {
            assertTrue(losses[1] < losses[i] || Double.isNaN(losses[i]), "η = 0.001: " + losses[1] + ", η = " + rates[i] + ": " + losses[i]);
        }
    }
}
