package org.twingrad.bench.explain;

import java.util.Arrays;
import java.util.List;
import org.twingrad.scalar.BackpropTrace;

/**
 * One self-contained HTML page that steps through backward: the graph drawn by {@link GraphSvg}, the step table
 * beside it, Next/Back buttons and the arrow keys. At step s the node backward visits is highlighted, each of its
 * input edges shows ∂node/∂input and the contribution it passes back, and every node shows the gradient it has
 * received so far (grey while contributions may still come, black once its own step has come and it is complete).
 *
 * <p>All script and style are inline and nothing is fetched, so the page opens offline from a file. The numbers are
 * formatted here, by {@link BackpropTrace#round}, so the page shows exactly what the text table shows.
 */
public final class StepperPage {
    /** The page's style and script, as files beside this class so that an editor reads them as CSS and JavaScript. */
    private static final String CSS = NetworkFile.resource("/org/twingrad/bench/explain/stepper.css");
    private static final String SCRIPT = NetworkFile.resource("/org/twingrad/bench/explain/stepper.js");

    private StepperPage() {}

    /** The page for a graph after backward and the trace of that backward pass. */
    public static String of(String title, List<String> notes, Graph g, BackpropTrace trace, int decimals) {
        int[] groupOf = new int[g.size()];
        GraphSvg drawing = GraphSvg.of(g, decimals, groupOf);
        double[][] after = g.replayBackward();
        StringBuilder data = new StringBuilder("{\"summary\":").append(drawing.isSummary())
                .append(",\"root\":").append(g.size() - 1)
                .append(",\"rootGrad\":\"").append(BackpropTrace.round(1.0, decimals)).append('"')
                .append(",\"nodes\":").append(g.size()).append(",\"groupOf\":")
                .append(Arrays.toString(groupOf).replace(" ", "")).append(",\"steps\":[");
        for (int s = 1; s <= g.size(); s++) {
            Graph.Node v = g.atStep(s);
            BackpropTrace.Step step = trace.steps().get(s - 1);
            data.append(s > 1 ? ",\n" : "").append("{\"n\":").append(v.id()).append(",\"name\":").append(js(step.node()))
                    .append(",\"e\":[");
            for (int i = 0; i < v.inputs().length; i++) {
                BackpropTrace.Edge e = step.inputs().get(i);
                data.append(i > 0 ? "," : "").append('[').append(v.inputs()[i]).append(',')
                        .append(js(BackpropTrace.round(e.localDerivative(), decimals))).append(',')
                        .append(js(BackpropTrace.round(e.contribution(), decimals))).append(',')
                        .append(js(BackpropTrace.round(after[s - 1][i], decimals))).append(']');
            }
            data.append("]}");
        }
        data.append("]}");

        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(GraphSvg.escape(title)).append(" · backward, step by step</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n<header>\n<h1>").append(GraphSvg.escape(title)).append("</h1>\n");
        for (String n : notes) {
            html.append("<p class=\"note\">").append(GraphSvg.escape(n)).append("</p>\n");
        }
        if (drawing.isSummary()) {
            html.append("<p class=\"note\"><b>This graph has ").append(g.size()).append(" nodes, too many to draw one by one:"
                    + " each box stands for the nodes of one name, with the largest |gradient| in it."
                    + " The table follows every step.</b></p>\n");
        }
        html.append("<div class=\"controls\"><button id=\"first\">« Start</button> <button id=\"back\">◀ Back</button> "
                + "<button id=\"next\">Next ▶</button> <button id=\"last\">End »</button> <span id=\"status\"></span>"
                + " <span class=\"hint\">(arrow keys step too)</span></div>\n</header>\n<main>\n<div id=\"drawing\">\n")
                .append(drawing.svg(false)).append("</div>\n<div id=\"steps\">\n").append(table(trace, decimals))
                .append("</div>\n</main>\n<script>\nconst D = ").append(data).append(";\n").append(SCRIPT)
                .append("</script>\n</body>\n</html>\n");
        return html.toString();
    }

    private static String table(BackpropTrace trace, int d) {
        StringBuilder t = new StringBuilder("<table>\n<thead><tr><th>step</th><th>node</th><th>op</th><th>value</th>"
                + "<th>grad</th><th>input</th><th>∂node/∂input</th><th>contribution</th></tr></thead>\n");
        for (BackpropTrace.Step s : trace.steps()) {
            t.append("<tbody id=\"step-").append(s.index()).append("\">");
            int rows = Math.max(1, s.inputs().size());
            for (int r = 0; r < rows; r++) {
                t.append("<tr>");
                if (r == 0) {
                    String span = rows > 1 ? " rowspan=\"" + rows + "\"" : "";
                    t.append(String.format("<td%1$s class=\"num\">%2$s</td><td%1$s>%3$s</td><td%1$s>%4$s</td><td%1$s class=\"num\">"
                            + "%5$s</td><td%1$s class=\"num\">%6$s</td>", span, s.index(), GraphSvg.escape(s.node()),
                            GraphSvg.escape(s.op().isEmpty() ? "leaf" : s.op()), BackpropTrace.round(s.value(), d),
                            BackpropTrace.round(s.grad(), d)));
                }
                if (s.inputs().isEmpty()) {
                    t.append("<td></td><td></td><td></td>");
                } else {
                    BackpropTrace.Edge e = s.inputs().get(r);
                    t.append(String.format("<td>%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td>",
                            GraphSvg.escape(e.input()), BackpropTrace.round(e.localDerivative(), d),
                            BackpropTrace.round(e.contribution(), d)));
                }
                t.append("</tr>");
            }
            t.append("</tbody>\n");
        }
        return t.append("</table>\n").toString();
    }

    private static String js(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c == '<') {
                sb.append("\\u003c");      // never "</script>" inside the script
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
