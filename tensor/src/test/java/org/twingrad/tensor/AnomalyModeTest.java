package org.twingrad.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.twingrad.data.Dataset;
import org.twingrad.data.NumpyRandom;
import org.twingrad.data.WeightInit;
import org.twingrad.data.Activation;
import org.twingrad.tensor.nn.MLP;
import org.twingrad.tensor.train.TrainConfig;
import org.twingrad.tensor.train.Trainer;

/** Issue 12, case 7: a NaN input flowed silently into the loss and gradients; anomaly mode names the op. */
class AnomalyModeTest {
    @AfterEach
    void off() {
        Tensor.detectAnomaly(false);
    }

    private static final Tensor W = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);

    @Test
    void withoutAnomalyModeANaNInputFlowsIntoTheLossSilently() {
        Tensor x = Tensor.constant(new double[] {1, Double.NaN}, 1, 2);
        assertTrue(Double.isNaN(x.matmul(W).sum().item()));
    }

    @Test
    void theFirstOpWithANonFiniteOutputNamesItselfItsInputShapesAndTheNonFiniteInput() {
        Tensor.detectAnomaly(true);
        Tensor x = Tensor.constant(new double[] {1, Double.NaN}, 1, 2);
        AnomalyException e = assertThrows(AnomalyException.class, () -> x.matmul(W).sum());
        assertEquals("anomaly: matmul gave NaN (at index 0 of [1, 3]) from inputs of shapes [1, 2], [2, 3];"
                + " input 0 was already non-finite", e.getMessage());
        assertEquals("matmul", e.op());
        assertFalse(e.inBackward());
    }

    @Test
    void anOverflowFromFiniteInputsSaysSo() {
        Tensor.detectAnomaly(true);
        Tensor x = Tensor.of(new double[] {1000}, 1);
        AnomalyException e = assertThrows(AnomalyException.class, x::exp);
        assertEquals("anomaly: exp gave Infinity (at index 0 of [1]) from inputs of shapes [1]; every input was finite",
                e.getMessage());
    }

    @Test
    void aGradientThatOverflowsInBackwardIsCaughtAtTheOpThatMadeIt() {
        Tensor.detectAnomaly(true);
        Tensor x = Tensor.of(new double[] {1e-320}, 1);       // finite, but 1/x overflows
        Tensor y = x.log();
        AnomalyException e = assertThrows(AnomalyException.class, () -> y.sum().backward());
        assertTrue(e.inBackward());
        assertEquals("anomaly: the backward of log (inputs of shapes [1]) gave input 0 the gradient Infinity (at index 0)"
                + " from a finite gradient of its output; every input was finite", e.getMessage());
    }

    @Test
    void trainingInAnomalyModeStopsWithTheOpAndKeepsFiniteWeights() {
        Tensor.detectAnomaly(true);
        Dataset tiny = Dataset.of("tiny", new double[] {0, 1, 1, 0, 1, 1, 0, 0}, 4, 2, new int[] {0, 1, 1, 0}, 2);
        MLP net = MLP.random(2, new int[] {3}, 2, Activation.IDENTITY, WeightInit.uniform(1), new NumpyRandom(0));
        Trainer.Result r = Trainer.fit(net, tiny, tiny, TrainConfig.defaults().learningRate(1e200).batch(1).epochs(20), Trainer.Listener.NONE);
        assertTrue(r.stoppedReason().matches("anomaly: .+ at epoch \\d+, step \\d; kept the weights of the last step with a finite loss"),
                r.stoppedReason());
        for (Tensor p : net.parameters()) {
            for (double v : p.values()) {
                assertTrue(Double.isFinite(v), "weights are finite after the stop");
            }
        }
    }
}
