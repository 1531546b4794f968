package org.twingrad.scalar;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A backward pass written down step by step, so a student can follow backprop node by node. There is one
 * {@link Step} per node, in the order backward visits them (reverse topological: the output first); each step shows
 * the node's value and its final gradient, and for each of its inputs the local derivative and the contribution
 * (local derivative · gradient) passed to that input.
 *
 * <pre>{@code
 * BackpropTrace trace = loss.backwardTraced();
 * System.out.println(trace);              // an aligned text table
 * trace.step("h1").grad();                // look one node up by its label
 * }</pre>
 *
 * Unlabelled nodes are named {@code n<k>}, k being their position in topological order.
 */
public final class BackpropTrace {

    /**
     * One node's part of the backward pass.
     *
     * @param index  1 for the first step (the output), 2 for the next, …
     * @param node   the node's label, or {@code n<k>}
     * @param op     the op that made it, or {@code ""} for a leaf
     * @param value  its forward value
     * @param grad   its gradient, complete when this step runs
     * @param inputs what it passes to each input
     */
    public record Step(int index, String node, String op, double value, double grad, List<Edge> inputs) {
    }

    /**
     * What a node passes to one input.
     *
     * @param input           the input's name
     * @param localDerivative ∂node/∂input
     * @param contribution    localDerivative · the node's gradient: what is added to the input's gradient
     */
    public record Edge(String input, double localDerivative, double contribution) {
    }

    private final List<Step> steps;

    private BackpropTrace(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    /** All steps, output first. */
    public List<Step> steps() {
        return steps;
    }

    /** The step of the node with this label (or generated name). */
    public Step step(String node) {
        return steps.stream().filter(s -> s.node().equals(node)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node named " + node + " in this trace"));
    }

    /** The table with 4 decimals. */
    @Override
    public String toString() {
        return toTable(4);
    }

    /** An aligned text table: one row per step, and one more row per further input. */
    public String toTable(int decimals) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"step", "node", "op", "value", "grad", "input", "∂node/∂input", "contribution"});
        for (Step s : steps) {
            String[] row = {Integer.toString(s.index()), s.node(), s.op().isEmpty() ? "leaf" : s.op(),
                    round(s.value(), decimals), round(s.grad(), decimals), "", "", ""};
            if (s.inputs().isEmpty()) {
                rows.add(row);
            }
            for (Edge e : s.inputs()) {
                row[5] = e.input();
                row[6] = round(e.localDerivative(), decimals);
                row[7] = round(e.contribution(), decimals);
                rows.add(row);
                row = new String[] {"", "", "", "", "", "", "", ""};     // a further input: a row of its own
            }
        }
        int[] width = new int[8];
        for (String[] r : rows) {
            for (int c = 0; c < 8; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            String[] cells = new String[8];
            for (int c = 0; c < 8; c++) {
                boolean text = c == 1 || c == 2 || c == 5;          // names left-aligned, numbers right-aligned
                cells[c] = String.format((text ? "%-" : "%") + width[c] + "s", r[c]);
            }
            sb.append(String.join("  ", cells).stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /**
     * v rounded to {@code decimals} places as the homework sheets round: half away from zero on the number as printed
     * (0.12345 → 0.1235, −0.12345 → −0.1235), not Java's default half-even, and with no "−0.0000" for tiny negatives.
     * Magnitudes of 10⁹ and more print in scientific notation with {@code decimals} decimals ({@code 8.6032e18}).
     * NaN and infinities print as Java prints them.
     */
    public static String round(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        // BigDecimal.valueOf takes the shortest decimal that reads back as v (Double.toString), the number a sheet
        // shows; new BigDecimal(v) would round 0.12345, stored as 0.123449999…, down.
        java.math.BigDecimal b = java.math.BigDecimal.valueOf(v);
        java.math.BigDecimal fixed = b.setScale(decimals, java.math.RoundingMode.HALF_UP);
        if (fixed.abs().compareTo(java.math.BigDecimal.valueOf(1_000_000_000)) >= 0) {
            // A diverged loss: 8.6032e18, not nineteen digits and four zeros.
            java.math.BigDecimal r = b.round(new java.math.MathContext(decimals + 1, java.math.RoundingMode.HALF_UP));
            int exponent = r.precision() - r.scale() - 1;
            return r.movePointLeft(exponent).setScale(decimals, java.math.RoundingMode.HALF_UP).toPlainString() + "e" + exponent;
        }
        String t = fixed.toPlainString();
        return t.matches("-0\\.?0*") ? t.substring(1) : t;
    }

    /** Collects steps while {@link Value#backward()} runs. */
    static final class Recorder {
        private final List<Value> order;
        private final Map<Value, String> names = new IdentityHashMap<>();
        private final List<Step> steps = new ArrayList<>();

        Recorder(List<Value> order) {
            this.order = order;
            for (int k = 0; k < order.size(); k++) {
                Value v = order.get(k);
                names.put(v, v.label() != null ? v.label() : "n" + k);
            }
        }

        List<Value> order() {
            return order;
        }

        void record(Value v) {
            List<Edge> edges = new ArrayList<>();
            List<Value> in = v.inputs();
            for (int i = 0; i < in.size(); i++) {
                double local = v.localDerivative(i);
                edges.add(new Edge(names.get(in.get(i)), local, local * v.grad()));
            }
            steps.add(new Step(steps.size() + 1, names.get(v), v.op(), v.data(), v.grad(), List.copyOf(edges)));
        }

        BackpropTrace trace() {
            return new BackpropTrace(steps);
        }
    }
}
