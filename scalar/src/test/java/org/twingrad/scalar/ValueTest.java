package org.twingrad.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Each op's forward value and derivative, errors, and a backward a million nodes deep. */
class ValueTest {

    /** d f(x)/dx from backward against the central difference (f(x+h) − f(x−h))/2h. */
    private static void assertDerivative(UnaryOperator<Value> f, double x, String what) {
        Value in = Value.of(x);
        Value out = f.apply(in);
        out.backward();
        double h = 1e-6;
        double numeric = (f.apply(Value.of(x + h)).data() - f.apply(Value.of(x - h)).data()) / (2 * h);
        assertEquals(numeric, in.grad(), 1e-6 * Math.max(1, Math.abs(numeric)), what + " at x = " + x);
    }

    @Test
    void everyUnaryOpHasTheRightDerivative() {
        for (double x : new double[] {-2.5, -0.3, 0.7, 1.9}) {
            assertDerivative(v -> v.exp(), x, "exp");
            assertDerivative(v -> v.tanh(), x, "tanh");
            assertDerivative(v -> v.sigmoid(), x, "sigmoid");
            assertDerivative(v -> v.relu(), x, "relu");
            assertDerivative(v -> v.neg(), x, "neg");
            assertDerivative(v -> v.pow(3), x, "pow 3");
            assertDerivative(v -> v.mul(v).add(v.mul(3.0)).sub(1.0).div(2.0), x, "(x² + 3x − 1)/2");
            assertDerivative(v -> Value.of(1.5).div(v), x, "1.5/x");
            assertDerivative(v -> v.sub(Value.of(4)).mul(Value.of(-2)), x, "(x − 4)·(−2)");
        }
        for (double x : new double[] {0.2, 1.0, 7.5}) {
            assertDerivative(v -> v.log(), x, "log");
            assertDerivative(v -> v.pow(0.5), x, "sqrt");
            assertDerivative(v -> v.pow(-1.5), x, "pow −1.5");
        }
    }

    @Test
    void naryOpsHaveTheRightDerivatives() {
        Value a = Value.of(2);
        Value b = Value.of(-3);
        Value c = Value.of(0.5);
        Value d = Value.of(4);
        Value out = Value.dot(List.of(a, b), List.of(c, d)).add(Value.sum(List.of(a, b, c))).add(Value.mean(List.of(a, d)));
        out.backward();
        assertEquals(2 * 0.5 - 12 + (2 - 3 + 0.5) + 3, out.data(), 1e-15);
        assertEquals(0.5 + 1 + 0.5, a.grad(), 1e-15);
        assertEquals(4 + 1, b.grad(), 1e-15);
        assertEquals(2 + 1, c.grad(), 1e-15);
        assertEquals(-3 + 0.5, d.grad(), 1e-15);
    }

    @Test
    void aNodeUsedTwiceGetsBothContributions() {
        Value x = Value.of(3.0, "x");
        Value y = x.mul(x);
        y.backward();
        assertEquals(6.0, x.grad(), "d(x·x)/dx = 2x");
        Value z = Value.of(-1.0);
        Value w = z.add(z).mul(z);     // 2z²
        w.backward();
        assertEquals(-4.0, z.grad(), "d(2z²)/dz = 4z");
    }

    @Test
    void reluDerivativeAtZeroIsZeroAsCmuTakesIt() {
        Value x = Value.of(0.0);
        x.relu().backward();
        assertEquals(0.0, x.grad());
        assertEquals(0.0, x.relu().data());
    }

    @Test
    void sigmoidIsStableForLargeInputs() {
        Value big = Value.of(1000);
        Value small = Value.of(-1000);
        assertEquals(1.0, big.sigmoid().data());
        assertEquals(0.0, small.sigmoid().data());
        small.sigmoid().backward();
        assertEquals(0.0, small.grad());
    }

