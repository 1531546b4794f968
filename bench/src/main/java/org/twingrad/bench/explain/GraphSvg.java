package org.twingrad.bench.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.twingrad.scalar.BackpropTrace;

/**
 * The drawing of a graph as SVG, with no Graphviz: one box per node (name, op, value, gradient) placed by
 * {@link GraphLayout}, and a curve per edge from an input's right side to its op's left side. Every node is a
 * {@code <g id="node-K">} and every edge a {@code <g id="edge-K-I">} (input I of node K), so the step-through page
 * can highlight them.
 *
 * <p>A graph of more than {@link #MAX_NODES} nodes would be an unreadable picture: it is drawn as a summary instead,
 * one box per group of nodes of the same name ({@code W1[·] ×784}), with the group's largest |gradient|.
 */
public final class GraphSvg {
    /** Above this many nodes, the summary is drawn. */
    public static final int MAX_NODES = 300;

    private final Graph graph;
    private final GraphLayout layout;
    private final int decimals;
    private final int[] members;      // per box of a summary, how many nodes it shows; null for a full drawing

    private GraphSvg(Graph graph, int decimals, int[] members) {
        this.graph = graph;
        this.layout = GraphLayout.of(graph);
        this.decimals = decimals;
        this.members = members;
    }

    /**
     * The drawing of {@code g}, or of its summary when it has more than {@link #MAX_NODES} nodes. {@code groupOf}
     * (may be null) receives, for each node of g, the id of the box that shows it.
     */
    public static GraphSvg of(Graph g, int decimals, int[] groupOf) {
        if (g.size() <= MAX_NODES) {
            if (groupOf != null) {
                Arrays.setAll(groupOf, k -> k);
            }
            return new GraphSvg(g, decimals, null);
        }
        int[] group = groupOf != null ? groupOf : new int[g.size()];
        Graph s = summarize(g, GraphLayout.columns(g), group);
        int[] members = new int[s.size()];
        for (int k : group) {
            members[k]++;
        }
        return new GraphSvg(s, decimals, members);
    }

    /** Whether this is the summary of a large graph. */
    public boolean isSummary() {
        return members != null;
    }

    /** The graph drawn (the summary's groups, if it is one). */
    public Graph drawn() {
        return graph;
    }

