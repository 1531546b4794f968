package org.twingrad.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node of the vectorized graph: a row-major {@code double[]} with a shape of rank 1 to 3, its gradient, and how it
 * was made. It is the twin of {@code org.twingrad.scalar.Value}: the same graph and the same backward, but each node
 * holds a whole array, and each op's backward is the matrix form of the chain rule. Every op below builds its output
 * and, right beside it, the rule that sends the output's gradient g back to its inputs.
 *
 * <pre>{@code
 * Tensor x = Tensor.constant(batch, 50, 784);            // data: no gradient needed
 * Tensor w = Tensor.of(weights, 784, 256);               // a parameter
 * Tensor b = Tensor.of(new double[256], 256);
 * Tensor loss = x.matmul(w).add(b).sigmoid().matmul(v).softmaxCrossEntropy(labels);
 * loss.backward();
 * double[] dw = w.grads();
 * }</pre>
 *
 * Not thread-safe: one graph belongs to one thread (matmul itself may use several, see {@link Kernels}).
 */
public final class Tensor {
    private static final Tensor[] NO_INPUTS = new Tensor[0];
    private static final AtomicLong TRAVERSALS = new AtomicLong();
    /** Anomaly mode, for every graph of every thread: a debugging switch, like PyTorch's, not a per-graph setting. */
    private static volatile boolean detectAnomaly;

    /** Sends the output's gradient back to the op's inputs. */
    @FunctionalInterface
    private interface Backward {
        void propagate(double[] outGrad);
    }

    private final double[] data;
    private final int[] shape;
    private double[] grad;
    /** Set by {@link #zeroGrad()}: the buffer's contents count as zeros, and the next writer may overwrite them. */
    private boolean gradIsZero;
    private final boolean requiresGrad;
    private final String op;
    private final Tensor[] inputs;
    private final Backward backward;
    private long visited;

    private Tensor(double[] data, int[] shape, boolean requiresGrad, String op, Tensor[] inputs, Backward backward) {
        this.data = data;
        this.shape = shape;
        this.requiresGrad = requiresGrad;
        this.op = op;
        this.inputs = inputs;
        this.backward = backward;
    }

    /**
     * A leaf that takes part in backward (a parameter): a copy of {@code values} in the given shape.
     *
     * @throws IllegalArgumentException if the rank is not 1–3 or the shape does not hold {@code values.length} elements
     */
    public static Tensor of(double[] values, int... shape) {
        return new Tensor(values.clone(), checkShape(values.length, shape), true, "", NO_INPUTS, null);
    }

    /** A leaf whose gradient is never needed (input data): backward does not compute it. */
    public static Tensor constant(double[] values, int... shape) {
        return new Tensor(values.clone(), checkShape(values.length, shape), false, "", NO_INPUTS, null);
    }

    /** A leaf of zeros. */
    public static Tensor zeros(int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return of(new double[Math.max(n, 0)], shape);
    }

