package org.twingrad.verify;

import static org.quicktheories.generators.SourceDSL.integers;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.twingrad.tensor.Tensor;

/**
 * Property 3, tensor half: every op of {@code Tensor} (matmul in all three forms, broadcasting adds, softmax
 * cross-entropy, reductions) against central differences, on random shapes. Each op's output is reduced to one
 * number by a fixed weighted sum, so every output element's gradient matters.
 */
class TensorOpsPropertyTest {

    /** Dimensions b, n, k, m ∈ 1..4 and enough random values for any op's inputs. */
    private record Shape(int b, int n, int k, int m, double[] values, int[] labels) {
        double[] take(int from, int count) {
            return java.util.Arrays.copyOfRange(values, from, from + count);
        }
    }

    private record Op(String name, Function<Shape, int[][]> shapes, Function<Tensor[], Tensor> f) {
    }

    private static final List<Op> OPS = List.of(
            new Op("matmul [n,k]·[k,m]", s -> new int[][] {{s.n(), s.k()}, {s.k(), s.m()}}, t -> t[0].matmul(t[1])),
            new Op("matmul [b,n,k]·[b,k,m]", s -> new int[][] {{s.b(), s.n(), s.k()}, {s.b(), s.k(), s.m()}}, t -> t[0].matmul(t[1])),
            new Op("matmul [b,n,k]·[k,m]", s -> new int[][] {{s.b(), s.n(), s.k()}, {s.k(), s.m()}}, t -> t[0].matmul(t[1])),
            new Op("add", s -> new int[][] {{s.n(), s.m()}, {s.n(), s.m()}}, t -> t[0].add(t[1])),
            new Op("add row [m]", s -> new int[][] {{s.n(), s.m()}, {s.m()}}, t -> t[0].add(t[1])),
            new Op("add row [1,m] over [b,n,m]", s -> new int[][] {{s.b(), s.n(), s.m()}, {1, s.m()}}, t -> t[0].add(t[1])),
            new Op("sub row", s -> new int[][] {{s.n(), s.m()}, {s.m()}}, t -> t[0].sub(t[1])),
            new Op("mul", s -> new int[][] {{s.n(), s.m()}, {s.n(), s.m()}}, t -> t[0].mul(t[1])),
            new Op("mul row", s -> new int[][] {{s.n(), s.m()}, {s.m()}}, t -> t[0].mul(t[1])),
            new Op("mul const", s -> new int[][] {{s.n(), s.m()}}, t -> t[0].mul(-1.5)),
            new Op("sigmoid", s -> new int[][] {{s.n(), s.m()}}, t -> t[0].sigmoid()),
            new Op("tanh", s -> new int[][] {{s.n(), s.m()}}, t -> t[0].tanh()),
            new Op("improved sigmoid", s -> new int[][] {{s.n(), s.m()}}, t -> t[0].improvedSigmoid()),
            new Op("exp", s -> new int[][] {{s.n(), s.m()}}, t -> t[0].exp()),
            new Op("relu", s -> new int[][] {{s.n(), s.m()}}, t -> t[0].relu()),
            new Op("log", s -> new int[][] {{s.n(), s.m()}}, t -> {
                double[] tenth = new double[t[0].size()];
                java.util.Arrays.fill(tenth, 0.1);
                return t[0].mul(t[0]).add(Tensor.constant(tenth, t[0].shape())).log();    // log(x² + 0.1)
            }),
            new Op("transpose", s -> new int[][] {{s.n(), s.m()}}, t -> t[0].transpose()),
            new Op("transpose 3-D", s -> new int[][] {{s.b(), s.n(), s.m()}}, t -> t[0].transpose()),
            new Op("sum", s -> new int[][] {{s.b(), s.n(), s.m()}}, t -> t[0].sum()),
            new Op("mean", s -> new int[][] {{s.n(), s.m()}}, t -> t[0].mean()),
            new Op("sumOfSquares", s -> new int[][] {{s.n(), s.m()}}, t -> t[0].sumOfSquares()),
            new Op("mse", s -> new int[][] {{s.n(), s.m()}, {s.n(), s.m()}}, t -> t[0].mse(t[1])),
            new Op("softmaxCrossEntropy", s -> new int[][] {{s.n(), s.m() + 1}}, null));

    private static Gen<Shape> shapes() {
        Gen<Integer> d = integers().between(1, 4);
        return d.zip(d, d, d, (b, n, k, m) -> new int[] {b, n, k, m}).flatMap(dims ->
                Generators.vector(2 * 64, -2, 2).zip(Generators.ints(dims[1], 0, dims[3]),
                        (v, labels) -> new Shape(dims[0], dims[1], dims[2], dims[3], v, labels)));
    }

    @Test
    void everyTensorOpMatchesCentralDifferences() {
        Props.qt(1000).forAll(integers().between(0, OPS.size() - 1), shapes())
                .assuming((index, s) -> !OPS.get(index).name().equals("relu")
                        || java.util.Arrays.stream(s.values()).allMatch(v -> Math.abs(v) > 1e-5))
                .checkAssert((index, s) -> {
            Op op = OPS.get(index);
            int[][] shapes = op.shapes().apply(s);
            Function<Tensor[], Tensor> f = op.f() != null ? op.f() : t -> t[0].softmaxCrossEntropy(s.labels());
            double[][] inputs = new double[shapes.length][];
            int at = 0;
            for (int i = 0; i < shapes.length; i++) {
                int size = 1;
                for (int d : shapes[i]) {
                    size *= d;
                }
                inputs[i] = s.take(at, size);
                at += size;
            }
            Tensor[] leaves = leaves(inputs, shapes);
            Tensor out = weighted(f.apply(leaves));
            out.backward();
            double h = 1e-6;
            for (int i = 0; i < inputs.length; i++) {
                double[] g = leaves[i].grads();
                for (int e = 0; e < inputs[i].length; e++) {
                    double[][] up = copy(inputs);
                    double[][] down = copy(inputs);
                    up[i][e] += h;
                    down[i][e] -= h;
                    double numeric = (weighted(f.apply(leaves(up, shapes))).item()
                            - weighted(f.apply(leaves(down, shapes))).item()) / (2 * h);
                    Compare.assertClose(op.name() + " with b,n,k,m = " + s.b() + "," + s.n() + "," + s.k() + "," + s.m()
                            + ", inputs " + java.util.Arrays.deepToString(inputs) + ": ∂/∂input" + i + "[" + e + "]", numeric, g[e], 1e-6,
                            1e-8 * Math.max(1, Math.abs(out.item())));
                }
            }
        });
    }

    private static Tensor weighted(Tensor t) {
        double[] w = new double[t.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.5 + 0.25 * (i % 5);
        }
        return t.mul(Tensor.constant(w, t.shape())).sum();
    }

    private static Tensor[] leaves(double[][] inputs, int[][] shapes) {
        Tensor[] t = new Tensor[inputs.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = Tensor.of(inputs[i], shapes[i]);
        }
        return t;
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
