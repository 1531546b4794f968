package org.twingrad.tensor;

import static org.twingrad.tensor.kernels.MatMul.Form.AT_B;
import static org.twingrad.tensor.kernels.MatMul.Form.A_B;
import static org.twingrad.tensor.kernels.MatMul.Form.A_BT;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.twingrad.data.Activation;
import org.twingrad.data.TopologicalOrder;
import java.util.function.DoubleBinaryOperator;
import org.twingrad.tensor.kernels.Dims;
import org.twingrad.tensor.kernels.Gradient;

/**
 * A node of the vectorized graph: a row-major {@code double[]} with a shape of rank 1 to 3, its gradient, and how it
 * was made. It is the twin of {@code org.twingrad.scalar.Value}: the same graph and the same backward, but each node
 * holds a whole array, and each op's backward is the matrix form of the chain rule. Every op below builds its output
 * and, right beside it, the rule that sends the output's gradient g back to its inputs.
 *
 * <pre>{@code
 * Tensor x = Tensor.constant(batch, 50, 784);            // data: no gradient needed
 * Tensor w = Tensor.of(weights, 256, 784);               // a parameter, [out, in]
 * Tensor b = Tensor.of(new double[256], 256);
 * Tensor loss = x.matmulTransposed(w).add(b).sigmoid().matmulTransposed(v).softmaxCrossEntropy(labels);
 * loss.backward();
 * double[] dw = w.grads();
 * }</pre>
 *
 * Not thread-safe: one graph belongs to one thread (matmul itself may use several, see {@link Kernels}).
 */
public final class Tensor implements Activation.Node<Tensor> {
    private static final Tensor[] NO_INPUTS = new Tensor[0];
    /** Anomaly mode, for every graph of every thread: a debugging switch, like PyTorch's, not a per-graph setting. */
    private static volatile boolean detectAnomaly;
    /** Inside {@link #noGrad}: this thread's ops record no graph. */
    private static final ThreadLocal<Boolean> NO_GRAD = ThreadLocal.withInitial(() -> false);

    /** Sends the output's gradient back to the op's inputs. */
    @FunctionalInterface
    private interface Backward {
        void propagate(double[] outGrad);
    }

    private final double[] data;
    private final int[] shape;
    /** ∂(the tensor backward was called on)/∂this, accumulated; null when no gradient is wanted here. */
    private final Gradient grad;
    private final String op;
    private final Tensor[] inputs;
    private final Backward backward;
    private long visited;

