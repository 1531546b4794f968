package org.twingrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twingrad.tensor.FiniteDifferences.check;
import static org.twingrad.tensor.FiniteDifferences.random;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every op's backward against central finite differences, and every shape error. */
class TensorGradientTest {
    private final Random r = new Random(42);

    /** A weighted sum makes every output element matter with a different weight. */
    private static Tensor weighted(Tensor t) {
        double[] w = new double[t.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.3 + 0.1 * i;
        }
        return t.mul(Tensor.constant(w, t.shape())).sum();
    }

    @Test
    void matmulInAllThreeForms() {
        check("[n,k]·[k,m]", t -> weighted(t[0].matmul(t[1])), new double[][] {random(r, 12), random(r, 20)}, new int[][] {{3, 4}, {4, 5}});
        check("[b,n,k]·[b,k,m]", t -> weighted(t[0].matmul(t[1])), new double[][] {random(r, 24), random(r, 24)},
                new int[][] {{2, 3, 4}, {2, 4, 3}});
        check("[b,n,k]·[k,m] shared", t -> weighted(t[0].matmul(t[1])), new double[][] {random(r, 24), random(r, 20)},
                new int[][] {{2, 3, 4}, {4, 5}});
    }

    @Test
    void elementwiseOpsAndRowBroadcasting() {
        check("add", t -> weighted(t[0].add(t[1])), new double[][] {random(r, 6), random(r, 6)}, new int[][] {{2, 3}, {2, 3}});
        check("add bias [m]", t -> weighted(t[0].add(t[1])), new double[][] {random(r, 6), random(r, 3)}, new int[][] {{2, 3}, {3}});
        check("add bias [1,m] over [b,n,m]", t -> weighted(t[0].add(t[1])), new double[][] {random(r, 12), random(r, 3)},
                new int[][] {{2, 2, 3}, {1, 3}});
        check("sub bias", t -> weighted(t[0].sub(t[1])), new double[][] {random(r, 6), random(r, 3)}, new int[][] {{2, 3}, {3}});
        check("mul", t -> weighted(t[0].mul(t[1])), new double[][] {random(r, 6), random(r, 6)}, new int[][] {{3, 2}, {3, 2}});
        check("mul row", t -> weighted(t[0].mul(t[1])), new double[][] {random(r, 6), random(r, 2)}, new int[][] {{3, 2}, {2}});
        check("mul constant", t -> weighted(t[0].mul(-2.5)), new double[][] {random(r, 4)}, new int[][] {{4}});
    }

    @Test
    void unaryOps() {
        int[][] s = {{2, 3}};
        check("sigmoid", t -> weighted(t[0].sigmoid()), new double[][] {random(r, 6)}, s);
        check("relu", t -> weighted(t[0].relu()), new double[][] {{-1.2, 0.3, 2.0, -0.4, 0.9, 1.1}}, s);
        check("tanh", t -> weighted(t[0].tanh()), new double[][] {random(r, 6)}, s);
        check("improved sigmoid", t -> weighted(t[0].improvedSigmoid()), new double[][] {random(r, 6)}, s);
        check("exp", t -> weighted(t[0].exp()), new double[][] {random(r, 6)}, s);
        check("log", t -> weighted(t[0].log()), new double[][] {{0.5, 1.5, 2.0, 3.0, 0.1, 7.0}}, s);
        check("transpose 2-D", t -> weighted(t[0].transpose()), new double[][] {random(r, 6)}, s);
        check("transpose 3-D", t -> weighted(t[0].transpose()), new double[][] {random(r, 12)}, new int[][] {{2, 2, 3}});
    }

    @Test
    void reductionsAndLosses() {
        check("sum", t -> t[0].exp().sum(), new double[][] {random(r, 5)}, new int[][] {{5}});
        check("mean", t -> t[0].exp().mean(), new double[][] {random(r, 6)}, new int[][] {{2, 3}});
        check("sumOfSquares", t -> t[0].sumOfSquares(), new double[][] {random(r, 6)}, new int[][] {{3, 2}});
        check("mse", t -> t[0].mse(t[1]), new double[][] {random(r, 6), random(r, 6)}, new int[][] {{3, 2}, {3, 2}});
        check("softmaxCrossEntropy", t -> t[0].softmaxCrossEntropy(new int[] {2, 0, 1}), new double[][] {random(r, 12)},
                new int[][] {{3, 4}});
    }

    @Test
    void softmaxCrossEntropyIsFiniteForLogitsOfPlusMinus1000() {
        Tensor z = Tensor.of(new double[] {1000, -1000, 0, -1000, 1000, 0}, 2, 3);
        Tensor loss = z.softmaxCrossEntropy(new int[] {1, 1});
        loss.backward();
        assertEquals(1000.0, loss.item(), "row 0 loses 2000, row 1 loses 0: mean 1000");
        assertArrayEquals(new double[] {0.5, -0.5, 0, 0, 0, 0}, z.grads(), 1e-300);
        assertTrue(Double.isFinite(z.softmax()[0]));
    }

