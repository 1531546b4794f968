package org.twingrad.bench.explain;

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
    private StepperPage() {}

    /** The page for a graph after backward and the trace of that backward pass. */
    public static String of(String title, List<String> notes, Graph g, BackpropTrace trace, int decimals) {
        int[] groupOf = new int[g.size()];
        GraphSvg drawing = GraphSvg.of(g, decimals, groupOf);
        double[][] after = g.replayBackward();
        StringBuilder data = new StringBuilder("{\"summary\":").append(drawing.isSummary())
                .append(",\"root\":").append(g.size() - 1)
                .append(",\"rootGrad\":\"").append(BackpropTrace.round(1.0, decimals)).append('"')
                .append(",\"nodes\":").append(g.size()).append(",\"groupOf\":[");
        for (int k = 0; k < g.size(); k++) {
            data.append(k > 0 ? "," : "").append(groupOf[k]);
        }
        data.append("],\"steps\":[");
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
                    t.append("<td").append(span).append(" class=\"num\">").append(s.index()).append("</td><td").append(span)
                            .append(">").append(GraphSvg.escape(s.node())).append("</td><td").append(span).append(">")
                            .append(GraphSvg.escape(s.op().isEmpty() ? "leaf" : s.op())).append("</td><td").append(span)
                            .append(" class=\"num\">").append(BackpropTrace.round(s.value(), d)).append("</td><td").append(span)
                            .append(" class=\"num\">").append(BackpropTrace.round(s.grad(), d)).append("</td>");
                }
                if (s.inputs().isEmpty()) {
                    t.append("<td></td><td></td><td></td>");
                } else {
                    BackpropTrace.Edge e = s.inputs().get(r);
                    t.append("<td>").append(GraphSvg.escape(e.input())).append("</td><td class=\"num\">")
                            .append(BackpropTrace.round(e.localDerivative(), d)).append("</td><td class=\"num\">")
                            .append(BackpropTrace.round(e.contribution(), d)).append("</td>");
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

    private static final String CSS = String.join("\n",
            "body{font-family:Helvetica,Arial,sans-serif;margin:0;color:#222}",
            "header{padding:8px 16px;border-bottom:1px solid #ccc;background:#fafafa}",
            "h1{font-size:18px;margin:4px 0}.note{margin:2px 0;font-size:13px;color:#444}",
            ".controls{margin-top:6px}button{font-size:14px;padding:3px 10px}#status{margin-left:12px;font-weight:bold}",
            ".hint{color:#888;font-size:12px}",
            "main{display:flex;height:calc(100vh - 150px)}",
            "#drawing{flex:3;overflow:auto;border-right:1px solid #ccc}#steps{flex:2;overflow:auto;font-size:12px}",
            "table{border-collapse:collapse;width:100%}th{position:sticky;top:0;background:#eee;text-align:left}",
            "td,th{padding:1px 6px;border-bottom:1px solid #eee;white-space:nowrap}.num{text-align:right}",
            "tbody.current{background:#fff1c2}tbody.current td{border-bottom-color:#e8c65a}",
            ".node.current .box{stroke:#d9480f;stroke-width:3;fill:#fff1c2}",
            ".node.input .box{stroke:#1c7ed6;stroke-width:2}",
            ".edge.active path{stroke:#d9480f;stroke-width:2.5}.elabel.active{display:inline}",
            ".grad.partial{fill:#999;font-style:italic}.grad.final{fill:#000;font-weight:bold}.grad.none{fill:#bbb}",
            "");

    private static final String SCRIPT = String.join("\n",
            "let s = 0;",
            "const N = D.steps.length;",
            "function box(k) { return document.getElementById('node-' + (D.summary ? D.groupOf[k] : k)); }",
            "function show() {",
            "  document.querySelectorAll('.current, .input, .active').forEach(el => el.classList.remove('current', 'input', 'active'));",
            "  if (!D.summary) {",
            "    const text = new Array(D.nodes).fill(null), done = new Array(D.nodes).fill(false);",
            "    if (s >= 1) text[D.root] = D.rootGrad;",
            "    for (let i = 0; i < s; i++) {",
            "      const st = D.steps[i];",
            "      done[st.n] = true;",
            "      for (const e of st.e) text[e[0]] = e[3];",
            "    }",
            "    for (let k = 0; k < D.nodes; k++) {",
            "      const g = document.getElementById('grad-' + k);",
            "      g.textContent = 'grad ' + (text[k] === null ? '?' : text[k]);",
            "      g.setAttribute('class', 'grad ' + (text[k] === null ? 'none' : done[k] ? 'final' : 'partial'));",
            "    }",
            "  }",
            "  const status = document.getElementById('status');",
            "  if (s === 0) {",
            "    status.textContent = 'before backward: press Next';",
            "    box(D.root).scrollIntoView({block: 'nearest', inline: 'nearest'});",
            "    return;",
            "  }",
            "  const st = D.steps[s - 1];",
            "  const node = box(st.n);",
            "  node.classList.add('current');",
            "  status.textContent = 'step ' + s + ' of ' + N + ': ' + st.name;",
            "  if (!D.summary) {",
            "    st.e.forEach((e, i) => {",
            "      const edge = document.getElementById('edge-' + st.n + '-' + i);",
            "      edge.classList.add('active');",
            "      const label = document.getElementById('elabel-' + st.n + '-' + i);",
            "      label.classList.add('active');",
            "      label.textContent = '∂ ' + e[1] + ' → ' + e[2];",
            "      box(e[0]).classList.add('input');",
            "    });",
            "  }",
            "  const row = document.getElementById('step-' + s);",
            "  row.classList.add('current');",
            "  row.scrollIntoView({block: 'nearest'});",
            "  node.scrollIntoView({block: 'nearest', inline: 'nearest'});",
            "}",
            "function go(to) { s = Math.max(0, Math.min(N, to)); show(); }",
            "document.getElementById('next').onclick = () => go(s + 1);",
            "document.getElementById('back').onclick = () => go(s - 1);",
            "document.getElementById('first').onclick = () => go(0);",
            "document.getElementById('last').onclick = () => go(N);",
            "document.addEventListener('keydown', ev => {",
            "  if (ev.key === 'ArrowRight' || ev.key === 'ArrowDown') { go(s + 1); ev.preventDefault(); }",
            "  if (ev.key === 'ArrowLeft' || ev.key === 'ArrowUp') { go(s - 1); ev.preventDefault(); }",
            "});",
            "show();",
            "");
}