    @Test
    void backwardSetsTheOutputGradTo1AndAccumulatesElsewhere() {
        Value x = Value.of(2);
        Value y = x.mul(5.0);
        y.backward();
        y.backward();
        assertEquals(1.0, y.grad(), "the output's grad is set, not added");
        assertEquals(10.0, x.grad(), "inputs accumulate across calls");
        x.zeroGrad();
        assertEquals(0.0, x.grad());
    }

    @Test
    void aChainOfAMillionNodesBackpropagatesOnTheDefaultStack() {
        Value x = Value.of(1.0, "x");
        Value v = x;
        for (int i = 0; i < 1_000_000; i++) {
            v = v.mul(1.0);
        }
        v.backward();
        assertEquals(1.0, x.grad());
        assertEquals(1_000_001, v.topologicalOrder().size());
    }

    @Test
    void logOfANonPositiveNumberNamesTheOpValueAndLabel() {
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> Value.of(-2.0, "u").log());
        assertEquals("log: logarithm of a non-positive number in log(u = -2.0)", e.getMessage());
        assertThrows(ArithmeticException.class, () -> Value.of(0.0).log());
    }

    @Test
    void powOfANegativeBaseWithAFractionalExponentIsAnError() {
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> Value.of(-8.0, "v").pow(1.0 / 3));
        assertTrue(e.getMessage().startsWith("pow: negative base with a non-integer exponent in v = -8.0 ^ 0.333"), e.getMessage());
        assertEquals(-8.0, Value.of(-2.0).pow(3).data(), "integer exponents of negative bases are fine");
        assertThrows(ArithmeticException.class, () -> Value.of(0.0).pow(-1));
    }

    @Test
    void divisionByZeroNamesBothOperands() {
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> Value.of(1.0, "a").div(Value.of(0.0, "b")));
        assertEquals("div: division by zero in a = 1.0 / b = 0.0", e.getMessage());
        assertThrows(ArithmeticException.class, () -> Value.of(1.0).div(0.0));
    }

    /** Issue 12: log(NaN) returned NaN while log(0) threw. Every op now rejects a non-finite operand the same way. */
    @Test
    void everyOpRejectsANonFiniteOperandAsLogRejectsZero() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            Value u = Value.of(bad, "u");
            Value one = Value.of(1.0);
            java.util.List<java.util.function.Supplier<Value>> ops = java.util.List.of(u::log, u::exp, u::tanh, u::sigmoid,
                    u::relu, u::neg, () -> u.add(one), () -> one.sub(u), () -> u.mul(one), () -> one.div(u), () -> u.pow(2),
                    () -> u.add(1), () -> Value.sum(java.util.List.of(one, u)), () -> Value.mean(java.util.List.of(u)),
                    () -> Value.dot(java.util.List.of(one), java.util.List.of(u)));
            for (var op : ops) {
                ArithmeticException e = assertThrows(ArithmeticException.class, op::get, "operand " + bad);
                assertTrue(e.getMessage().endsWith(": operand u = " + bad + " is not finite"), e.getMessage());
            }
            assertThrows(ArithmeticException.class, () -> one.mul(bad), "a constant operand " + bad);
        }
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> Value.of(Double.NaN, "u").log());
        assertEquals("log: operand u = NaN is not finite", e.getMessage());
    }

    @Test
    void anOverflowIsAResultAndTheNextOpRejectsIt() {
        Value big = Value.of(1000.0).exp();
        assertEquals(Double.POSITIVE_INFINITY, big.data(), "exp(1000) overflows: finite operands, infinite result");
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> big.mul(2));
        assertEquals("*: operand Infinity is not finite", e.getMessage());
    }

    @Test
    void onlyLeavesCanBeChanged() {
        Value w = Value.of(1.0, "w");
        Value y = w.tanh();
        w.setData(2.0);
        assertEquals(2.0, w.data());
        assertThrows(IllegalStateException.class, () -> y.setData(0));
    }

    @Test
    void customOpsNeedOneLocalDerivativePerInput() {
        assertThrows(IllegalArgumentException.class, () -> Value.op("bad", 0, new Value[] {Value.of(1)}, new double[0]));
    }
}
