package org.twingrad.verify;

import static org.quicktheories.generators.SourceDSL.integers;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.twingrad.scalar.Value;

/** Property 3, scalar half: every op of {@code Value} against central differences in each of its inputs. */
class ValueOpsPropertyTest {

    /** An op of two inputs (ops of one input ignore the second); domain keeps the inputs where the op is smooth. */
    private record Op(String name, Function<Value[], Value> f) {
    }

    private static final List<Op> OPS = List.of(
            new Op("add", v -> v[0].add(v[1])),
            new Op("sub", v -> v[0].sub(v[1])),
            new Op("mul", v -> v[0].mul(v[1])),
            new Op("div", v -> v[0].div(v[1].add(v[1].data() > 0 ? 0.5 : -0.5))),
            new Op("add const", v -> v[0].add(0.75)),
            new Op("sub const", v -> v[0].sub(-1.25)),
            new Op("mul const", v -> v[0].mul(-3.0)),
            new Op("div const", v -> v[0].div(2.5)),
            new Op("pow 3", v -> v[0].pow(3)),
            new Op("pow -2", v -> v[0].add(v[0].data() > 0 ? 0.5 : -0.5).pow(-2)),
            new Op("pow 0.5", v -> v[0].mul(v[0]).add(0.1).pow(0.5)),
            new Op("neg", v -> v[0].neg()),
            new Op("exp", v -> v[0].exp()),
            new Op("log", v -> v[0].mul(v[0]).add(0.1).log()),
            new Op("tanh", v -> v[0].tanh()),
            new Op("sigmoid", v -> v[0].sigmoid()),
            new Op("relu", v -> v[0].relu()),
            new Op("sum", v -> Value.sum(List.of(v[0], v[1], v[0]))),
            new Op("mean", v -> Value.mean(List.of(v[0], v[1]))),
            new Op("dot", v -> Value.dot(List.of(v[0], v[1]), List.of(v[1], v[0]))));

    @Test
    void everyValueOpMatchesCentralDifferences() {
        Props.qt(1000).forAll(integers().between(0, OPS.size() - 1), Generators.value(-3, 3), Generators.value(-3, 3))
                .assuming((op, a, b) -> !OPS.get(op).name().equals("relu") || Math.abs(a) > 1e-4)
                .checkAssert((op, a, b) -> {
                    Op o = OPS.get(op);
                    Value[] in = {Value.of(a), Value.of(b)};
                    Value out = o.f().apply(in);
                    out.backward();
                    double h = 1e-6;
                    for (int i = 0; i < 2; i++) {
                        double[] up = {a, b};
                        double[] down = {a, b};
                        up[i] += h;
                        down[i] -= h;
                        double numeric = (eval(o, up) - eval(o, down)) / (2 * h);
                        Compare.assertClose(o.name() + " ∂/∂input" + i + " at (" + a + ", " + b + ")", numeric,
                                in[i].grad(), 1e-6, 1e-8 * Math.max(1, Math.abs(out.data())));
                    }
                });
    }

    private static double eval(Op o, double[] x) {
        return o.f().apply(new Value[] {Value.of(x[0]), Value.of(x[1])}).data();
    }
}
