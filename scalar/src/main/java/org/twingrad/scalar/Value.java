package org.twingrad.scalar;

import java.util.ArrayList;
import java.util.List;
import org.twingrad.data.Activation;
import org.twingrad.data.TopologicalOrder;

/**
 * A scalar in a computation graph: its value, the gradient of the final output with respect to it, and how it was
 * made. It works like micrograd's {@code Value}, with one difference: each op records its <em>local derivative</em>
 * (∂out/∂input, a number) at the moment it computes its forward value, so forward and backward of an op stand side by
 * side on two lines, and backward is a single rule for every node: {@code input.grad += local · out.grad}.
 *
 * <pre>{@code
 * Value x = Value.of(2.0, "x");
 * Value y = x.mul(x).add(x.exp());      // y = x² + eˣ
 * y.backward();
 * x.grad();                             // 2x + eˣ = 11.389…
 * }</pre>
 *
 * Graphs are built by the ops and then read; {@link #setData(double)} changes only leaves (parameters).
 * Not thread-safe: one graph belongs to one thread.
 *
 * <p><b>Non-finite numbers.</b> One rule for every op, so a NaN cannot slip through one op while another throws:
 * <ul>
 *   <li>An op never takes a non-finite operand. Given an input whose value is NaN or ±∞ (or a constant ±∞), it throws
 *       an {@link ArithmeticException} naming the op and the operand: {@code log: operand u = NaN is not finite}.</li>
 *   <li>It throws the same way for finite operands outside its domain, where IEEE-754 would quietly make a NaN or an
 *       infinity: {@code log} of x ≤ 0, division by 0, a negative base to a non-integer power.</li>
 *   <li>Finite operands inside the domain may still overflow: {@code exp(1000)} is ∞. That is a result, not an
 *       operand, so the op returns it, and the next op that uses it throws. A loss that is itself ∞ this way is caught
 *       by the training loop's guard, which stops with the epoch and step.</li>
 * </ul>
 * Leaves ({@link #of}) may hold any value: the check is made where a value is used. Constant operands
 * ({@code x.mul(2)}) are operands too, and are checked the same way.
 */
public final class Value implements Activation.Node<Value> {
    private static final Value[] NO_INPUTS = new Value[0];
    private static final double[] NO_LOCALS = new double[0];

    private double data;
    private double grad;
    private final String op;
    private final Value[] inputs;
    /** ∂this/∂inputs[i], fixed when the op ran. */
    private final double[] locals;
    private String label;
    /** The constant of an op such as {@code x·2} (shown in {@link #op()} as {@code *2}), or NaN. */
    private final double constant;
    /** The traversal that last visited this node; replaces a visited-set in {@link #topologicalOrder()}. */
    private long visited;

    private Value(double data, String op, Value[] inputs, double[] locals, String label) {
        this(data, op, Double.NaN, inputs, locals, label);
    }

    private Value(double data, String op, double constant, Value[] inputs, double[] locals, String label) {
        // The one rule for non-finite operands (see the class comment): checked here, where every op's node is made.
        for (Value in : inputs) {
            if (!Double.isFinite(in.data)) {
                throw new ArithmeticException(op + ": operand " + describe(in) + " is not finite");
            }
        }
        this.data = data;
        this.op = op;
        this.constant = constant;
        this.inputs = inputs;
        this.locals = locals;
        this.label = label;
    }

    /** A leaf: an input or a parameter. */
    public static Value of(double data) {
        return new Value(data, "", NO_INPUTS, NO_LOCALS, null);
    }

    /** A labelled leaf; the label shows in traces and DOT drawings. */
    public static Value of(double data, String label) {
        return new Value(data, "", NO_INPUTS, NO_LOCALS, label);
    }

    /**
     * A node made by a custom op: its forward value and, for each input, the local derivative ∂out/∂input.
     * Every built-in op is one call of this; so are fused ops such as softmax cross-entropy.
     *
     * @throws IllegalArgumentException if there are not as many local derivatives as inputs
     */
    public static Value op(String name, double data, Value[] inputs, double[] localDerivatives) {
        if (inputs.length != localDerivatives.length) {
            throw new IllegalArgumentException("op " + name + ": " + inputs.length + " inputs but "
                    + localDerivatives.length + " local derivatives");
        }
        return new Value(data, name, inputs.clone(), localDerivatives.clone(), null);
    }

    private static Value unary(String op, double data, Value in, double local) {
        return new Value(data, op, new Value[] {in}, new double[] {local}, null);
    }

    /** A unary op with a constant operand: the op's name is only formatted when someone asks for it. */
    private static Value withConstant(String op, double c, double data, Value in, double local) {
        if (!Double.isFinite(c)) {
            throw new ArithmeticException(op + ": constant operand " + c + " is not finite");
        }
        return new Value(data, op, c, new Value[] {in}, new double[] {local}, null);
    }