    @Test
    void shapeMismatchesNameTheOpAndBothShapes() {
        Tensor a = Tensor.of(new double[6], 2, 3);
        Tensor b = Tensor.of(new double[8], 2, 4);
        assertEquals("matmul: shapes [2, 3] and [2, 4] do not fit",
                assertThrows(IllegalArgumentException.class, () -> a.matmul(b)).getMessage());
        assertEquals("add: shapes [2, 3] and [2, 4] do not fit",
                assertThrows(IllegalArgumentException.class, () -> a.add(b)).getMessage());
        assertEquals("sub: shapes [2, 3] and [4] do not fit",
                assertThrows(IllegalArgumentException.class, () -> a.sub(Tensor.of(new double[4], 4))).getMessage());
        assertEquals("mul: shapes [2, 3] and [3, 2] do not fit",
                assertThrows(IllegalArgumentException.class, () -> a.mul(Tensor.of(new double[6], 3, 2))).getMessage());
        assertEquals("mse: shapes [2, 3] and [6] do not fit",
                assertThrows(IllegalArgumentException.class, () -> a.mse(Tensor.of(new double[6], 6))).getMessage());
        assertEquals("matmul: shapes [2, 2, 3] and [3, 3, 2] do not fit", assertThrows(IllegalArgumentException.class,
                () -> Tensor.of(new double[12], 2, 2, 3).matmul(Tensor.of(new double[18], 3, 3, 2))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.softmaxCrossEntropy(new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> a.softmaxCrossEntropy(new int[] {0, 3}));
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[5], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[16], 2, 2, 2, 2));
        assertThrows(IllegalStateException.class, () -> a.item());
        assertEquals(0.0, a.sum().add(Tensor.of(new double[1], 1)).data()[0], "data() is the value of any node, as in Value");
    }

    @Test
    void constantsGetNoGradientAndANodeUsedTwiceGetsBoth() {
        Tensor x = Tensor.constant(new double[] {1, 2}, 1, 2);
        Tensor w = Tensor.of(new double[] {3, 4}, 2, 1);
        Tensor y = x.matmul(w).add(x.matmul(w)).sum();
        y.backward();
        assertArrayEquals(new double[] {2, 4}, w.grads());
        assertTrue(!x.requiresGrad());
        assertArrayEquals(new double[] {0, 0}, x.grads());
    }