    /**
     * Groups nodes by name (indices and row suffixes dropped: {@code W1[3,2]} → {@code W1[·]}; unnamed nodes by op).
     * Groups are ordered by the leftmost column of their members, and a group keeps only the edges from groups
     * before it, so the summary is a graph without cycles in topological order, as a {@link Graph} must be.
     */
    static Graph summarize(Graph g, int[] column, int[] groupOf) {
        Map<String, Integer> first = new LinkedHashMap<>();
        Map<String, Integer> minColumn = new LinkedHashMap<>();
        for (Graph.Node v : g.nodes()) {
            String key = groupName(v);
            first.putIfAbsent(key, first.size());
            minColumn.merge(key, column[v.id()], Math::min);
        }
        List<String> keys = new ArrayList<>(first.keySet());
        keys.sort(java.util.Comparator.comparingInt((String k) -> minColumn.get(k)).thenComparingInt(first::get));
        int n = keys.size();
        int[] count = new int[n];
        double[] maxGrad = new double[n];
        String[] op = new String[n];
        List<List<Integer>> inputs = GraphLayout.lists(n);
        for (Graph.Node v : g.nodes()) {
            groupOf[v.id()] = keys.indexOf(groupName(v));
        }
        for (Graph.Node v : g.nodes()) {
            int k = groupOf[v.id()];
            count[k]++;
            maxGrad[k] = Math.max(maxGrad[k], Math.abs(v.grad()));
            op[k] = op[k] == null || op[k].equals(v.op()) ? v.op() : "mixed";
            for (int in : v.inputs()) {
                if (groupOf[in] < k && !inputs.get(k).contains(groupOf[in])) {
                    inputs.get(k).add(groupOf[in]);
                }
            }
        }
        List<Graph.Node> nodes = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            int[] in = inputs.get(k).stream().mapToInt(Integer::intValue).toArray();
            nodes.add(new Graph.Node(k, keys.get(k) + " ×" + count[k], op[k], Double.NaN, maxGrad[k], in, new double[in.length]));
        }
        return new Graph(List.copyOf(nodes));
    }

    private static String groupName(Graph.Node v) {
        String name = v.name();
        if (name.matches("n\\d+")) {
            return v.op().isEmpty() ? "leaf" : v.op();
        }
        int cut = name.length();
        for (char c : new char[] {'[', '@'}) {
            int i = name.indexOf(c);
            if (i > 0) {
                cut = Math.min(cut, i);
            }
        }
        return name.substring(0, cut) + (name.indexOf('[') > 0 ? "[·]" : "");
    }

    /** The SVG element; with {@code standalone} it carries the SVG namespace, as a file of its own must. */
    public String svg(boolean standalone) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("<svg %sclass=\"graph\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\""
                        + " font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n",
                standalone ? "xmlns=\"http://www.w3.org/2000/svg\" " : "", layout.width(), layout.height(), layout.width(),
                layout.height()));
        sb.append("<style>.box{fill:#fff;stroke:#555;stroke-width:1}.leaf .box{fill:#eef4fb}.root .box{fill:#fdf0dc}"
                + ".edge path{fill:none;stroke:#999;stroke-width:1}.name{font-weight:bold}.op{fill:#666}"
                + ".elabel{display:none;font-weight:bold;font-size:11px;fill:#b0300b;paint-order:stroke;stroke:#fff;stroke-width:3px}</style>\n");
        StringBuilder labels = new StringBuilder();     // drawn last, so no edge or box covers them
        for (Graph.Node v : graph.nodes()) {
            for (int i = 0; i < v.inputs().length; i++) {
                edge(sb, labels, v, i);
            }
        }
        for (Graph.Node v : graph.nodes()) {
            node(sb, v);
        }
        return sb.append(labels).append("</svg>\n").toString();
    }

    /** Input i's edge into v, and its label, empty until the page shows it at v's step. */
    private void edge(StringBuilder sb, StringBuilder labels, Graph.Node v, int i) {
        int in = v.inputs()[i];
        double x1 = layout.x()[in] + GraphLayout.NODE_WIDTH;
        double y1 = layout.y()[in] + GraphLayout.NODE_HEIGHT / 2;
        double x2 = layout.x()[v.id()];
        double y2 = layout.y()[v.id()] + GraphLayout.NODE_HEIGHT / 2;
        double mid = (x1 + x2) / 2;
        sb.append(String.format("<g class=\"edge\" id=\"edge-%d-%d\"><path d=\"M%.1f,%.1f C%.1f,%.1f %.1f,%.1f %.1f,%.1f\"/></g>%n",
                v.id(), i, x1, y1, mid, y1, mid, y2, x2, y2));
        labels.append(String.format("<text class=\"elabel\" id=\"elabel-%d-%d\" x=\"%.1f\" y=\"%.1f\"></text>%n", v.id(), i,
                x1 + 4, y1 - 5));
    }

    private void node(StringBuilder sb, Graph.Node v) {
        double x = layout.x()[v.id()];
        double y = layout.y()[v.id()];
        String cls = "node" + (v.isLeaf() ? " leaf" : "") + (v.id() == graph.size() - 1 ? " root" : "");
        sb.append(String.format("<g class=\"%s\" id=\"node-%d\" data-name=\"%s\">", cls, v.id(), escape(v.name())));
        sb.append(String.format("<rect class=\"box\" x=\"%.1f\" y=\"%.1f\" width=\"%.0f\" height=\"%.0f\" rx=\"4\"/>", x, y,
                GraphLayout.NODE_WIDTH, GraphLayout.NODE_HEIGHT));
        sb.append(String.format("<text class=\"name\" x=\"%.1f\" y=\"%.1f\">%s</text>", x + 6, y + 14, escape(clip(v.name(), 16))));
        sb.append(String.format("<text class=\"op\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>", x + GraphLayout.NODE_WIDTH - 6,
                y + 14, escape(clip(v.op().isEmpty() ? "leaf" : v.op(), 10))));
        String value = isSummary() ? members[v.id()] + " nodes" : "value " + BackpropTrace.round(v.value(), decimals);
        String grad = (isSummary() ? "max |grad| " : "grad ") + BackpropTrace.round(v.grad(), decimals);
        sb.append(String.format("<text class=\"value\" x=\"%.1f\" y=\"%.1f\">%s</text>", x + 6, y + 28, escape(value)));
        sb.append(String.format("<text class=\"grad\" id=\"grad-%d\" x=\"%.1f\" y=\"%.1f\">%s</text>", v.id(), x + 6, y + 41,
                escape(grad)));
        sb.append("</g>\n");
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