    private static Value binary(String op, double data, Value a, double da, Value b, double db) {
        return new Value(data, op, new Value[] {a, b}, new double[] {da, db}, null);
    }

    // ---- The ops: forward value, then local derivatives ----------------------------------------------------------

    /** this + other; ∂/∂this = 1, ∂/∂other = 1. */
    public Value add(Value other) {
        return binary("+", data + other.data, this, 1.0, other, 1.0);
    }

    /** this + c, a constant; ∂/∂this = 1. */
    public Value add(double c) {
        return withConstant("+", c, data + c, this, 1.0);
    }

    /** this − other; ∂/∂this = 1, ∂/∂other = −1. */
    public Value sub(Value other) {
        return binary("-", data - other.data, this, 1.0, other, -1.0);
    }

    /** this − c, a constant; ∂/∂this = 1. */
    public Value sub(double c) {
        return withConstant("-", c, data - c, this, 1.0);
    }

    /** this · other; ∂/∂this = other, ∂/∂other = this. */
    public Value mul(Value other) {
        return binary("*", data * other.data, this, other.data, other, data);
    }

    /** this · c, a constant; ∂/∂this = c. */
    public Value mul(double c) {
        return withConstant("*", c, data * c, this, c);
    }

    /** this / other; ∂/∂this = 1/other, ∂/∂other = −this/other². */
    public Value div(Value other) {
        if (other.data == 0) {
            throw new ArithmeticException("div: division by zero in " + describe(this) + " / " + describe(other));
        }
        return binary("/", data / other.data, this, 1.0 / other.data, other, -data / (other.data * other.data));
    }

    /** this / c, a constant; ∂/∂this = 1/c. */
    public Value div(double c) {
        if (c == 0) {
            throw new ArithmeticException("div: division by zero in " + describe(this) + " / 0");
        }
        return withConstant("/", c, data / c, this, 1.0 / c);
    }

    /** thisᵖ; ∂/∂this = p·thisᵖ⁻¹. */
    public Value pow(double p) {
        if (data < 0 && p != Math.rint(p)) {
            throw new ArithmeticException("pow: negative base with a non-integer exponent in " + describe(this)
                    + " ^ " + p);
        }
        if (data == 0 && p < 0) {
            throw new ArithmeticException("pow: division by zero in " + describe(this) + " ^ " + p);
        }
        return withConstant("^", p, Math.pow(data, p), this, p * Math.pow(data, p - 1));
    }

    /** −this; ∂/∂this = −1. */
    public Value neg() {
        return unary("neg", -data, this, -1.0);
    }

    /** eᵗʰⁱˢ; ∂/∂this = eᵗʰⁱˢ. */
    public Value exp() {
        double e = Math.exp(data);
        return unary("exp", e, this, e);
    }

    /** ln this; ∂/∂this = 1/this. */
    public Value log() {
        if (data <= 0 && Double.isFinite(data)) {
            throw new ArithmeticException("log: logarithm of a non-positive number in log(" + describe(this) + ")");
        }
        return unary("log", Math.log(data), this, 1.0 / data);
    }

    /** tanh this; ∂/∂this = 1 − tanh². */
    public Value tanh() {
        double t = Math.tanh(data);
        return unary("tanh", t, this, 1 - t * t);
    }

    /** σ(this) = 1/(1 + e⁻ᵗʰⁱˢ); ∂/∂this = σ(1 − σ). */
    public Value sigmoid() {
        // Stable as it stands: for x < −709, e^(−x) overflows to ∞ and 1/(1 + ∞) = 0, the right limit (no NaN).
        double s = 1 / (1 + Math.exp(-data));
        return unary("sigmoid", s, this, s * (1 - s));
    }

    /** max(0, this); ∂/∂this = 1 if this &gt; 0, else 0 (relu'(0) = 0, as CMU 10-701 takes it). */
    public Value relu() {
        return unary("relu", data > 0 ? data : 0.0, this, data > 0 ? 1.0 : 0.0);
    }

    /** LeCun's improved sigmoid f(x) = A·tanh(S·x) with A = 1.7159, S = 2/3 (TDT4265 A2 task 3). */
    public Value improvedSigmoid() {
        return mul(2.0 / 3.0).tanh().mul(1.7159);
    }

    /** Σ values as one node; ∂/∂values[i] = 1. Cheaper and flatter than a chain of {@link #add}. */
    public static Value sum(List<Value> values) {
        Value[] in = values.toArray(NO_INPUTS);
        double[] ones = new double[in.length];
        double s = 0;
        for (int i = 0; i < in.length; i++) {
            s += in[i].data;
            ones[i] = 1.0;
        }
        return new Value(s, "sum", in, ones, null);
    }