    @Test
    void noGradComputesTheSameValuesAndRecordsNoGraph() {
        Tensor x = Tensor.constant(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor w = Tensor.of(new double[] {0.5, -1, 2, 0.25}, 2, 2);
        Tensor inside = Tensor.noGrad(() -> x.matmulTransposed(w).sigmoid());
        Tensor outside = x.matmulTransposed(w).sigmoid();
        assertArrayEquals(outside.values(), inside.values(), 0.0);
        assertTrue(outside.requiresGrad() && !inside.requiresGrad(), "no graph inside noGrad, a graph again after it");
        outside.sum().backward();
        assertTrue(w.grads()[0] != 0, "backward after noGrad still reaches the parameter");
    }

    @Test
    void zeroGradThenAParameterUsedTwiceGetsBothContributionsAgain() {
        Tensor x = Tensor.constant(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor w = Tensor.of(new double[] {0.5, -1, 2, 0.25}, 2, 2);
        for (int round = 0; round < 3; round++) {
            w.zeroGrad();
            assertArrayEquals(new double[4], w.grads(), "after zeroGrad the gradient reads as zeros");
            x.matmul(w).sigmoid().matmul(w).sum().backward();
            double[] once = w.grads();
            // The same by finite differences, so the first use (overwriting) and the second (adding) both count.
            check("w used twice", t -> Tensor.constant(new double[] {1, 2, 3, 4}, 2, 2).matmul(t[0]).sigmoid().matmul(t[0]).sum(),
                    new double[][] {{0.5, -1, 2, 0.25}}, new int[][] {{2, 2}});
            assertArrayEquals(once, w.grads(), 0.0, "round " + round + ": no leftovers from earlier rounds");
        }
    }

    @Test
    void aLongChainBackpropagatesWithoutRecursion() {
        Tensor x = Tensor.of(new double[] {1.0}, 1);
        Tensor y = x;
        for (int i = 0; i < 100_000; i++) {
            y = y.mul(1.0);
        }
        y.backward();
        assertEquals(1.0, x.grads()[0]);
    }

    @Test
    void matmulTransposedIsMatmulByTheTransposeBitForBit() {
        check("[n,k]·[m,k]ᵀ", t -> weighted(t[0].matmulTransposed(t[1])), new double[][] {random(r, 12), random(r, 20)},
                new int[][] {{3, 4}, {5, 4}});
        check("[b,n,k]·[m,k]ᵀ", t -> weighted(t[0].matmulTransposed(t[1])), new double[][] {random(r, 24), random(r, 20)},
                new int[][] {{2, 3, 4}, {5, 4}});
        for (int[] s : new int[][] {{3, 4, 5}, {50, 784, 256}, {50, 256, 10}, {7, 33, 19}}) {
            double[] xs = random(r, s[0] * s[1]);
            double[] ws = random(r, s[2] * s[1]);
            Tensor x1 = Tensor.of(xs, s[0], s[1]);
            Tensor w1 = Tensor.of(ws, s[2], s[1]);
            Tensor x2 = Tensor.of(xs, s[0], s[1]);
            Tensor w2 = Tensor.of(ws, s[2], s[1]);
            Tensor y1 = x1.matmulTransposed(w1);
            Tensor y2 = x2.matmul(w2.transpose());
            assertArrayEquals(y2.values(), y1.values(), 0.0, "values");
            weighted(y1.sigmoid()).backward();
            weighted(y2.sigmoid()).backward();
            assertArrayEquals(x2.grads(), x1.grads(), 0.0, "∂x");
            assertArrayEquals(w2.grads(), w1.grads(), 0.0, "∂w");
        }
        assertEquals("matmulTransposed: shapes [2, 3] and [3, 2] do not fit", assertThrows(IllegalArgumentException.class,
                () -> Tensor.of(new double[6], 2, 3).matmulTransposed(Tensor.of(new double[6], 3, 2))).getMessage());
    }

    /** The fused ops against their compositions: sigmoid = 1/(1 + e⁻ˣ) = exp(−log(1 + e⁻ˣ)), and the log-sum-exp loss. */
    @Test
    void fusedOpsEqualTheirCompositions() {
        double[] xs = random(r, 12);
        Tensor x1 = Tensor.of(xs, 3, 4);
        Tensor x2 = Tensor.of(xs, 3, 4);
        Tensor ones = Tensor.constant(new double[] {1, 1, 1, 1}, 4);
        Tensor fused = x1.sigmoid();
        Tensor composed = x2.mul(-1).exp().add(ones).log().mul(-1).exp();
        assertArrayEquals(composed.values(), fused.values(), 1e-15);
        weighted(fused).backward();
        weighted(composed).backward();
        assertArrayEquals(x2.grads(), x1.grads(), 1e-15);

        int[] targets = {2, 0, 1};
        double[] oneHot = {0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0};
        Tensor z1 = Tensor.of(xs, 3, 4);
        Tensor z2 = Tensor.of(xs, 3, 4);
        Tensor loss1 = z1.softmaxCrossEntropy(targets);
        // (1/N)·Σᵣ (log Σₖ e^zᵣₖ − Σₖ yᵣₖ·zᵣₖ), the row sums as a product with a column of ones
        Tensor rowSums = z2.exp().matmul(Tensor.constant(new double[] {1, 1, 1, 1}, 4, 1));
        Tensor loss2 = rowSums.log().sum().sub(z2.mul(Tensor.constant(oneHot, 3, 4)).sum()).mul(1.0 / 3);
        assertEquals(loss2.item(), loss1.item(), 1e-15);
        loss1.backward();
        loss2.backward();
        assertArrayEquals(z2.grads(), z1.grads(), 1e-15);
    }

    @Test
    void theCompositionsGiveTheirFormulas() {
        Tensor x = Tensor.of(new double[] {1, -2, 3, 0.5}, 2, 2);
        Tensor t = Tensor.constant(new double[] {0, 1, 1, 1}, 2, 2);
        assertEquals((1 + 9 + 4 + 0.25) / 4, x.mse(t).item(), 1e-15);
        Tensor x2 = Tensor.of(new double[] {1, -2, 3, 0.5}, 2, 2);
        Tensor d = x2.sub(t);
        Tensor composed = d.mul(d).mean();
        assertEquals(composed.item(), x.mse(t).item(), 1e-15);
        x.mse(t).backward();
        composed.backward();
        assertArrayEquals(x2.grads(), x.grads(), 1e-15, "mse = sub, mul, mean");
        assertEquals(2.5 / 4, x.mean().item(), 1e-15);
        assertEquals(1 + 4 + 9 + 0.25, x.sumOfSquares().item(), 0.0);
        assertEquals(1.7159 * Math.tanh(2.0 / 3.0), x.improvedSigmoid().values()[0], 1e-15);
        assertArrayEquals(new double[] {1, -3, 2, -0.5}, x.sub(t).values(), 0.0);
    }
}
