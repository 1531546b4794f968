package org.twingrad.scalar.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.twingrad.data.Activation;
import org.twingrad.data.NumpyRandom;
import org.twingrad.data.WeightInit;
import org.twingrad.scalar.Value;

/**
 * TDT4265 (NTNU) assignment 2, task 1a: the backprop equations. For a hidden unit j with pre-activation zⱼ, the
 * error δⱼ = ∂C/∂zⱼ = f'(zⱼ)·Σₖ wₖⱼ·δₖ, where δₖ = ŷₖ − yₖ at a softmax output; and ∂C/∂wⱼᵢ = δⱼ·xᵢ.
 * The engine never uses these formulas; on random networks its gradients must equal them.
 */
class Tdt4265Task1aTest {

    @Test
    void tdt4265Task1aHiddenDeltaAndWeightGradientMatchTheFormulas() {
        for (long seed = 0; seed < 20; seed++) {
            NumpyRandom rng = new NumpyRandom(seed);
            int in = 1 + (int) rng.randint(1, 6);
            int hidden = 1 + (int) rng.randint(1, 6);
            int classes = 2 + (int) rng.randint(0, 4);
            MLP net = MLP.random(in, new int[] {hidden}, classes, Activation.SIGMOID, WeightInit.normal(1.0), rng);
            double[] x = rng.randn(in);
            int target = (int) rng.randint(0, classes);

            List<Value> logits = net.forward(x);
            SoftmaxCrossEntropy.of(logits, target).backward();

            double[] yhat = SoftmaxCrossEntropy.probabilities(logits);
            Linear h = net.layer(1);
            Linear o = net.layer(2);
            for (int j = 0; j < hidden; j++) {
                double z = h.bias(j).data();
                for (int i = 0; i < in; i++) {
                    z += h.weight(j, i).data() * x[i];
                }
                double s = 1 / (1 + Math.exp(-z));
                double sum = 0;
                for (int k = 0; k < classes; k++) {
                    double deltaK = yhat[k] - (k == target ? 1 : 0);
                    sum += o.weight(k, j).data() * deltaK;
                }
                double deltaJ = s * (1 - s) * sum;                       // δj = f'(zj) Σk wkj δk
                assertEquals(deltaJ, h.bias(j).grad(), 1e-12, "seed " + seed + ": δ" + j);
                for (int i = 0; i < in; i++) {
                    assertEquals(deltaJ * x[i], h.weight(j, i).grad(), 1e-12, "seed " + seed + ": ∂C/∂w" + j + i);
                }
            }
        }
    }
}