    /** (1/n)·Σ values as one node; ∂/∂values[i] = 1/n. */
    public static Value mean(List<Value> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("mean of no values");
        }
        Value[] in = values.toArray(NO_INPUTS);
        double n = in.length;
        double[] locals = new double[in.length];
        double s = 0;
        for (int i = 0; i < in.length; i++) {
            s += in[i].data;
            locals[i] = 1.0 / n;
        }
        return new Value(s / n, "mean", in, locals, null);
    }

    /** Σ aᵢ·bᵢ as one node; ∂/∂aᵢ = bᵢ, ∂/∂bᵢ = aᵢ. A neuron's weighted sum in one node instead of 2n. */
    public static Value dot(List<Value> a, List<Value> b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("dot: lengths differ, " + a.size() + " and " + b.size());
        }
        // One copy of each list into the node's input array (List.get per element would be an interface call per
        // multiply-add, and a slow one once the JIT has seen several List classes here).
        int n = a.size();
        Value[] in = new Value[2 * n];
        System.arraycopy(a.toArray(NO_INPUTS), 0, in, 0, n);
        System.arraycopy(b.toArray(NO_INPUTS), 0, in, n, n);
        double[] locals = new double[2 * n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            double ai = in[i].data;
            double bi = in[n + i].data;
            s = Math.fma(ai, bi, s);     // the tensor engine's matmul sums the same way
            locals[i] = bi;
            locals[n + i] = ai;
        }
        return new Value(s, "dot", in, locals, null);
    }

    // ---- Backward ------------------------------------------------------------------------------------------------

    /**
     * Backpropagation: sets this node's gradient to 1 and adds ∂this/∂v to the gradient of every node v this one
     * depends on, visiting nodes in reverse topological order so each node's gradient is complete before it is
     * passed on. Gradients accumulate: call {@link #zeroGrad()} on parameters between steps.
     */
    public void backward() {
        backward(null);
    }

    /** Backward, recording every step: see {@link BackpropTrace}. */
    public BackpropTrace backwardTraced() {
        BackpropTrace.Recorder recorder = new BackpropTrace.Recorder(topologicalOrder());
        backward(recorder);
        return recorder.trace();
    }

    private void backward(BackpropTrace.Recorder recorder) {
        List<Value> order = recorder != null ? recorder.order() : topologicalOrder();
        grad = 1.0;
        for (int n = order.size() - 1; n >= 0; n--) {
            Value v = order.get(n);
            for (int i = 0; i < v.inputs.length; i++) {
                // The chain rule, one edge at a time: ∂out/∂input += ∂v/∂input · ∂out/∂v
                // (as one fused multiply-add, the rounding the tensor engine's kernels use).
                v.inputs[i].grad = Math.fma(v.locals[i], v.grad, v.inputs[i].grad);
            }
            if (recorder != null) {
                recorder.record(v);
            }
        }
    }

    /** Every node this one depends on, and itself last, each after all of its inputs (see {@link TopologicalOrder}). */
    public List<Value> topologicalOrder() {
        return TopologicalOrder.of(this, n -> n.inputs, n -> n.visited, (n, t) -> n.visited = t);
    }

    // ---- Accessors -----------------------------------------------------------------------------------------------

    /** The forward value. */
    public double data() {
        return data;
    }

    /** ∂(the node backward was called on)/∂this, accumulated. */
    public double grad() {
        return grad;
    }

    /** Sets the gradient to 0. */
    public void zeroGrad() {
        grad = 0;
    }

    /**
     * Changes a leaf's value, as an optimizer step does. Nodes already computed from it keep their old values:
     * rebuild the graph (run forward again) to see the change.
     *
     * @throws IllegalStateException on a node made by an op
     */
    public void setData(double newData) {
        if (inputs.length > 0) {
            throw new IllegalStateException("setData on " + describe(this) + ", a node made by op " + op()
                    + ": only leaves can change");
        }
        data = newData;
    }

    /** The op that made this node ({@code "+"}, {@code "tanh"}, {@code "*2"}, …), or {@code ""} for a leaf. */
    public String op() {
        if (Double.isNaN(constant)) {
            return op;
        }
        return constant < 0 ? op + "(" + fmt(constant) + ")" : op + fmt(constant);    // -(-2.3), not --2.3
    }

    /** The label, or null. */
    public String label() {
        return label;
    }

    /** Sets the label shown in traces and drawings; returns this, for chaining. */
    public Value label(String newLabel) {
        this.label = newLabel;
        return this;
    }

    /** The inputs of the op that made this node (empty for a leaf). */
    public List<Value> inputs() {
        return List.of(inputs);
    }

    /** ∂this/∂inputs().get(i), as the op computed it. */
    public double localDerivative(int i) {
        return locals[i];
    }

    @Override
    public String toString() {
        return "Value(" + (label != null ? label + " = " : "") + "data=" + data + ", grad=" + grad + ")";
    }

    private static String describe(Value v) {
        return v.label != null ? v.label + " = " + v.data : Double.toString(v.data);
    }

    static String fmt(double p) {
        return p == Math.rint(p) && Math.abs(p) < 1e15 ? Long.toString((long) p) : Double.toString(p);
    }
}