    private static int[] checkShape(int length, int[] shape) {
        if (shape.length < 1 || shape.length > 3) {
            throw new IllegalArgumentException("a tensor has rank 1 to 3, got shape " + Arrays.toString(shape));
        }
        long n = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a non-positive dimension");
            }
            n *= d;
        }
        if (n != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " elements, got "
                    + length + " values");
        }
        return shape.clone();
    }

    /**
     * Anomaly mode, in the spirit of PyTorch's {@code torch.autograd.detect_anomaly}: while on, every op checks its
     * output, and backward checks every gradient an op sends back, and the first one that holds a NaN or an infinity
     * throws an {@link AnomalyException} naming the op, its input shapes and which inputs were already non-finite.
     * Off by default: the checks read every number once more.
     *
     * <pre>{@code
     * Tensor.detectAnomaly(true);
     * net.forward(x).softmaxCrossEntropy(y).backward();   // AnomalyException at the op that made the first NaN
     * }</pre>
     */
    public static void detectAnomaly(boolean on) {
        detectAnomaly = on;
    }

    /** Whether anomaly mode is on ({@link #detectAnomaly(boolean)}). */
    public static boolean isDetectingAnomalies() {
        return detectAnomaly;
    }

    private static int firstNonFinite(double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                return i;
            }
        }
        return -1;
    }

    /** "input 0 was already non-finite", "inputs 0, 1 were …", or "every input was finite". */
    private static String nonFiniteInputs(Tensor[] inputs) {
        StringBuilder sb = new StringBuilder();
        int count = 0;
        for (int i = 0; i < inputs.length; i++) {
            if (firstNonFinite(inputs[i].data) >= 0) {
                sb.append(count++ == 0 ? "" : ", ").append(i);
            }
        }
        return count == 0 ? "every input was finite" : (count == 1 ? "input " : "inputs ") + sb
                + (count == 1 ? " was" : " were") + " already non-finite";
    }

    private static String shapes(Tensor[] inputs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < inputs.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(Arrays.toString(inputs[i].shape));
        }
        return sb.toString();
    }

    private static void checkOutput(String op, double[] data, int[] shape, Tensor[] inputs) {
        int bad = firstNonFinite(data);
        if (bad >= 0) {
            throw new AnomalyException(op, false, "anomaly: " + op + " gave " + data[bad] + " (at index " + bad + " of "
                    + Arrays.toString(shape) + ") from inputs of shapes " + shapes(inputs) + "; " + nonFiniteInputs(inputs));
        }
    }

    /** After {@code t}'s backward: the first input whose gradient it made non-finite. */
    private static void checkGradients(Tensor t) {
        for (int i = 0; i < t.inputs.length; i++) {
            Tensor in = t.inputs[i];
            int bad = in.grad == null || in.gradIsZero ? -1 : firstNonFinite(in.grad);
            if (bad >= 0) {
                throw new AnomalyException(t.op, true, "anomaly: the backward of " + t.op + " (inputs of shapes "
                        + shapes(t.inputs) + ") gave input " + i + " the gradient " + in.grad[bad] + " (at index " + bad
                        + ") from a finite gradient of its output; " + nonFiniteInputs(t.inputs));
            }
        }
    }

    /** The output of an op: it needs a gradient if any input does. */
    private static Tensor result(String op, double[] data, int[] shape, Backward backward, Tensor... inputs) {
        if (detectAnomaly) {
            checkOutput(op, data, shape, inputs);
        }
        boolean needs = false;
        for (Tensor t : inputs) {
            needs |= t.requiresGrad;
        }
        return new Tensor(data, shape, needs, op, needs ? inputs : NO_INPUTS, needs ? backward : null);
    }

    /** This tensor's gradient buffer to add into, made on first use; null if no gradient is wanted here. */
    private double[] gradBuffer() {
        if (!requiresGrad) {
            return null;
        }
        if (grad == null) {
            grad = new double[data.length];
        } else if (gradIsZero) {
            Arrays.fill(grad, 0.0);
        }
        gradIsZero = false;
        return grad;
    }

    /** Whether the gradient holds nothing yet, so that a product may be written into it instead of added. */
    private boolean gradEmpty() {
        return grad == null || gradIsZero;
    }

    /** The gradient buffer without zero-filling it: for a writer that overwrites every element. */
    private double[] gradBufferToOverwrite() {
        if (grad == null) {
            grad = new double[data.length];
        }
        gradIsZero = false;
        return grad;
    }

    // ---- Matrix multiply -----------------------------------------------------------------------------------------

    /** this·wᵀ (TEMP stub, replaced by core's). */
    public Tensor matmulTransposed(Tensor w) {
        return matmul(w.transpose());
    }

    /**
     * Matrix product in three forms: [n,k]·[k,m] → [n,m]; batched [b,n,k]·[b,k,m] → [b,n,m]; and [b,n,k]·[k,m] →
     * [b,n,m] with the right side shared by every batch entry. Backward: ∂A = ∂C·Bᵀ, ∂B = Aᵀ·∂C (summed over the
     * batch when B is shared).
     */
    public Tensor matmul(Tensor other) {
        Tensor a = this;
        Tensor b = other;
        if (a.rank() == 2 && b.rank() == 2 && a.shape[1] == b.shape[0]) {
            return matmul2d(a, b, a.shape[0], a.shape[1], b.shape[1], new int[] {a.shape[0], b.shape[1]});
        }
        if (a.rank() == 3 && b.rank() == 2 && a.shape[2] == b.shape[0]) {
            // A shared right side: [b,n,k] is [(b·n),k] in memory, so it is one 2-D product.
            return matmul2d(a, b, a.shape[0] * a.shape[1], a.shape[2], b.shape[1],
                    new int[] {a.shape[0], a.shape[1], b.shape[1]});
        }
        if (a.rank() == 3 && b.rank() == 3 && a.shape[0] == b.shape[0] && a.shape[2] == b.shape[1]) {
            return batchedMatmul(a, b);
        }
        throw shapeError("matmul", a, b);
    }

    private static Tensor matmul2d(Tensor a, Tensor b, int n, int k, int m, int[] outShape) {
        double[] c = new double[n * m];
        Kernels.multiply(a.data, b.data, c, n, k, m);
        return result("matmul", c, outShape, g -> {
            if (a.requiresGrad) {
                boolean fresh = a.gradEmpty();
                Kernels.multiplyTransposedB(g, b.data, a.gradBufferToOverwrite(), n, m, k, fresh);   // ∂A += ∂C·Bᵀ
            }
            if (b.requiresGrad) {
                boolean fresh = b.gradEmpty();
                Kernels.multiplyTransposedA(a.data, g, b.gradBufferToOverwrite(), k, n, m, fresh);   // ∂B += Aᵀ·∂C
            }
        }, a, b);
    }

    private static Tensor batchedMatmul(Tensor a, Tensor b) {
        int batch = a.shape[0];
        int n = a.shape[1];
        int k = a.shape[2];
        int m = b.shape[2];
        double[] c = new double[batch * n * m];
        for (int s = 0; s < batch; s++) {
            double[] cs = new double[n * m];
            Kernels.multiplyAdd(slice(a.data, s, n * k), slice(b.data, s, k * m), cs, n, k, m);
            System.arraycopy(cs, 0, c, s * n * m, n * m);
        }
        return result("matmul", c, new int[] {batch, n, m}, g -> {
            double[] da = a.gradBuffer();
            double[] db = b.gradBuffer();
            for (int s = 0; s < batch; s++) {
                double[] gs = slice(g, s, n * m);
                if (da != null) {
                    double[] part = new double[n * k];
                    Kernels.multiplyAddTransposedB(gs, slice(b.data, s, k * m), part, n, m, k);   // ∂Aₛ = ∂Cₛ·Bₛᵀ
                    addInto(da, s * n * k, part);
                }
                if (db != null) {
                    double[] part = new double[k * m];
                    Kernels.multiplyAddTransposedA(slice(a.data, s, n * k), gs, part, k, n, m);   // ∂Bₛ = Aₛᵀ·∂Cₛ
                    addInto(db, s * k * m, part);
                }
            }
        }, a, b);
    }

    private static double[] slice(double[] x, int index, int size) {
        return Arrays.copyOfRange(x, index * size, (index + 1) * size);
    }

    private static void addInto(double[] target, int offset, double[] part) {
        for (int i = 0; i < part.length; i++) {
            target[offset + i] += part[i];
        }
    }

    // ---- Elementwise, with a row vector broadcast over rows ------------------------------------------------------

    /** this + other, elementwise; other may be a row vector [m] (or [1,m]) added to every row (a bias). */
    public Tensor add(Tensor other) {
        return elementwise("add", other, (x, y) -> x + y, 1.0, 1.0);
    }

    /** this − other, elementwise, with the same broadcasting as {@link #add}. */
    public Tensor sub(Tensor other) {
        return elementwise("sub", other, (x, y) -> x - y, 1.0, -1.0);
    }

    /**
     * this ⊙ other, elementwise, with the same broadcasting as {@link #add}. ∂/∂this = other, ∂/∂other = this
     * (summed over rows when broadcast).
     */
    public Tensor mul(Tensor other) {
        Tensor a = this;
        Tensor b = other;
        int period = broadcastPeriod("mul", b);
        double[] y = new double[a.data.length];
        for (int row = 0; row < y.length; row += period) {
            for (int j = 0; j < period; j++) {
                y[row + j] = a.data[row + j] * b.data[j];
            }
        }
        return result("mul", y, a.shape, g -> {
            double[] da = a.gradBuffer();
            double[] db = b.gradBuffer();
            for (int row = 0; row < g.length; row += period) {
                for (int j = 0; j < period; j++) {
                    if (da != null) {
                        da[row + j] += g[row + j] * b.data[j];
                    }
                    if (db != null) {
                        db[j] += g[row + j] * a.data[row + j];
                    }
                }
            }
        }, a, b);
    }

    /** this · c for a constant c; ∂/∂this = c. */
    public Tensor mul(double c) {
        Tensor a = this;
        double[] y = new double[data.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = data[i] * c;
        }
        return result("mul", y, shape, g -> {
            double[] da = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                da[i] += g[i] * c;
            }
        }, a);
    }

    private interface Op2 {
        double apply(double x, double y);
    }

    /**
     * Sum and difference: constant local derivatives {@code da} and {@code db}. {@code other} repeats every
     * {@code period} elements (its own size, or one row when it is a broadcast bias), hence the row/column loops.
     */
    private Tensor elementwise(String name, Tensor other, Op2 f, double da, double db) {
        Tensor a = this;
        Tensor b = other;
        int period = broadcastPeriod(name, b);
        double[] y = new double[a.data.length];
        for (int row = 0; row < y.length; row += period) {
            for (int j = 0; j < period; j++) {
                y[row + j] = f.apply(a.data[row + j], b.data[j]);
            }
        }
        return result(name, y, a.shape, g -> {
            double[] ga = a.gradBuffer();
            double[] gb = b.gradBuffer();
            if (ga != null) {
                for (int i = 0; i < g.length; i++) {
                    ga[i] += da * g[i];
                }
            }
            if (gb != null) {
                for (int row = 0; row < g.length; row += period) {
                    for (int j = 0; j < period; j++) {
                        gb[j] += db * g[row + j];       // a broadcast row collects the gradient of every row
                    }
                }
            }
        }, a, b);
    }

    /**
     * How often {@code other}'s values repeat along this tensor: its own size if the shapes are equal, or the row
     * length if it is a row vector of the last dimension.
     */
    private int broadcastPeriod(String name, Tensor other) {
        if (Arrays.equals(shape, other.shape)) {
            return data.length;
        }
        int last = shape[shape.length - 1];
        boolean rowVector = other.data.length == last
                && (other.rank() == 1 || (other.rank() == 2 && other.shape[0] == 1));
        if (rowVector && rank() >= 2) {
            return last;
        }
        throw shapeError(name, this, other);
    }

    // ---- Unary ops -----------------------------------------------------------------------------------------------

    /** σ(x) = 1/(1 + e⁻ˣ); σ' = σ(1 − σ). */
    public Tensor sigmoid() {
        Tensor a = this;
        double[] s = new double[data.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = -data[i];
        }
        Kernels.exp(s, s);                      // e^(−x), a whole vector at a time
        for (int i = 0; i < s.length; i++) {
            // Stable as it stands: for x < −709, e^(−x) overflows to ∞ and 1/(1 + ∞) = 0, the right limit (no NaN);
            // one formula for every x keeps the loop free of branches.
            s[i] = 1 / (1 + s[i]);
        }
        return result("sigmoid", s, shape, g -> {
            double[] da = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                da[i] += g[i] * s[i] * (1 - s[i]);
            }
        }, a);
    }

    /** max(0, x); relu'(x) = 1 if x &gt; 0, else 0 (also at 0, as the scalar engine). */
    public Tensor relu() {
        Tensor a = this;
        double[] y = new double[data.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = data[i] > 0 ? data[i] : 0.0;
        }
        return result("relu", y, shape, g -> {
            double[] da = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                if (a.data[i] > 0) {
                    da[i] += g[i];
                }
            }
        }, a);
    }

    /** tanh x; tanh' = 1 − tanh². */
    public Tensor tanh() {
        Tensor a = this;
        double[] t = new double[data.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = Math.tanh(data[i]);
        }
        return result("tanh", t, shape, g -> {
            double[] da = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                da[i] += g[i] * (1 - t[i] * t[i]);
            }
        }, a);
    }

    /**
     * LeCun's improved sigmoid f(x) = 1.7159·tanh(2x/3) (TDT4265 A2 task 3);
     * f'(x) = 1.7159·(2/3)·(1 − tanh²(2x/3)).
     */
    public Tensor improvedSigmoid() {
        Tensor a = this;
        double[] t = new double[data.length];
        double[] y = new double[data.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = Math.tanh(data[i] * (2.0 / 3.0));
            y[i] = 1.7159 * t[i];
        }
        return result("improvedSigmoid", y, shape, g -> {
            double[] da = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                // The same product order as the scalar engine's ops: ((g·1.7159)·(1 − t²))·(2/3).
                da[i] += g[i] * 1.7159 * (1 - t[i] * t[i]) * (2.0 / 3.0);
            }
        }, a);
    }

    /** eˣ; (eˣ)' = eˣ. */
    public Tensor exp() {
        Tensor a = this;
        double[] e = new double[data.length];
        Kernels.exp(data, e);
        return result("exp", e, shape, g -> {
            double[] da = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                da[i] += g[i] * e[i];
            }
        }, a);
    }

    /** ln x; (ln x)' = 1/x. */
    public Tensor log() {
        Tensor a = this;
        double[] y = new double[data.length];
        for (int i = 0; i < y.length; i++) {
            if (data[i] <= 0) {
                throw new ArithmeticException("log: logarithm of a non-positive number " + data[i] + " at index " + i
                        + " of a tensor of shape " + Arrays.toString(shape));
            }
            y[i] = Math.log(data[i]);
        }
        return result("log", y, shape, g -> {
            double[] da = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                da[i] += g[i] / a.data[i];
            }
        }, a);
    }

    /** [n,m] → [m,n], or [b,n,m] → [b,m,n] (the last two axes); backward transposes the gradient back. */
    public Tensor transpose() {
        Tensor a = this;
        if (rank() == 1) {
            throw new IllegalArgumentException("transpose needs rank 2 or 3, got shape " + Arrays.toString(shape));
        }
        int batch = rank() == 3 ? shape[0] : 1;
        int n = shape[rank() - 2];
        int m = shape[rank() - 1];
        double[] y = new double[data.length];
        for (int s = 0; s < batch; s++) {
            System.arraycopy(Kernels.transpose(slice(data, s, n * m), n, m), 0, y, s * n * m, n * m);
        }
        int[] outShape = rank() == 3 ? new int[] {batch, m, n} : new int[] {m, n};
        return result("transpose", y, outShape, g -> {
            double[] da = a.gradBuffer();
            for (int s = 0; s < batch; s++) {
                addInto(da, s * n * m, Kernels.transpose(slice(g, s, n * m), m, n));
            }
        }, a);
    }

    // ---- Reductions and losses -----------------------------------------------------------------------------------

    /** Σ x, shape [1]; ∂/∂xᵢ = 1. */
    public Tensor sum() {
        Tensor a = this;
        double s = 0;
        for (double v : data) {
            s += v;
        }
        return result("sum", new double[] {s}, new int[] {1}, g -> {
            double[] da = a.gradBuffer();
            for (int i = 0; i < da.length; i++) {
                da[i] += g[0];
            }
        }, a);
    }

    /** (1/N)·Σ x, shape [1]; ∂/∂xᵢ = 1/N. */
    public Tensor mean() {
        Tensor a = this;
        double s = 0;
        for (double v : data) {
            s += v;
        }
        int n = data.length;
        return result("mean", new double[] {s / n}, new int[] {1}, g -> {
            double[] da = a.gradBuffer();
            for (int i = 0; i < da.length; i++) {
                da[i] += g[0] / n;
            }
        }, a);
    }

    /** Σ x², shape [1], for an L2 penalty; ∂/∂xᵢ = 2xᵢ. */
    public Tensor sumOfSquares() {
        Tensor a = this;
        double s = 0;
        for (double v : data) {
            s += v * v;
        }
        return result("sumOfSquares", new double[] {s}, new int[] {1}, g -> {
            double[] da = a.gradBuffer();
            for (int i = 0; i < da.length; i++) {
                da[i] += g[0] * 2 * a.data[i];
            }
        }, a);
    }

    /** Mean squared error (1/N)·Σ (x − t)² over all N elements, shape [1]; ∂/∂xᵢ = 2(xᵢ − tᵢ)/N. */
    public Tensor mse(Tensor target) {
        Tensor a = this;
        if (!Arrays.equals(shape, target.shape)) {
            throw shapeError("mse", this, target);
        }
        int n = data.length;
        double s = 0;
        for (int i = 0; i < n; i++) {
            double d = data[i] - target.data[i];
            s += d * d;
        }
        return result("mse", new double[] {s / n}, new int[] {1}, g -> {
            double[] da = a.gradBuffer();
            double[] dt = target.gradBuffer();
            for (int i = 0; i < n; i++) {
                double d = 2 * (a.data[i] - target.data[i]) / n * g[0];
                if (da != null) {
                    da[i] += d;
                }
                if (dt != null) {
                    dt[i] -= d;
                }
            }
        }, a, target);
    }

    /**
     * Mean softmax cross-entropy of logits [N,C] against class indices: (1/N)·Σᵣ (LSEᵣ − zᵣ,ₜᵣ), with
     * LSE = m + log Σₖ e^(zₖ − m), m = max z, so logits of ±1000 stay finite. Local derivative (ŷ − y)/N.
     */
    public Tensor softmaxCrossEntropy(int[] targets) {
        Tensor a = this;
        if (rank() != 2 || targets.length != shape[0]) {
            throw new IllegalArgumentException("softmaxCrossEntropy: logits of shape " + Arrays.toString(shape)
                    + " need shape [N, C] with N = " + targets.length + " targets");
        }
        int n = shape[0];
        int c = shape[1];
        double[] p = new double[data.length];
        double loss = 0;
        for (int r = 0; r < n; r++) {
            if (targets[r] < 0 || targets[r] >= c) {
                throw new IllegalArgumentException("softmaxCrossEntropy: target " + targets[r] + " of row " + r
                        + " is outside 0.." + (c - 1));
            }
            double lse = logSumExp(data, r * c, c);
            for (int k = 0; k < c; k++) {
                p[r * c + k] = Math.exp(data[r * c + k] - lse);
            }
            loss += lse - data[r * c + targets[r]];
        }
        return result("softmaxCrossEntropy", new double[] {loss / n}, new int[] {1}, g -> {
            double[] da = a.gradBuffer();
            for (int r = 0; r < n; r++) {
                for (int k = 0; k < c; k++) {
                    double y = k == targets[r] ? 1.0 : 0.0;
                    da[r * c + k] += (p[r * c + k] - y) / n * g[0];     // ∂L/∂z = (ŷ − y)/N
                }
            }
        }, a);
    }

    private static double logSumExp(double[] z, int from, int count) {
        double m = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < count; k++) {
            m = Math.max(m, z[from + k]);
        }
        double s = 0;
        for (int k = 0; k < count; k++) {
            s += Math.exp(z[from + k] - m);
        }
        return m + Math.log(s);
    }

    /** Row-wise softmax probabilities of logits [N,C], as plain numbers (no graph). */
    public double[] softmax() {
        if (rank() != 2) {
            throw new IllegalArgumentException("softmax needs logits of shape [N, C], got " + Arrays.toString(shape));
        }
        int c = shape[1];
        double[] p = new double[data.length];
        for (int r = 0; r < shape[0]; r++) {
            double lse = logSumExp(data, r * c, c);
            for (int k = 0; k < c; k++) {
                p[r * c + k] = Math.exp(data[r * c + k] - lse);
            }
        }
        return p;
    }

    /** The index of the largest value of each row of a [N,C] tensor: the predicted classes. */
    public int[] argmaxRows() {
        int c = shape[rank() - 1];
        int[] out = new int[data.length / c];
        for (int r = 0; r < out.length; r++) {
            int best = 0;
            for (int k = 1; k < c; k++) {
                if (data[r * c + k] > data[r * c + best]) {
                    best = k;
                }
            }
            out[r] = best;
        }
        return out;
    }

    // ---- Backward ------------------------------------------------------------------------------------------------

    /**
     * Backpropagation from a one-element tensor: its gradient is set to 1, and every tensor it depends on that needs
     * a gradient accumulates ∂this/∂tensor. Reverse topological order, built iteratively (no deep recursion).
     *
     * @throws IllegalStateException if this tensor has more than one element
     */
    public void backward() {
        if (data.length != 1) {
            throw new IllegalStateException("backward needs a one-element tensor (a loss), got shape " + Arrays.toString(shape));
        }
        List<Tensor> order = topologicalOrder();
        grad = gradBuffer();
        if (grad == null) {
            return;
        }
        grad[0] = 1.0;
        for (int n = order.size() - 1; n >= 0; n--) {
            Tensor t = order.get(n);
            if (t.backward != null && t.grad != null) {
                t.backward.propagate(t.grad);
                if (detectAnomaly) {
                    checkGradients(t);
                }
            }
        }
    }

    private List<Tensor> topologicalOrder() {
        long mark = TRAVERSALS.incrementAndGet();
        List<Tensor> order = new ArrayList<>();
        List<Tensor> stack = new ArrayList<>();
        List<Integer> next = new ArrayList<>();
        stack.add(this);
        next.add(0);
        visited = mark;
        while (!stack.isEmpty()) {
            int top = stack.size() - 1;
            Tensor t = stack.get(top);
            int i = next.get(top);
            if (i < t.inputs.length) {
                next.set(top, i + 1);
                Tensor in = t.inputs[i];
                if (in.visited != mark) {
                    in.visited = mark;
                    stack.add(in);
                    next.add(0);
                }
            } else {
                order.add(t);
                stack.remove(top);
                next.remove(top);
            }
        }
        return order;
    }

    // ---- Accessors -----------------------------------------------------------------------------------------------

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of axes, 1 to 3. */
    public int rank() {
        return shape.length;
    }

    /** Number of elements. */
    public int size() {
        return data.length;
    }

    /** A copy of the values, row-major. */
    public double[] values() {
        return data.clone();
    }

    /** A copy of the gradient (zeros if backward has not reached this tensor). */
    public double[] grads() {
        return gradEmpty() ? new double[data.length] : grad.clone();
    }

    /** The value of a one-element tensor. */
    public double item() {
        if (data.length != 1) {
            throw new IllegalStateException("item() needs a one-element tensor, got shape " + Arrays.toString(shape));
        }
        return data[0];
    }

    /** Whether backward computes a gradient for this tensor. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** The op that made this tensor, or {@code ""} for a leaf. */
    public String op() {
        return op;
    }

    /**
     * The live value array of a leaf, for optimizers and loaders that update parameters in place.
     *
     * @throws IllegalStateException on a tensor made by an op (its value is fixed by its inputs)
     */
    public double[] data() {
        if (inputs.length > 0 || backward != null) {
            throw new IllegalStateException("data() gives the live array of leaves only; this tensor was made by " + op);
        }
        return data;
    }

    /** The live gradient array of a leaf that requires a gradient (made on first use), for optimizers. */
    public double[] grad() {
        double[] g = gradBuffer();
        if (g == null) {
            throw new IllegalStateException("this tensor does not require a gradient");
        }
        return g;
    }

    /**
     * Sets the gradient to zero. The buffer is only marked: the first op to write into it next either overwrites it
     * (matmul) or clears it first, which saves a pass over every parameter each step.
     */
    public void zeroGrad() {
        gradIsZero = true;
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape) + (op.isEmpty() ? "" : " from " + op)
                + (data.length <= 8 ? " " + Arrays.toString(data) : "");
    }

    private static IllegalArgumentException shapeError(String op, Tensor a, Tensor b) {
        return new IllegalArgumentException(op + ": shapes " + Arrays.toString(a.shape) + " and "
                + Arrays.toString(b.shape) + " do not fit");
    }
}
