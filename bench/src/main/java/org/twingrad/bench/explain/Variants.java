package org.twingrad.bench.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.twingrad.bench.cli.Table;
import org.twingrad.bench.cli.Writeup;
import org.twingrad.scalar.BackpropTrace;

/**
 * One setting of a network file varied over a list, the loss of each variant side by side (CMU 10-701 HW3 §3.2:
 * which activation gives the lowest loss; §3.3: which learning rate, after two steps).
 *
 * <pre>{@code
 * twingrad explain cmu-mse --vary activation=relu,tanh,sigmoid,identity
 * twingrad explain cmu-mse --vary lr=0.1,0.001,0.0001,0.9 --steps 2
 * }</pre>
 *
 * @param setting the setting: {@code activation} (every hidden layer's), {@code lr} or {@code steps}
 * @param values  the values as given
 * @param before  the loss of each variant with the file's weights
 * @param after   the loss of each variant after the file's steps (NaN for a variant that diverged)
 * @param diverged for each variant, the step after which its loss was no longer finite, or 0
 * @param steps   how many steps {@code after} took (the file's, unless varied)
 */
public record Variants(String setting, List<String> values, double[] before, double[] after, int[] diverged, int steps) {

    /** Parses {@code setting=v1,v2,…} and computes each variant's losses. */
    public static Variants of(NetworkFile f, String spec) {
        int eq = spec.indexOf('=');
        if (eq < 0 || eq == spec.length() - 1) {
            throw new IllegalArgumentException("--vary '" + spec + "': expected SETTING=V1,V2,… with SETTING activation, lr or steps");
        }
        String setting = spec.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        List<String> values = List.of(spec.substring(eq + 1).split(","));
        double[] before = new double[values.size()];
        double[] after = new double[values.size()];
        int[] diverged = new int[values.size()];
        for (int v = 0; v < values.size(); v++) {
            double[] losses = AnswerKey.lossBeforeAndAfter(variant(f, setting, values.get(v).trim()));
            before[v] = losses[0];
            after[v] = losses[1];
            diverged[v] = (int) losses[2];
        }
        return new Variants(setting, values, before, after, diverged, setting.equals("steps") ? -1 : f.steps());
    }

    private static NetworkFile variant(NetworkFile f, String setting, String value) {
        switch (setting) {
            case "activation":
                if (f.layers().size() < 2) {
                    throw new IllegalArgumentException("--vary activation: the network has no hidden layer to vary");
                }
                try {
                    return f.withHiddenActivation(value);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--vary activation: " + e.getMessage());
                }
            case "lr":
                double lr = number(setting, value);
                if (!(lr > 0)) {
                    throw new IllegalArgumentException("--vary lr: expected positive learning rates, found " + value);
                }
                return f.withLearningRate(lr);
            case "steps":
                double n = number(setting, value);
                if (n != Math.rint(n) || n < 0 || n > 100_000) {
                    throw new IllegalArgumentException("--vary steps: expected whole numbers from 0 to 100000, found " + value);
                }
                return f.withSteps((int) n);
            default:
                throw new IllegalArgumentException("--vary: unknown setting '" + setting + "': expected activation, lr or steps");
        }
    }

    private static double number(String setting, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--vary " + setting + ": expected a number, found '" + value + "'");
        }
    }

    /** The table, the lowest finite loss of each column marked. */
    public void render(Writeup doc, int decimals) {
        String afterTitle = steps < 0 ? "loss after the steps" : "loss after " + AnswerKeyReport.plural(steps, "step");
        doc.section("Varying " + setting + ": " + (steps == 0 ? "the loss" : "the loss before and " + afterTitle.substring(5)));
        Table t = steps == 0 ? new Table(setting, "loss", "") : new Table(setting, "loss", "", afterTitle, "");
        int lowBefore = lowest(before);
        int lowAfter = lowest(after);
        for (int v = 0; v < values.size(); v++) {
            String b = BackpropTrace.round(before[v], decimals);
            String mark = v == lowBefore ? "← lowest" : "";
            if (steps == 0) {
                t.row(values.get(v).trim(), b, mark);
            } else {
                String a = diverged[v] > 0 ? "diverged at step " + diverged[v] : BackpropTrace.round(after[v], decimals);
                t.row(values.get(v).trim(), b, mark, a, v == lowAfter ? "← lowest" : "");
            }
        }
        doc.table(steps == 0 ? t.alignRight(1) : t.alignRight(1, 3));
        List<String> lowest = new ArrayList<>();
        if (lowBefore >= 0) {
            lowest.add("lowest loss: " + setting + " " + values.get(lowBefore).trim());
        }
        if (steps != 0 && lowAfter >= 0) {
            lowest.add("lowest " + afterTitle + ": " + setting + " " + values.get(lowAfter).trim());
        }
        if (!lowest.isEmpty()) {
            doc.line(String.join("; ", lowest));
        }
    }

    /**
     * The index of the smallest finite value; −1 if none is finite (a diverged variant never wins), if all are equal
     * (varying the learning rate leaves the loss before any step the same: nothing to choose there) or if there is
     * only one.
     */
    static int lowest(double[] v) {
        int best = -1;
        boolean allEqual = true;
        for (int i = 0; i < v.length; i++) {
            allEqual &= v[i] == v[0];
            if (Double.isFinite(v[i]) && (best < 0 || v[i] < v[best])) {
                best = i;
            }
        }
        return allEqual || v.length < 2 ? -1 : best;
    }
}
