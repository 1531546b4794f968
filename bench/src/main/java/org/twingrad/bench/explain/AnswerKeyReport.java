package org.twingrad.bench.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.twingrad.bench.cli.Table;
import org.twingrad.bench.cli.Writeup;
import org.twingrad.bench.explain.AnswerKey.LayerParams;
import org.twingrad.bench.explain.AnswerKey.RowPass;
import org.twingrad.bench.explain.NetworkFile.LayerSpec;
import org.twingrad.bench.explain.NetworkFile.Loss;
import org.twingrad.scalar.BackpropTrace;

/**
 * Prints an {@link AnswerKey} as a homework sheet's solution: forward values, loss, the backward step table, the
 * gradients and the weights after the steps, each laid out as the network file lays out its weights and rounded as
 * the sheets round (half away from zero, {@link BackpropTrace#round}). One renderer, into a {@link Writeup}, for the console and Markdown.
 */
public final class AnswerKeyReport {
    private final AnswerKey key;
    private final NetworkFile f;
    private final int d;

    private AnswerKeyReport(AnswerKey key) {
        this.key = key;
        this.f = key.file();
        this.d = f.decimals();
    }

    /** Writes the whole answer key into {@code doc}; without {@code stepTable}, all but the backward step table. */
    public static void render(AnswerKey key, Writeup doc, boolean stepTable) {
        AnswerKeyReport r = new AnswerKeyReport(key);
        r.header(doc);
        r.body(doc, stepTable);
    }

    /** Only the title, the notes and the network's description (what {@code --vary} prints above its tables). */
    public static void renderHeader(AnswerKey key, Writeup doc) {
        new AnswerKeyReport(key).header(doc);
    }

    private void header(Writeup doc) {
        doc.title(f.name());
        f.notes().forEach(doc::line);
        doc.line(description());
        if (f.inputs().length > 1) {
            doc.line("With " + f.inputs().length + " rows, row r's nodes are named x[i]@r, z1[j]@r, h1[j]@r, …; the loss L is "
                    + (f.loss() == Loss.MSE ? "the mean of (ŷ − y)² over rows and outputs." : "the mean of the rows' losses L@r."));
        }
    }

    private void body(Writeup doc, boolean stepTable) {
        doc.section("Forward pass");
        forward(doc, key.before());
        losses(doc, key.loss(), key.lossWithL2());

        String of = stepsFollowL2() ? "(L+l2)" : "L";
        if (stepTable) {
            doc.section("Backward pass: " + key.trace().steps().size() + " steps, output first");
            doc.line("Each step: the node's value and gradient ∂" + of + "/∂node, and what it passes to each input"
                    + " (∂node/∂input · gradient).");
            doc.pre(key.trace().toTable(d));
        }

        doc.section("Gradients ∂" + of + "/∂θ at the file's weights, laid out as in the file");
        params(doc, key.gradients());

        if (f.steps() > 0) {
            doc.section("After " + plural(key.stepsTaken(), "step") + " of gradient descent, η = " + given(f.learningRate()));
            if (key.stepsTaken() < f.steps()) {
                doc.line("The loss was no longer finite after step " + (key.stepsTaken() + 1) + " of " + f.steps()
                        + ": that step is undone and the steps stop; these are the weights of the last step with a finite loss.");
            }
            params(doc, key.after());
            doc.line("The forward pass with these weights:");
            forward(doc, key.afterPass());
            losses(doc, key.lossAfter(), key.lossWithL2After());
        }
        if (f.loss() == Loss.SOFTMAX_CROSS_ENTROPY) {
            int n = key.stepsToTargets();
            doc.line(n < 0 ? "Repeating the step from the file's weights: not every row is predicted as its target within "
                            + AnswerKey.MAX_REPEATED_STEPS + " steps."
                    : n == 0 ? "Every row is predicted as its target (" + targets() + ") before any step."
                    : "Repeating the step from the file's weights: every row is first predicted as its target (" + targets()
                            + ") after " + plural(n, "step") + ".");
        }
    }

    private String description() {
        List<String> ls = new ArrayList<>();
        for (int l = 0; l < f.layers().size(); l++) {
            LayerSpec s = f.layers().get(l);
            ls.add("layer " + (l + 1) + " " + s.layer().activation() + " (" + s.layout() + ")");
        }
        return f.architecture() + " network: " + String.join(", ", ls) + "; loss " + f.loss().fileName()
                + (f.l2() > 0 ? ", L2 λ = " + given(f.l2()) + " on weights (not biases)"
                        + (stepsFollowL2() ? ", which the steps follow" : ", reported beside the loss; the steps follow the plain loss")
                        : "")
                + "; η = " + given(f.learningRate()) + ", " + plural(f.steps(), "step")
                + (f.firstClass() != 0 ? "; classes numbered from " + f.firstClass() : "")
                + "; " + d + " decimals, rounded half away from zero.";
    }

