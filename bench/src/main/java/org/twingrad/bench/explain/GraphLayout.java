package org.twingrad.bench.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A left-to-right layered drawing of a {@link Graph}, in the manner of Sugiyama's method, in three short steps:
 * <ol>
 *   <li><b>Columns.</b> An op's column is one more than its furthest input's (longest path), so the root, the loss,
 *       is alone at the right. A leaf (an input or a parameter) goes one column left of the first op that uses it,
 *       so a layer's weights stand beside that layer instead of all at the far left.</li>
 *   <li><b>Order in a column.</b> Barycentre sweeps: each node moves to the mean position of its neighbours in the
 *       column before (left to right) and after (right to left), which untangles edges; the order with the fewest
 *       crossings seen is kept.</li>
 *   <li><b>Coordinates.</b> The tallest column is stacked evenly; every other node moves as near to the mean height
 *       of its neighbours as the gaps in its column allow.</li>
 * </ol>
 * A network's graph is layered by construction, so this is enough; a general graph-layout library (Eclipse ELK)
 * would add a dependency tree for the same picture.
 *
 * @param column  the column of each node (0 = left)
 * @param x       left edge of each node's box
 * @param y       top edge of each node's box
 * @param width   the drawing's width
 * @param height  the drawing's height
 */
public record GraphLayout(int[] column, double[] x, double[] y, double width, double height) {
    /** A node's box. */
    public static final double NODE_WIDTH = 150;
    /** A node's box. */
    public static final double NODE_HEIGHT = 46;
    static final double COLUMN_GAP = 70;
    static final double ROW_GAP = 10;
    static final double MARGIN = 20;
    private static final int SWEEPS = 12;

