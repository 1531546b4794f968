package org.twingrad.verify;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.twingrad.scalar.Value;
import org.twingrad.scalar.nn.MLP;
import org.twingrad.tensor.Tensor;
import org.twingrad.tensor.nn.Sequential;

/** The bound of {@link ErrorBound} is neither vacuous nor too tight: it holds for the engines and catches a real slip. */
class ErrorBoundTest {
    /** A 2-3-2 tanh network with MSE, one row: small enough to read, every kind of layer. */
    private static NetCase small() {
        return new NetCase(2, new int[] {3}, 2, "tanh", true, 0.01,
                new double[][] {{0.5, -1.2, 0.3, 0.9, 0.1, -0.4}, {1.1, -0.7, 0.2, 0.6, -1.3, 0.8}},
                new double[][] {{0.05, -0.1, 0.2}, {0.3, -0.2}}, 1, new double[] {1.5, -0.5}, new int[] {0},
                new double[] {0.25, -0.75});
    }

    @Test
    void theEnginesAreWithinTheBoundAndAGradientOffByOneMillionthOfAPercentIsNot() {
        NetCase c = small();
        MLP s = Engines.scalarNet(c);
        Value sl = Engines.scalarLoss(s, c);
        sl.backward();
        Sequential t = Engines.tensorNet(c);
        Tensor tl = Engines.tensorLoss(t, c);
        tl.backward();
        double[] sg = Engines.scalarGrads(s);
        double[] tg = Engines.tensorGrads(t);
        assertDoesNotThrow(() -> ErrorBound.assertWithin(c, sl.data(), tl.item(), sg, tg));
        double[] slipped = tg.clone();
        slipped[3] *= 1 + 1e-8;
        AssertionError e = assertThrows(AssertionError.class, () -> ErrorBound.assertWithin(c, sl.data(), tl.item(), sg, slipped));
        assertTrue(e.getMessage().contains("gradient (layer by layer: W [in, out], then b)[3]"), e.getMessage());
    }

    @Test
    void theBoundGrowsWithDepthAndWidth() {
        NetCase c = small();
        ErrorBound.Magnitudes m = ErrorBound.of(c);
        // N = Σ (2·width + 8) + rows = (4 + 8) + (6 + 8) + (4 + 8) + 1.
        assertTrue(m.chain() == 39, "N = " + m.chain());
        for (int i = 0; i < m.grads().length; i++) {
            assertTrue(m.gradTolerance(i) > 0 && m.gradTolerance(i) < 1e-12, i + ": " + m.gradTolerance(i));
        }
    }
}
