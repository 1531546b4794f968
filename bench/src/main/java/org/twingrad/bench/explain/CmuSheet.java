package org.twingrad.bench.explain;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.twingrad.bench.cli.Table;
import org.twingrad.bench.cli.Writeup;
import org.twingrad.scalar.BackpropTrace;

/**
 * The written questions of CMU 10-701 HW3 §1–§3 that software can answer, each computed from a shipped network file
 * by {@link AnswerKey} and {@link Variants} ({@code twingrad explain cmu}, {@code cmu-zero}, {@code cmu-mse} print
 * the whole answer keys): one implementation, whether the answer is asked of {@code explain} or of
 * {@code experiment cmu}.
 */
public final class CmuSheet {
    private CmuSheet() {}

    /**
     * One answer.
     *
     * @param question the sheet's question number and what it asks
     * @param answer   twingrad's answer, rounded as the sheet rounds
     */
    public record Answer(String question, String answer) {
    }

    /** §2's "after n steps": how many steps the symmetry check takes. */
    static final int SYMMETRY_STEPS = 100;

    /** Every answer, in the sheet's order. */
    public static List<Answer> answers() throws IOException {
        List<Answer> a = new ArrayList<>();
        AnswerKey s1 = AnswerKey.of(NetworkFile.load("cmu"));
        AnswerKey.RowPass p = s1.before().get(0);
        a.add(new Answer("§1.3 forward pass", "a1 = " + r(p.z().get(0)[0]) + ", z1 = " + r(p.h().get(0)[0]) + ", b2 = "
                + r(p.z().get(1)[1]) + ", ŷ2 = " + r(p.probabilities()[1])));
        a.add(new Answer("§1.3 prediction and loss", "class " + (p.predicted() + 1) + "; loss " + r(s1.loss())));
        AnswerKey.LayerParams alpha = s1.after().get(0);
        AnswerKey.LayerParams beta = s1.after().get(1);
        a.add(new Answer("§1.4 one SGD step, η = 1", "β2,1 = " + r(beta.weights()[1][0]) + ", β1,0 = " + r(beta.bias()[0])
                + ", α3,4 = " + r(alpha.weights()[2][3])));
        a.add(new Answer("§1.4 after many steps", s1.stepsToTargets() < 0 ? "the target class is never predicted"
                : "class " + (s1.file().classTargets()[0] + 1) + " predicted from step " + s1.stepsToTargets() + " on"));
        a.add(new Answer("§1.5 loss with L2, λ = 0.01", r(s1.lossWithL2())));

        AnswerKey s2 = AnswerKey.of(NetworkFile.load("cmu-zero"));
        AnswerKey.LayerParams hidden = s2.after().get(0);
        AnswerKey.LayerParams out = s2.after().get(1);
        double eta = s2.file().learningRate();
        a.add(new Answer("§2 zero init, one step (dℓ/dy = 1, η = " + AnswerKeyReport.given(eta) + ")",
                "hidden weights and biases stay " + r(hidden.weights()[0][0]) + " (∂ℓ/∂w = dℓ/dy·v·σ'(0)·x with v = 0); "
                        + "output weights v1 = v2 = " + r(out.weights()[0][0]) + " = −η·σ(0)·dℓ/dy, output bias "
                        + r(out.bias()[0]) + " = −η·dℓ/dy"));
        AnswerKey later = AnswerKey.of(NetworkFile.load("cmu-zero").withSteps(SYMMETRY_STEPS));
        double[][] w = later.after().get(0).weights();
        boolean same = Arrays.equals(w[0], w[1]) && later.after().get(0).bias()[0] == later.after().get(0).bias()[1]
                && later.after().get(1).weights()[0][0] == later.after().get(1).weights()[0][1];
        a.add(new Answer("§2 after n steps", (same ? "the two hidden units are still identical" : "the hidden units differ")
                + " after " + SYMMETRY_STEPS + " steps (w1 = w2 = " + Arrays.stream(w[0]).mapToObj(CmuSheet::r).toList() + ")"));

        NetworkFile mse = NetworkFile.load("cmu-mse");
        a.add(new Answer("§3.1 MSE of the ReLU network", r(AnswerKey.lossBeforeAndAfter(mse.withSteps(0))[0])));
        Variants act = Variants.of(mse, "activation=relu,tanh,sigmoid,identity");
        a.add(new Answer("§3.2 lowest loss of relu, tanh, sigmoid, identity", lowest(act, act.before())));
        Variants lr = Variants.of(mse.withSteps(2), "lr=0.1,0.001,0.0001,0.9");
        a.add(new Answer("§3.3 lowest loss after 2 steps of η = 0.1, 0.001, 0.0001, 0.9", "η = " + lowest(lr, lr.after())));
        return a;
    }

    private static String lowest(Variants v, double[] losses) {
        int i = Variants.lowest(losses);
        return v.values().get(i).trim() + " (" + r(losses[i]) + ")";
    }

    /** The answers as a table. */
    public static void render(List<Answer> answers, Writeup doc) {
        Table t = new Table("question", "answer");
        answers.forEach(a -> t.row(a.question(), a.answer()));
        doc.table(t);
    }

    private static String r(double v) {
        return BackpropTrace.round(v, 4);
    }
}