    /** Lays out the graph. */
    public static GraphLayout of(Graph g) {
        int n = g.size();
        int[] col = columns(g);
        int columns = Arrays.stream(col).max().orElse(0) + 1;
        List<List<Integer>> order = lists(columns);
        for (int k = 0; k < n; k++) {
            order.get(col[k]).add(k);     // first guess: topological order
        }
        List<List<Integer>> consumers = consumers(g);
        double[] pos = positions(order, n);
        List<List<Integer>> best = copy(order);
        int bestCrossings = crossings(g, col, pos);
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            boolean rightward = sweep % 2 == 0;
            for (int i = 0; i < columns; i++) {
                int c = rightward ? i : columns - 1 - i;
                List<Integer> column = order.get(c);
                double[] key = new double[n];
                for (int k : column) {
                    key[k] = barycentre(rightward ? inputsOf(g, k) : consumers.get(k), pos, pos[k]);
                }
                column.sort(Comparator.comparingDouble(k -> key[k]));
                pos = positions(order, n);
            }
            int crossings = crossings(g, col, pos);
            if (crossings < bestCrossings) {
                bestCrossings = crossings;
                best = copy(order);
            }
        }
        return place(g, best, col, n, consumers);
    }

    /** Longest path from the leaves for ops; a leaf sits one column left of its first consumer. */
    static int[] columns(Graph g) {
        int[] col = new int[g.size()];
        for (Graph.Node v : g.nodes()) {     // topological order: inputs come first, a leaf's consumers after it
            int c = 1;
            for (int in : v.inputs()) {
                c = g.nodes().get(in).isLeaf() ? c : Math.max(c, col[in] + 1);
            }
            col[v.id()] = v.isLeaf() ? Integer.MAX_VALUE : c;
            for (int in : v.inputs()) {
                col[in] = g.nodes().get(in).isLeaf() ? Math.min(col[in], c - 1) : col[in];
            }
        }
        Arrays.setAll(col, k -> col[k] == Integer.MAX_VALUE ? 0 : col[k]);     // a leaf no op uses: a graph of one node
        return col;
    }

    private static List<List<Integer>> consumers(Graph g) {
        List<List<Integer>> out = lists(g.size());
        for (Graph.Node v : g.nodes()) {
            for (int in : v.inputs()) {
                out.get(in).add(v.id());
            }
        }
        return out;
    }

    /** n empty lists, to fill. */
    static List<List<Integer>> lists(int n) {
        return Stream.generate(() -> (List<Integer>) new ArrayList<Integer>()).limit(n).toList();
    }

    private static List<Integer> inputsOf(Graph g, int k) {
        return Arrays.stream(g.nodes().get(k).inputs()).boxed().toList();
    }

    private static double barycentre(List<Integer> neighbours, double[] pos, double fallback) {
        // reduce, not sum(): left to right as a loop adds, without sum()'s compensation, so the layout stays as it was.
        return neighbours.isEmpty() ? fallback : neighbours.stream().mapToDouble(k -> pos[k]).reduce(0, Double::sum) / neighbours.size();
    }

    /** Each node's position in its column, scaled to [0, 1] so columns of different heights compare. */
    private static double[] positions(List<List<Integer>> order, int n) {
        double[] pos = new double[n];
        for (List<Integer> column : order) {
            for (int r = 0; r < column.size(); r++) {
                pos[column.get(r)] = (r + 0.5) / column.size();
            }
        }
        return pos;
    }

    /** Crossings among edges between the same pair of adjacent columns (two edges cross when their ends swap). */
    static int crossings(Graph g, int[] col, double[] pos) {
        List<double[]> edges = new ArrayList<>();
        for (Graph.Node v : g.nodes()) {
            for (int in : v.inputs()) {
                edges.add(new double[] {col[in], pos[in], pos[v.id()], col[v.id()]});
            }
        }
        int count = 0;
        for (int a = 0; a < edges.size(); a++) {
            for (int b = a + 1; b < edges.size(); b++) {
                double[] e = edges.get(a);
                double[] f = edges.get(b);
                if (e[0] == f[0] && e[3] == f[3] && (e[1] - f[1]) * (e[2] - f[2]) < 0) {
                    count++;
                }
            }
        }
        return count;
    }

    private static List<List<Integer>> copy(List<List<Integer>> order) {
        return order.stream().<List<Integer>>map(ArrayList::new).toList();
    }

    private static GraphLayout place(Graph g, List<List<Integer>> order, int[] col, int n, List<List<Integer>> consumers) {
        int tallest = 0;
        for (int c = 0; c < order.size(); c++) {
            tallest = order.get(c).size() > order.get(tallest).size() ? c : tallest;
        }
        double pitch = NODE_HEIGHT + ROW_GAP;
        double height = 2 * MARGIN + order.get(tallest).size() * pitch - ROW_GAP;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int c = 0; c < order.size(); c++) {
            List<Integer> column = order.get(c);
            double top = (height - column.size() * pitch + ROW_GAP) / 2;
            for (int r = 0; r < column.size(); r++) {
                x[column.get(r)] = MARGIN + c * (NODE_WIDTH + COLUMN_GAP);
                y[column.get(r)] = top + r * pitch;
            }
        }
        // Each column but the tallest moves towards its neighbours: every node wants the mean height of the nodes it
        // is joined to; the column is sorted by that wish and packed, each node as near to it as the gaps allow
        // (first down past the one above, then up from the bottom). A few sweeps each way settle it.
        for (int sweep = 0; sweep < 20; sweep++) {
            for (int i = 0; i < order.size(); i++) {
                int c = sweep % 2 == 0 ? i : order.size() - 1 - i;
                List<Integer> column = order.get(c);
                if (c == tallest || column.isEmpty()) {
                    continue;
                }
                double[] want = new double[n];
                for (int k : column) {
                    List<Integer> near = new ArrayList<>(inputsOf(g, k));
                    near.addAll(consumers.get(k));
                    want[k] = barycentre(near, y, y[k]);
                }
                column.sort(Comparator.comparingDouble(k -> want[k]));
                for (int r = 0; r < column.size(); r++) {
                    double floor = r == 0 ? MARGIN : y[column.get(r - 1)] + pitch;
                    y[column.get(r)] = Math.max(want[column.get(r)], floor);
                }
                for (int r = column.size() - 1; r >= 0; r--) {
                    double ceiling = r == column.size() - 1 ? height - MARGIN - NODE_HEIGHT : y[column.get(r + 1)] - pitch;
                    y[column.get(r)] = Math.min(y[column.get(r)], ceiling);
                }
            }
        }
        double width = 2 * MARGIN + order.size() * NODE_WIDTH + Math.max(0, order.size() - 1) * COLUMN_GAP;
        return new GraphLayout(col, x, y, width, height);
    }
}
