package org.twingrad.verify;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.twingrad.scalar.nn.MLP;

/**
 * Property 5: the gradient of the mean loss over a batch equals the mean of the per-row gradients, in each engine.
 * (Without L2, which is added once per batch, not per row.)
 *
 * <p>Tolerance: a mean of per-row gradients can cancel (terms of 10 summing to 0.01), and then its rounding error is
 * relative to the terms, not to the result; so the check is |batch − mean| ≤ 1e-12 · mean of |per-row gradient|,
 * the error bound of a short floating-point sum.
 */
class BatchConsistencyTest {

    static NetCase row(NetCase c, int r) {
        return c.withBatch(1, Arrays.copyOfRange(c.x(), r * c.inputs(), (r + 1) * c.inputs()),
                new int[] {c.labels()[r]}, Arrays.copyOfRange(c.targets(), r * c.classes(), (r + 1) * c.classes()));
    }

    @Test
    void batchGradientIsTheMeanOfRowGradientsInBothEngines() {
        Props.qt(1000).forAll(Generators.networks().noL2().minRows(2).build()).checkAssert(c -> Props.about(c, () -> {
            var t = Engines.tensorNet(c);
            Engines.tensorLoss(t, c).backward();
            MLP s = Engines.scalarNet(c);
            Engines.scalarLoss(s, c).backward();
            double[] tensorMean = new double[c.parameterCount()];
            double[] scalarMean = new double[c.parameterCount()];
            double[] scale = new double[c.parameterCount()];
            for (int r = 0; r < c.rows(); r++) {
                NetCase one = row(c, r);
                var tr = Engines.tensorNet(one);
                Engines.tensorLoss(tr, one).backward();
                MLP sr = Engines.scalarNet(one);
                Engines.scalarLoss(sr, one).backward();
                double[] tg = Engines.tensorGrads(tr);
                double[] sg = Engines.scalarGrads(sr);
                for (int p = 0; p < tg.length; p++) {
                    tensorMean[p] += tg[p] / c.rows();
                    scalarMean[p] += sg[p] / c.rows();
                    scale[p] += Math.abs(tg[p]) / c.rows();
                }
            }
            double[] tb = Engines.tensorGrads(t);
            double[] sb = Engines.scalarGrads(s);
            for (int p = 0; p < tb.length; p++) {
                double tol = 1e-12 * scale[p] + 1e-300;
                if (Math.abs(tb[p] - tensorMean[p]) > tol || Math.abs(sb[p] - scalarMean[p]) > tol) {
                    throw new AssertionError(String.format("parameter %d: tensor batch %.17g vs row mean %.17g; scalar batch"
                            + " %.17g vs row mean %.17g; allowed %.3g (1e-12 of mean |row gradient|)", p, tb[p],
                            tensorMean[p], sb[p], scalarMean[p], tol));
                }
            }
        }));
    }
}
