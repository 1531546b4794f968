package org.twingrad.bench.explain;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.twingrad.scalar.Value;

/**
 * A snapshot of a computation graph after backward, for drawing: every node the root depends on, each after its
 * inputs (the scalar engine's topological order), with its value, gradient and local derivatives as they were when
 * the snapshot was taken (later optimizer steps change the parameters, not the snapshot).
 *
 * <p>Nodes are named as {@link org.twingrad.scalar.BackpropTrace} names them (the label, or {@code n<k>}), and node k
 * is the one backward visits at step {@code size − k}.
 *
 * @param nodes in topological order: the root is the last
 */
public record Graph(List<Node> nodes) {

    /**
     * One node.
     *
     * @param id     its position in topological order
     * @param name   its label, or {@code n<id>}
     * @param op     the op that made it, {@code ""} for a leaf
     * @param value  its forward value
     * @param grad   ∂root/∂node
     * @param inputs the ids of its inputs
     * @param locals ∂node/∂inputs[i]
     */
    public record Node(int id, String name, String op, double value, double grad, int[] inputs, double[] locals) {
        /** Whether it is a leaf: an input or a parameter. */
        public boolean isLeaf() {
            return inputs.length == 0;
        }
    }

    /** The graph below {@code root}, after {@code root.backward()}. */
    public static Graph of(Value root) {
        List<Value> order = root.topologicalOrder();
        Map<Value, Integer> ids = new IdentityHashMap<>();
        for (int k = 0; k < order.size(); k++) {
            ids.put(order.get(k), k);
        }
        List<Node> nodes = new ArrayList<>(order.size());
        for (int k = 0; k < order.size(); k++) {
            Value v = order.get(k);
            List<Value> in = v.inputs();
            int[] inputs = new int[in.size()];
            double[] locals = new double[in.size()];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = ids.get(in.get(i));
                locals[i] = v.localDerivative(i);
            }
            nodes.add(new Node(k, v.label() != null ? v.label() : "n" + k, v.op(), v.data(), v.grad(), inputs, locals));
        }
        return new Graph(List.copyOf(nodes));
    }

    /** Number of nodes. */
    public int size() {
        return nodes.size();
    }

    /** The node backward visits at step s (1 = the root). */
    public Node atStep(int s) {
        return nodes.get(nodes.size() - s);
    }

    /**
     * Backward replayed edge by edge, in the order and with the rounding {@link Value#backward()} uses
     * ({@code grad += local · out.grad} as one fused multiply-add): {@code result[s − 1][i]} is the gradient of the
     * i-th input of step s's node right after step s added its contribution. A node's gradient is complete once its
     * own step comes, and then equals {@link Node#grad()} exactly.
     */
    public double[][] replayBackward() {
        double[] g = new double[nodes.size()];
        g[nodes.size() - 1] = 1.0;
        double[][] after = new double[nodes.size()][];
        for (int step = 1; step <= nodes.size(); step++) {
            Node v = atStep(step);
            after[step - 1] = new double[v.inputs().length];
            for (int i = 0; i < v.inputs().length; i++) {
                int in = v.inputs()[i];
                g[in] = Math.fma(v.locals()[i], g[v.id()], g[in]);
                after[step - 1][i] = g[in];
            }
        }
        return after;
    }
}
