package org.twingrad.verify;

import org.junit.jupiter.api.Test;
import org.twingrad.scalar.Value;
import org.twingrad.scalar.nn.MLP;
import org.twingrad.tensor.Tensor;
import org.twingrad.tensor.nn.Sequential;

/** Property 1: the same network and batch give the same loss and gradients in both engines. */
class TwinAgreementTest {

    @Test
    void bothEnginesGiveTheSameLossAndEveryGradient() {
        Props.qt(1000).forAll(Generators.networks().build()).checkAssert(c -> Props.about(c, () -> {
            MLP s = Engines.scalarNet(c);
            Value scalarLoss = Engines.scalarLoss(s, c);
            scalarLoss.backward();
            Sequential t = Engines.tensorNet(c);
            Tensor tensorLoss = Engines.tensorLoss(t, c);
            tensorLoss.backward();
            Compare.assertClose("loss", scalarLoss.data(), tensorLoss.item(), 1e-12, 1e-14);
            Compare.assertClose("gradient (layer by layer: W [in, out], then b)", Engines.scalarGrads(s),
                    Engines.tensorGrads(t), 1e-12, 1e-14);
        }));
    }
}
