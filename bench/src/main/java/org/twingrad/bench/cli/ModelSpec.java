package org.twingrad.bench.cli;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.twingrad.data.Normalization;
import org.twingrad.data.NumpyRandom;
import org.twingrad.data.WeightInit;
import org.twingrad.data.Activation;
import org.twingrad.tensor.nn.MLP;

/**
 * What the saved model file's description records, so {@code evaluate} can rebuild the network from the file alone:
 * {@code twingrad-mlp inputs=784 hidden=256 outputs=10 activation=sigmoid normalize=none}.
 */
record ModelSpec(int inputs, int[] hidden, int outputs, Activation activation, Normalization normalization) {

    MLP build(WeightInit init, long seed) {
        return MLP.random(inputs, hidden, outputs, activation, init, new NumpyRandom(seed));
    }

    String describe() {
        String n = normalization == null ? "none" : normalization.mean() + "," + normalization.std();
        return "twingrad-mlp inputs=" + inputs + " hidden=" + Sweep.hiddenLabel(hidden).replace('x', ',') + " outputs="
                + outputs + " activation=" + activation.cliName() + " normalize=" + n;
    }

    /** "784-256-10 sigmoid". */
    String shortName() {
        return inputs + "-" + Sweep.hiddenLabel(hidden).replace('x', '-') + "-" + outputs + " " + activation.cliName();
    }

    static ModelSpec parse(String description, String file) {
        String[] parts = description.trim().split("\\s+");
        Experiment.require(parts.length > 0 && parts[0].equals("twingrad-mlp"), file + " was not saved by twingrad train (its "
                + "description is '" + description + "')");
        Map<String, String> kv = Arrays.stream(parts, 1, parts.length).filter(p -> p.indexOf('=') > 0).collect(Collectors.toMap(
                p -> p.substring(0, p.indexOf('=')), p -> p.substring(p.indexOf('=') + 1), (first, last) -> last));   // the last wins
        try {
            int[] hidden = Arrays.stream(kv.get("hidden").split(",")).mapToInt(Integer::parseInt).toArray();
            String n = kv.getOrDefault("normalize", "none");
            Normalization norm = n.equals("none") ? null
                    : new Normalization(Double.parseDouble(n.split(",")[0]), Double.parseDouble(n.split(",")[1]));
            return new ModelSpec(Integer.parseInt(kv.get("inputs")), hidden, Integer.parseInt(kv.get("outputs")),
                    Activation.parse(kv.get("activation")), norm);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": cannot read the model description '" + description + "'");
        }
    }

    /** Parses {@code --hidden 256} or {@code 384,256}. */
    static int[] parseHidden(String text) {
        return SweepCommand.positiveInts(text.split(","), "--hidden takes positive widths separated by commas (256 or 384,256), got '"
                + text + "'");
    }
}
