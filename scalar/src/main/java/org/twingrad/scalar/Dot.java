package org.twingrad.scalar;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Graphviz DOT text for a graph, like micrograd's {@code draw_dot}: one box per node showing its label, value and
 * gradient, and a small oval per op between the op's inputs and its output.
 *
 * <pre>{@code
 * Files.writeString(Path.of("graph.dot"), Dot.of(loss));
 * // dot -Tsvg graph.dot -o graph.svg
 * }</pre>
 */
public final class Dot {
    private Dot() {}

    /** The DOT text of every node {@code root} depends on, laid out left to right. */
    public static String of(Value root) {
        List<Value> order = root.topologicalOrder();
        Map<Value, String> ids = new IdentityHashMap<>();
        StringBuilder sb = new StringBuilder("digraph twingrad {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n");
        for (int k = 0; k < order.size(); k++) {
            Value v = order.get(k);
            String id = "n" + k;
            ids.put(v, id);
            String name = v.label() != null ? v.label() : id;
            sb.append(String.format("  %s [shape=record, label=\"{ %s | data %.4f | grad %.4f }\"];%n",
                    id, escape(name), v.data(), v.grad()));
            if (!v.op().isEmpty()) {
                sb.append(String.format("  %s_op [shape=ellipse, label=\"%s\"];%n  %s_op -> %s;%n", id, escape(v.op()), id, id));
            }
        }
        for (Value v : order) {
            for (Value in : v.inputs()) {
                sb.append("  ").append(ids.get(in)).append(" -> ").append(ids.get(v)).append("_op;\n");
            }
        }
        return sb.append("}\n").toString();
    }

    /** A backslash before each character DOT's record labels treat as markup: { } | < > " and \. */
    private static String escape(String s) {
        return s.replaceAll("[{}|<>\"\\\\]", "\\\\$0");
    }
}
