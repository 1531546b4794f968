package org.twingrad.verify;

import org.junit.jupiter.api.Test;
import org.twingrad.scalar.nn.MLP;

/** Property 4: one SGD step, and ten steps with momentum, give the same weights in both engines. */
class SgdAgreementTest {

    private static int compared;
    private static int diverged;

    /**
     * Runs both engines side by side; compares the weights unless a multi-step scalar run diverged (its loss ended above
     * where it started, or not finite), where last-bit rounding differences are amplified without bound and the
     * comparison would say nothing about the engines. Diverged runs are counted and must stay rare.
     */
    private static void stepsAgree(NetCase c, double lr, double momentum, int steps) {
        MLP s = Engines.scalarNet(c);
        org.twingrad.scalar.nn.Sgd scalarSgd = new org.twingrad.scalar.nn.Sgd(s.parameters(), lr, momentum);
        var t = Engines.tensorNet(c);
        org.twingrad.tensor.optim.Sgd tensorSgd = new org.twingrad.tensor.optim.Sgd(t.parameters(), lr, momentum);
        double first = Double.NaN;
        double last = Double.NaN;
        for (int k = 0; k < steps; k++) {
            scalarSgd.zeroGrad();
            org.twingrad.scalar.Value loss = Engines.scalarLoss(s, c);
            last = loss.data();
            if (k == 0) {
                first = last;
            }
            loss.backward();
            scalarSgd.step();
            tensorSgd.zeroGrad();
            Engines.tensorLoss(t, c).backward();
            tensorSgd.step();
        }
        double end = Engines.scalarLoss(s, c).data();
        if (steps > 1 && (!(end <= first) || !Double.isFinite(end))) {
            diverged++;
            return;
        }
        compared++;
        Compare.assertClose("weights after " + steps + " step(s)", Engines.scalarValues(s), Engines.tensorValues(t), 1e-12, 1e-14);
    }

    private static void assertDivergenceRare() {
        System.out.println("SGD agreement: " + compared + " runs compared, " + diverged + " diverged (not compared)");
        if (diverged > (compared + diverged) / 20) {
            throw new AssertionError(diverged + " of " + (compared + diverged) + " runs diverged: the generator's step sizes are off");
        }
    }

    @Test
    void oneSgdStepGivesTheSameWeightsInBothEngines() {
        compared = 0;
        diverged = 0;
        Props.qt(1000).forAll(Generators.networks().build(), Generators.value(1e-3, 0.5))
                .checkAssert((c, lr) -> Props.about(c + "\nα = " + lr, () -> stepsAgree(c, lr, 0.0, 1)));
        assertDivergenceRare();
    }

    /**
     * α ≤ 0.05 and γ ≤ 0.9, and weights and inputs within ±1, keep most ten-step runs from diverging (see
     * {@link #stepsAgree}).
     */
    @Test
    void tenStepsWithMomentumGiveTheSameWeightsInBothEngines() {
        compared = 0;
        diverged = 0;
        Props.qt(1000).forAll(Generators.networks().bounds(1, 1).build(), Generators.value(1e-3, 0.05), Generators.value(0.0, 0.9))
                .checkAssert((c, lr, momentum) -> Props.about(c + "\nα = " + lr + ", γ = " + momentum,
                        () -> stepsAgree(c, lr, momentum, 10)));
        assertDivergenceRare();
    }
}