    private boolean stepsFollowL2() {
        return f.stepWithL2() && f.l2() > 0;
    }

    private void forward(Writeup doc, List<RowPass> rows) {
        for (int r = 0; r < rows.size(); r++) {
            RowPass p = rows.get(r);
            doc.line("row " + r + ": x = " + vector(p.x(), AnswerKeyReport::given) + ", target " + target(r));
            List<String> header = new ArrayList<>(List.of("unit"));
            List<double[]> columns = new ArrayList<>();     // z and h per layer (h only if it is not z), softmax ŷ
            for (int l = 0; l < f.layers().size(); l++) {
                header.add("z" + (l + 1));
                columns.add(p.z().get(l));
                if (!f.layers().get(l).layer().activation().equals("identity")) {
                    header.add("h" + (l + 1));
                    columns.add(p.h().get(l));
                }
            }
            if (p.probabilities() != null) {
                header.addAll(List.of("softmax ŷ", "class"));
                columns.add(p.probabilities());
            }
            Table t = new Table(header.toArray(new String[0]));
            for (int j = 0; j < columns.stream().mapToInt(c -> c.length).max().orElse(0); j++) {
                List<String> cells = new ArrayList<>(List.of(Integer.toString(j)));
                for (double[] c : columns) {
                    cells.add(j < c.length ? num(c[j]) : "");
                }
                if (p.probabilities() != null) {
                    cells.add(j < p.probabilities().length ? Integer.toString(j + f.firstClass()) : "");
                }
                t.row(cells.toArray());
            }
            doc.table(t.alignRight(IntStream.range(1, header.size()).toArray()));
            doc.line(p.predicted() < 0 ? "output ŷ = " + vector(p.outputs(), this::num)
                    : "predicted class " + (p.predicted() + f.firstClass()) + (p.tie()
                            ? " (a tie: another class has the same largest output, and the first is taken)" : ""));
        }
    }

    private void losses(Writeup doc, double loss, double withL2) {
        doc.line("loss L = " + num(loss) + (f.loss() == Loss.MSE ? " (mean squared error)" : " (softmax cross-entropy)"));
        if (f.l2() > 0) {
            doc.line("loss with L2, L + λΣw² (weights only) = " + num(withL2));
        }
    }

    /** Each layer's matrix as the file writes it, with the bias beside it unless it is the file's column 0. */
    private void params(Writeup doc, List<LayerParams> ps) {
        for (int l = 0; l < ps.size(); l++) {
            String layout = f.layers().get(l).layout();
            LayerParams p = ps.get(l);
            double[][] m = f.layers().get(l).fileMatrix(p.weights(), p.bias());
            boolean inputRows = layout.equals("input-rows");
            boolean unitRows = layout.equals("unit-rows");
            doc.line("layer " + (l + 1) + " (" + layout + (inputRows
                    ? ": row i is input i, column j is unit j; the last row is the bias)"
                    : unitRows ? ": row j is unit j, column i its weight for input i; then the bias)"
                    : ": row j is unit j, column 0 its bias, column i its weight for input i−1)"));
            List<String> header = new ArrayList<>(List.of(inputRows ? "input" : "unit"));
            for (int c = 0; c < m[0].length; c++) {
                header.add(c == 0 && !inputRows && !unitRows ? "0 (bias)" : Integer.toString(c));
            }
            if (unitRows) {
                header.add("bias");
            }
            Table t = new Table(header.toArray(new String[0]));
            for (int r = 0; r < m.length; r++) {
                t.row(cells(Integer.toString(r), m[r], unitRows ? p.bias()[r] : Double.NaN));
            }
            if (inputRows) {
                t.row(cells("bias", p.bias(), Double.NaN));
            }
            doc.table(t.alignRight(IntStream.range(1, header.size()).toArray()));
        }
    }

    private Object[] cells(String first, double[] row, double last) {
        Stream<String> c = Stream.concat(Stream.of(first), Arrays.stream(row).mapToObj(this::num));
        return (Double.isNaN(last) ? c : Stream.concat(c, Stream.of(num(last)))).toArray();
    }

    private String target(int r) {
        return f.loss() == Loss.MSE ? "y = " + vector(f.valueTargets()[r], AnswerKeyReport::given)
                : "class " + (f.classTargets()[r] + f.firstClass());
    }

    private String targets() {
        return Arrays.stream(f.classTargets()).mapToObj(t -> "class " + (t + f.firstClass())).collect(Collectors.joining(", "));
    }

    private static String vector(double[] v, DoubleFunction<String> format) {
        return Arrays.stream(v).mapToObj(format).collect(Collectors.joining(", ", "[", "]"));
    }

    /** A computed number as the sheet prints it: {@code decimals} places, rounded half away from zero. */
    String num(double v) {
        return BackpropTrace.round(v, d);
    }

    /** A number the file gives (an input, a target, η, λ): as written, 1 not 1.0000. */
    static String given(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