    private Tensor(double[] data, int[] shape, boolean requiresGrad, String op, Tensor[] inputs, Backward backward) {
        this.data = data;
        this.shape = shape;
        this.grad = requiresGrad ? new Gradient(data.length) : null;
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

    /**
     * A leaf whose gradient is never needed (input data): backward does not compute it. It reads {@code values} in
     * place, as {@code torch.from_numpy} does, since a batch of input is read by the graph and never written: copying
     * it cost a batch's size in allocation at every step and evaluation block.
     */
    public static Tensor constant(double[] values, int... shape) {
        return new Tensor(values, checkShape(values.length, shape), false, "", NO_INPUTS, null);
    }

    /** A leaf of zeros. */
    public static Tensor zeros(int... shape) {
        return of(new double[Math.max(Arrays.stream(shape).reduce(1, (x, y) -> x * y), 0)], shape);
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
     * Anomaly mode, as PyTorch's {@code torch.autograd.detect_anomaly}: while on, every op checks its output, and
     * backward every gradient an op sends back, and the first NaN or infinity throws an {@link AnomalyException} naming
     * the op, its input shapes and which inputs were already non-finite. Off by default: it reads every number again.
     */
    public static void detectAnomaly(boolean on) {
        detectAnomaly = on;
    }

    /** Whether anomaly mode is on ({@link #detectAnomaly(boolean)}). */
    public static boolean isDetectingAnomalies() {
        return detectAnomaly;
    }

    /** The output of an op: it needs a gradient if any input does. */
    /**
     * {@code body}'s value, computed without recording a graph, as PyTorch's {@code torch.no_grad()}: for evaluation,
     * where no backward follows, so no op keeps its inputs or allocates a gradient.
     */
    public static <T> T noGrad(java.util.function.Supplier<T> body) {
        boolean before = NO_GRAD.get();
        NO_GRAD.set(true);
        try {
            return body.get();
        } finally {
            NO_GRAD.set(before);
        }
    }

    private static Tensor result(String op, double[] data, int[] shape, Backward backward, Tensor... inputs) {
        if (detectAnomaly) {
            AnomalyException.checkOutput(op, data, shape, inputs);
        }
        if (NO_GRAD.get()) {
            return new Tensor(data, shape, false, op, NO_INPUTS, null);
        }
        boolean needs = Arrays.stream(inputs).anyMatch(Tensor::requiresGrad);
        return new Tensor(data, shape, needs, op, needs ? inputs : NO_INPUTS, needs ? backward : null);
    }

    /** The gradient array to add into, or null if no gradient is wanted here. */
    private double[] gradToAdd() {
        return grad == null ? null : grad.values();
    }

    // ---- Primitive ops: each builds its output and, right beside it, the rule sending the gradient g back ----------

    /**
     * Matrix product in three forms: [n,k]·[k,m] → [n,m]; batched [b,n,k]·[b,k,m] → [b,n,m]; and [b,n,k]·[k,m] →
     * [b,n,m] with the right side shared by every batch entry. Backward: ∂A = ∂C·Bᵀ, ∂B = Aᵀ·∂C (summed over the
     * batch when B is shared).
     */
    public Tensor matmul(Tensor other) {
        Tensor a = this;
        Tensor b = other;
        if (a.rank() == 3 && b.rank() == 3 && a.shape[0] == b.shape[0] && a.shape[2] == b.shape[1]) {
            return batchedMatmul(a, b);
        }
        if (a.rank() == 1 || b.rank() != 2 || a.shape[a.rank() - 1] != b.shape[0]) {
            throw shapeError("matmul", a, b);
        }
        Dims d = new Dims(a.data.length / b.shape[0], b.shape[0], b.shape[1]);      // [b,n,k] is [(b·n),k] in memory
        double[] c = new double[d.n() * d.m()];
        Kernels.multiply(A_B, a.data, b.data, c, d);
        return result("matmul", c, a.withLastAxis(d.m()), g -> {
            if (a.grad != null) {
                Kernels.accumulate(A_BT, g, b.data, a.grad, new Dims(d.n(), d.m(), d.k()));    // ∂A += ∂C·Bᵀ
            }
            if (b.grad != null) {
                Kernels.accumulate(AT_B, a.data, g, b.grad, new Dims(d.k(), d.n(), d.m()));    // ∂B += Aᵀ·∂C
            }
        }, a, b);
    }

    /**
     * this·wᵀ for this [n,k] (or [b,n,k]) and w [m,k]: a layer's x·Wᵀ with weights stored [out, in]. wᵀ is copied, then
     * multiplied as by {@link #matmul}, so the numbers are those of x.matmul(w.transpose()), bit for bit. Backward:
     * ∂x = ∂C·w, ∂w = ∂Cᵀ·x.
     */
    public Tensor matmulTransposed(Tensor w) {
        Tensor x = this;
        if (x.rank() == 1 || w.rank() != 2 || x.shape[x.rank() - 1] != w.shape[1]) {
            throw shapeError("matmulTransposed", x, w);
        }
        Dims d = new Dims(x.data.length / w.shape[1], w.shape[1], w.shape[0]);
        double[] c = new double[d.n() * d.m()];
        Kernels.multiply(A_BT, x.data, w.data, c, d);
        return result("matmulTransposed", c, x.withLastAxis(d.m()), g -> {
            if (x.grad != null) {
                Kernels.accumulate(A_B, g, w.data, x.grad, new Dims(d.n(), d.m(), d.k()));     // ∂x += ∂C·w
            }
            if (w.grad != null) {
                Kernels.accumulate(AT_B, g, x.data, w.grad, new Dims(d.m(), d.n(), d.k()));    // ∂w += ∂Cᵀ·x
            }
        }, x, w);
    }

    private int[] withLastAxis(int size) {
        int[] s = shape.clone();
        s[s.length - 1] = size;
        return s;
    }

    /** [b,n,k]·[b,k,m]: one 2-D product per batch entry s, and its backward ∂Aₛ = ∂Cₛ·Bₛᵀ, ∂Bₛ = Aₛᵀ·∂Cₛ. */
    private static Tensor batchedMatmul(Tensor a, Tensor b) {
        int batch = a.shape[0];
        Dims d = new Dims(a.shape[1], a.shape[2], b.shape[2]);
        int sa = d.n() * d.k();
        int sb = d.k() * d.m();
        int sc = d.n() * d.m();
        double[] c = new double[batch * sc];
        for (int s = 0; s < batch; s++) {
            double[] cs = new double[sc];
            Kernels.multiply(A_B, slice(a.data, s, sa), slice(b.data, s, sb), cs, d);
            System.arraycopy(cs, 0, c, s * sc, sc);
        }
        return result("matmul", c, new int[] {batch, d.n(), d.m()}, g -> {
            for (int s = 0; s < batch; s++) {
                double[] gs = slice(g, s, sc);
                if (a.grad != null) {
                    double[] part = new double[sa];
                    Kernels.multiply(A_BT, gs, slice(b.data, s, sb), part, new Dims(d.n(), d.m(), d.k()));
                    addInto(a.grad.values(), s * sa, part);
                }
                if (b.grad != null) {
                    double[] part = new double[sb];
                    Kernels.multiply(AT_B, slice(a.data, s, sa), gs, part, new Dims(d.k(), d.n(), d.m()));
                    addInto(b.grad.values(), s * sb, part);
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

    /** this + other, elementwise; other may be a row [m] (or [1,m]) added to every row (a bias). ∂/∂x = ∂/∂y = 1. */
    public Tensor add(Tensor other) {
        return broadcast("add", other, (x, y) -> x + y, (g, x, y) -> g, (g, x, y) -> g);
    }

    /** this ⊙ other, elementwise, with the broadcasting of {@link #add}. ∂/∂x = y, ∂/∂y = x. */
    public Tensor mul(Tensor other) {
        return broadcast("mul", other, (x, y) -> x * y, (g, x, y) -> g * y, (g, x, y) -> g * x);
    }

    /** A local derivative times the output's gradient g, at x and y (the inputs, or an elementwise op's in and out). */
    private interface Local {
        double times(double g, double x, double y);
    }

    /**
     * z = f(x, y) elementwise, where y repeats every {@code period} elements of x (its own size, or one row when it is
     * a broadcast bias); backward adds ∂x += dx(g, x, y) and ∂y += dy(g, x, y), the latter summed over every row y was
     * repeated on.
     */
    private Tensor broadcast(String op, Tensor other, DoubleBinaryOperator f, Local dx, Local dy) {
        Tensor a = this;
        Tensor b = other;
        int period = broadcastPeriod(op, b);
        double[] z = new double[a.data.length];
        for (int row = 0; row < z.length; row += period) {
            for (int j = 0; j < period; j++) {
                z[row + j] = f.applyAsDouble(a.data[row + j], b.data[j]);
            }
        }
        return result(op, z, a.shape, g -> {
            double[] ga = a.gradToAdd();
            double[] gb = b.gradToAdd();
            for (int row = 0; ga != null && row < g.length; row += period) {
                for (int j = 0; j < period; j++) {
                    ga[row + j] += dx.times(g[row + j], a.data[row + j], b.data[j]);
                }
            }
            for (int row = 0; gb != null && row < g.length; row += period) {
                for (int j = 0; j < period; j++) {
                    gb[j] += dy.times(g[row + j], a.data[row + j], b.data[j]);     // summed over the rows y was repeated on
                }
            }
        }, a, b);
    }

    /**
     * How often {@code other}'s values repeat along this tensor: its own size if the shapes are equal, or the row
     * length if it is a row vector of the last dimension.
     */
    private int broadcastPeriod(String op, Tensor other) {
        if (Arrays.equals(shape, other.shape)) {
            return data.length;
        }
        int last = shape[shape.length - 1];
        boolean rowVector = other.data.length == last && (other.rank() == 1 || (other.rank() == 2 && other.shape[0] == 1));
        if (rowVector && rank() >= 2) {
            return last;
        }
        throw shapeError(op, this, other);
    }

    /** An elementwise op's output y = f(x), and its backward ∂x += d(g, x, y) at every element. */
    private Tensor elementwise(String op, double[] y, Local d) {
        Tensor a = this;
        return result(op, y, shape, g -> {
            double[] da = a.grad.values();
            for (int i = 0; i < g.length; i++) {
                da[i] += d.times(g[i], a.data[i], y[i]);
            }
        }, a);
    }

    /** this · c for a constant c; ∂/∂x = c. */
    public Tensor mul(double c) {
        double[] y = new double[data.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = data[i] * c;
        }
        return elementwise("mul", y, (g, x, out) -> g * c);
    }

    /** eˣ; (eˣ)' = eˣ. */
    public Tensor exp() {
        double[] e = new double[data.length];
        Kernels.exp(data, e);
        return elementwise("exp", e, (g, x, ex) -> g * ex);
    }

    /** ln x; (ln x)' = 1/x. */
    public Tensor log() {
        double[] y = new double[data.length];
        for (int i = 0; i < y.length; i++) {
            if (data[i] <= 0) {
                throw new ArithmeticException("log: logarithm of a non-positive number " + data[i] + " at index " + i
                        + " of a tensor of shape " + Arrays.toString(shape));
            }
            y[i] = Math.log(data[i]);
        }
        return elementwise("log", y, (g, x, ln) -> g / x);
    }

    /** tanh x; tanh' = 1 − tanh². */
    public Tensor tanh() {
        double[] t = new double[data.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = Math.tanh(data[i]);
        }
        return elementwise("tanh", t, (g, x, th) -> g * (1 - th * th));
    }

    /** max(0, x); relu'(x) = 1 if x &gt; 0, else 0 (also at 0, as the scalar engine). */
    public Tensor relu() {
        double[] y = new double[data.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = data[i] > 0 ? data[i] : 0.0;
        }
        // −0.0, not 0: adding it leaves every gradient as it was, even a −0.0, as skipping the element would.
        return elementwise("relu", y, (g, x, r) -> x > 0 ? g : -0.0);
    }

    /**
     * σ(x) = 1/(1 + e⁻ˣ); σ' = σ(1 − σ). Fused for speed: e⁻ˣ a whole vector at a time ({@link Kernels#exp}), one
     * node instead of four (a test checks it against the composition of exp, add and log).
     */
    public Tensor sigmoid() {
        double[] s = new double[data.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = -data[i];
        }
        Kernels.exp(s, s);
        for (int i = 0; i < s.length; i++) {
            // Stable as it stands: for x < −709, e^(−x) overflows to ∞ and 1/(1 + ∞) = 0, the right limit (no NaN).
            s[i] = 1 / (1 + s[i]);
        }
        return elementwise("sigmoid", s, (g, x, sx) -> g * sx * (1 - sx));
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
            for (int s = 0; s < batch; s++) {
                addInto(a.grad.values(), s * n * m, Kernels.transpose(slice(g, s, n * m), m, n));
            }
        }, a);
    }

    /** Σ x, shape [1]; ∂/∂xᵢ = 1. */
    public Tensor sum() {
        Tensor a = this;
        double s = 0;
        for (double v : data) {
            s += v;
        }
        return result("sum", new double[] {s}, new int[] {1}, g -> {
            double[] da = a.grad.values();
            for (int i = 0; i < da.length; i++) {
                da[i] += g[0];
            }
        }, a);
    }

    /**
     * Mean softmax cross-entropy of logits [N,C] against class indices: (1/N)·Σᵣ (LSEᵣ − zᵣ,ₜᵣ), with
     * LSE = m + log Σₖ e^(zₖ − m), m = max z, so logits of ±1000 stay finite. Local derivative (ŷ − y)/N. Fused for
     * that stability (a test checks it against its composition where the naive form is finite).
     */
    public Tensor softmaxCrossEntropy(int[] targets) {
        Tensor a = this;
        if (rank() != 2 || targets.length != shape[0]) {
            throw new IllegalArgumentException("softmaxCrossEntropy: logits of shape " + Arrays.toString(shape)
                    + " need shape [N, C] with N = " + targets.length + " targets");
        }
        int n = shape[0];
        int c = shape[1];
        double[] p = softmax();
        double loss = 0;
        for (int r = 0; r < n; r++) {
            if (targets[r] < 0 || targets[r] >= c) {
                throw new IllegalArgumentException("softmaxCrossEntropy: target " + targets[r] + " of row " + r
                        + " is outside 0.." + (c - 1));
            }
            loss += logSumExp(data, r * c, c) - data[r * c + targets[r]];
        }
        return result("softmaxCrossEntropy", new double[] {loss / n}, new int[] {1}, g -> {
            double[] da = a.grad.values();
            for (int r = 0; r < n; r++) {
                for (int k = 0; k < c; k++) {
                    double y = k == targets[r] ? 1.0 : 0.0;
                    da[r * c + k] += (p[r * c + k] - y) / n * g[0];     // ∂L/∂z = (ŷ − y)/N
                }
            }
        }, a);
    }

    // ---- Compositions: their backward is the chain rule through the primitives above ------------------------------

    /** this − other = this + (−1)·other, with the broadcasting of {@link #add}. */
    public Tensor sub(Tensor other) {
        broadcastPeriod("sub", other);
        return add(other.mul(-1.0));
    }

    /** (1/N)·Σ x, shape [1]. */
    public Tensor mean() {
        return sum().mul(1.0 / data.length);
    }

    /** Σ x², shape [1], for an L2 penalty. */
    public Tensor sumOfSquares() {
        return mul(this).sum();
    }

    /**
     * Mean squared error (1/N)·Σ (x − t)² over all N elements, shape [1]; ∂/∂xᵢ = 2(xᵢ − tᵢ)/N. Equal to
     * {@code sub(t)}, {@code mul}, {@code mean} (a test checks it), but kept whole: its gradient, rounded as 2(x − t)/N
     * rather than through 1/N, is the one the engines' error bound was fitted to (verify's ErrorBoundTest).
     */
    public Tensor mse(Tensor target) {
        Tensor a = this;
        if (!Arrays.equals(shape, target.shape)) {
            throw shapeError("mse", this, target);
        }
        int n = data.length;
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (data[i] - target.data[i]) * (data[i] - target.data[i]);
        }
        return result("mse", new double[] {s / n}, new int[] {1}, g -> {
            double[] da = a.gradToAdd();
            double[] dt = target.gradToAdd();
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

    /** LeCun's improved sigmoid f(x) = A·tanh(S·x) with A = 1.7159, S = 2/3 (TDT4265 A2 task 3). */
    public Tensor improvedSigmoid() {
        return mul(2.0 / 3.0).tanh().mul(1.7159);
    }

    // ---- Plain numbers (no graph) ----------------------------------------------------------------------------------

    private static double logSumExp(double[] z, int from, int count) {
        double m = Arrays.stream(z, from, from + count).max().orElse(Double.NEGATIVE_INFINITY);
        double s = 0;
        for (int k = 0; k < count; k++) {
            s += Math.exp(z[from + k] - m);
        }
        return m + Math.log(s);
    }

    /** Row-wise softmax probabilities of logits [N,C], e^(zₖ − LSE). */
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
        if (grad == null) {
            return;
        }
        List<Tensor> order = topologicalOrder();
        grad.values()[0] = 1.0;
        for (int n = order.size() - 1; n >= 0; n--) {
            Tensor t = order.get(n);
            if (t.backward != null) {
                t.backward.propagate(t.grad.values());
                if (detectAnomaly) {
                    AnomalyException.checkGradients(t.op, t.inputs);
                }
            }
        }
    }

    /** Every tensor this one depends on, and itself last, each after all of its inputs (see {@link TopologicalOrder}). */
    private List<Tensor> topologicalOrder() {
        return TopologicalOrder.of(this, n -> n.inputs, n -> n.visited, (n, t) -> n.visited = t);
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
        return grad == null ? new double[data.length] : grad.values().clone();
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
        return grad != null;
    }

    /** The op that made this tensor, or {@code ""} for a leaf. */
    public String op() {
        return op;
    }

    /**
     * The live value array, as {@code Value.data()} gives the value: for a leaf, optimizers and loaders update it in
     * place; a tensor made by an op is not recomputed when its inputs change.
     */
    public double[] data() {
        return data;
    }

    /** The live gradient array of a tensor that requires a gradient, for optimizers. */
    public double[] grad() {
        if (grad == null) {
            throw new IllegalStateException("this tensor does not require a gradient");
        }
        return grad.values();
    }

    /** Sets the gradient to zero (see {@link Gradient} for how that costs no pass over it). */
    public void zeroGrad() {
        if (grad != null) {
            grad.zero();
        }
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
