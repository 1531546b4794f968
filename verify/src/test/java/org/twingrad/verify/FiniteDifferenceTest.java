package org.twingrad.verify;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.twingrad.scalar.nn.MLP;

/**
 * Property 2: each engine's gradient matches the central difference (f(θ+h) − f(θ−h))/2h, h = 1e-5, for every
 * parameter: relative error ≤ 1e-6.
 *
 * <p>Central differences themselves carry an error of about 1e-10·|f| in double precision (rounding in f, divided
 * by 2h, plus the h² truncation term), so a gradient much smaller than that cannot be resolved relatively; there the
 * check is absolute, |analytic − numeric| ≤ 1e-8·max(1, |f|).
 *
 * <p>ReLU: cases with a hidden pre-activation within 1e-6 of the kink are skipped by an assumption; and a
 * parameter whose ±h nudge moves some pre-activation across the kink is not compared (its f is not differentiable
 * between the two points), which the test counts and requires to be rare.
 */
class FiniteDifferenceTest {
    static final double H = 1e-5;
    private static int compared;
    private static int crossings;

    private static boolean awayFromKinks(NetCase c) {
        return !c.activation().equals("relu") || Engines.smallestPreActivation(c) > 1e-6;
    }

    static void checkAgainstCentralDifferences(NetCase c, double[] analytic, ToDoubleFunction<NetCase> f, String engine) {
        double f0 = f.applyAsDouble(c);
        boolean relu = c.activation().equals("relu");
        boolean[] pattern = relu ? Engines.reluPattern(c) : null;
        for (int p = 0; p < analytic.length; p++) {
            NetCase up = Engines.nudge(c, p, H);
            NetCase down = Engines.nudge(c, p, -H);
            if (relu && !(Arrays.equals(pattern, Engines.reluPattern(up)) && Arrays.equals(pattern, Engines.reluPattern(down)))) {
                crossings++;
                continue;
            }
            compared++;
            double numeric = (f.applyAsDouble(up) - f.applyAsDouble(down)) / (2 * H);
            double diff = Math.abs(analytic[p] - numeric);
            if (!(diff <= 1e-6 * Math.max(Math.abs(analytic[p]), Math.abs(numeric)) || diff <= 1e-8 * Math.max(1, Math.abs(f0)))) {
                throw new AssertionError(String.format("%s: parameter %d: analytic %.17g, central difference %.17g "
                        + "(relative error %.3g)", engine, p, analytic[p], numeric, Compare.relativeError(analytic[p], numeric)));
            }
        }
    }

    @Test
    void tensorGradientsMatchCentralDifferences() {
        compared = 0;
        crossings = 0;
        Props.qt(1000).forAll(Generators.networks().build()).assuming(FiniteDifferenceTest::awayFromKinks).checkAssert(c -> Props.about(c, () -> {
            var t = Engines.tensorNet(c);
            Engines.tensorLoss(t, c).backward();
            checkAgainstCentralDifferences(c, Engines.tensorGrads(t),
                    k -> Engines.tensorLoss(Engines.tensorNet(k), k).item(), "tensor");
        }));
        assertCrossingsRare();
    }

    @Test
    void scalarGradientsMatchCentralDifferences() {
        compared = 0;
        crossings = 0;
        Props.qt(1000).forAll(Generators.networks().build()).assuming(FiniteDifferenceTest::awayFromKinks).checkAssert(c -> Props.about(c, () -> {
            MLP s = Engines.scalarNet(c);
            Engines.scalarLoss(s, c).backward();
            checkAgainstCentralDifferences(c, Engines.scalarGrads(s),
                    k -> Engines.scalarLoss(Engines.scalarNet(k), k).data(), "scalar");
        }));
        assertCrossingsRare();
    }

    private static void assertCrossingsRare() {
        System.out.println("finite differences: " + compared + " parameters compared, " + crossings
                + " skipped for crossing a ReLU kink within ±h");
        if (compared < 10_000) {
            throw new AssertionError("only " + compared + " parameters compared: the generator or assumption is off");
        }
        if (crossings > compared / 100) {
            throw new AssertionError(crossings + " parameters crossed a ReLU kink within ±h, against " + compared
                    + " compared: the skip would hide too much");
        }
    }
}
