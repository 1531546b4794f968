package org.twingrad.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The step-through table of a small graph: L = (a·b + c)², worked by hand below. */
class BackpropTraceTest {

    static Value graph() {
        Value a = Value.of(2, "a");
        Value b = Value.of(-3, "b");
        Value c = Value.of(10, "c");
        Value e = a.mul(b).label("e");      // e = −6
        Value d = e.add(c).label("d");      // d = 4
        return d.pow(2).label("L");          // L = 16
    }

    @Test
    void stepsFollowReverseTopologicalOrderWithLocalDerivativesAndContributions() {
        BackpropTrace t = graph().backwardTraced();
        List<BackpropTrace.Step> steps = t.steps();
        assertEquals(6, steps.size());
        BackpropTrace.Step first = steps.get(0);
        assertEquals("L", first.node());
        assertEquals("^2", first.op());
        assertEquals(16.0, first.value());
        assertEquals(1.0, first.grad());
        assertEquals(new BackpropTrace.Edge("d", 8.0, 8.0), first.inputs().get(0), "dL/dd = 2d = 8");

        BackpropTrace.Step d = t.step("d");
        assertEquals(8.0, d.grad());
        assertEquals(List.of(new BackpropTrace.Edge("e", 1.0, 8.0), new BackpropTrace.Edge("c", 1.0, 8.0)), d.inputs());

        BackpropTrace.Step e = t.step("e");
        assertEquals(List.of(new BackpropTrace.Edge("a", -3.0, -24.0), new BackpropTrace.Edge("b", 2.0, 16.0)), e.inputs());
        assertEquals(-24.0, t.step("a").grad());
        assertEquals(16.0, t.step("b").grad());
        assertTrue(t.step("a").inputs().isEmpty(), "a leaf passes nothing on");
        assertTrue(steps.indexOf(t.step("d")) < steps.indexOf(t.step("e")), "d's gradient is complete before e's");
    }

    @Test
    void tablePrintsAligned() {
        String table = graph().backwardTraced().toTable(2);
        String expected = String.join("\n",
                "step  node  op    value    grad  input  ∂node/∂input  contribution",
                "   1  L     ^2    16.00    1.00  d              8.00          8.00",
                "   2  d     +      4.00    8.00  e              1.00          8.00",
                "                                 c              1.00          8.00",
                "   3  c     leaf  10.00    8.00",
                "   4  e     *     -6.00    8.00  a             -3.00        -24.00",
                "                                 b              2.00         16.00",
                "   5  b     leaf  -3.00   16.00",
                "   6  a     leaf   2.00  -24.00") + "\n";
        assertEquals(expected, table);
    }

    @Test
    void unlabelledNodesAreNamedByTopologicalPosition() {
        Value x = Value.of(1, "x");
        BackpropTrace t = x.exp().mul(2.0).backwardTraced();
        assertEquals("n2", t.steps().get(0).node(), "x is n0, exp n1, ·2 n2");
        assertEquals("*2", t.steps().get(0).op());
        assertTrue(t.steps().stream().anyMatch(s -> s.node().equals("x")));
    }

    @Test
    void numbersRoundHalfAwayFromZeroOnTheDecimalAsPrintedAsCmuRounds() {
        assertEquals("0.1235", BackpropTrace.round(0.12345, 4), "half up, on 0.12345 as written (stored as 0.123449…)");
        assertEquals("-0.1235", BackpropTrace.round(-0.12345, 4), "half away from zero for negatives too");
        assertEquals("0.13", BackpropTrace.round(0.125, 2), "not half-even (which gives 0.12)");
        assertEquals("3", BackpropTrace.round(2.5, 0));
        assertEquals("0.0000", BackpropTrace.round(-0.00001, 4), "no negative zero");
        assertEquals("1.9772", BackpropTrace.round(1.97715, 4));
        assertEquals("8.6032e18", BackpropTrace.round(8603206915727777800.0, 4), "a diverged loss in scientific notation");
        assertEquals("-1.0000e9", BackpropTrace.round(-999_999_999.99999, 4));
        assertEquals("NaN", BackpropTrace.round(Double.NaN, 4));
    }
}
