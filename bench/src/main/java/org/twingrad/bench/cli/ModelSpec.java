package org.twingrad.bench.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.twingrad.data.ActivationName;
import org.twingrad.data.Normalization;
import org.twingrad.data.NumpyRandom;
import org.twingrad.data.WeightInit;
import org.twingrad.tensor.nn.Activation;
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
        String h = Arrays.stream(hidden).mapToObj(Integer::toString).reduce((a, b) -> a + "," + b).orElse("");
        String n = normalization == null ? "none" : normalization.mean() + "," + normalization.std();
        return "twingrad-mlp inputs=" + inputs + " hidden=" + h + " outputs=" + outputs + " activation="
                + activation.toName().cliName() + " normalize=" + n;
    }

    /** "784-256-10 sigmoid". */
    String shortName() {
        StringBuilder sb = new StringBuilder().append(inputs);
        for (int w : hidden) {
            sb.append('-').append(w);
        }
        return sb.append('-').append(outputs).append(' ').append(activation.toName().cliName()).toString();
    }

    static ModelSpec parse(String description, String file) {
        Map<String, String> kv = new LinkedHashMap<>();
        String[] parts = description.trim().split("\\s+");
        Experiment.require(parts.length > 0 && parts[0].equals("twingrad-mlp"), file + " was not saved by twingrad train (its "
                + "description is '" + description + "')");
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0) {
                kv.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
            }
        }
        try {
            int[] hidden = Arrays.stream(kv.get("hidden").split(",")).mapToInt(Integer::parseInt).toArray();
            String n = kv.getOrDefault("normalize", "none");
            Normalization norm = n.equals("none") ? null
                    : new Normalization(Double.parseDouble(n.split(",")[0]), Double.parseDouble(n.split(",")[1]));
            return new ModelSpec(Integer.parseInt(kv.get("inputs")), hidden, Integer.parseInt(kv.get("outputs")),
                    Activation.of(ActivationName.parse(kv.get("activation"))), norm);
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
