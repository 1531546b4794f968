package org.twingrad.bench.explain;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.twingrad.data.Activation;
import org.twingrad.data.NetworkSpec;
import org.twingrad.scalar.nn.MLP;

/**
 * A hand-worked network typed into a JSON file, as a homework sheet prints it: the examples, each layer's weights in
 * the sheet's own orientation, the loss and the step to take. {@code twingrad explain FILE} prints its answer key.
 *
 * <pre>{@code
 * {"name": "CMU 10-701 HW3 §1", "inputs": [[1, 0, 1, 0, 1, 1]],
 *  "layers": [{"layout": "bias-column", "weights": [[1, 1, 2, -3, 0, 1, -3], ...], "activation": "sigmoid"}, ...],
 *  "loss": "softmax-cross-entropy", "targets": [2], "firstClass": 1,
 *  "learningRate": 1, "steps": 1, "l2": 0.01, "decimals": 4}
 * }</pre>
 *
 * Every layer is held as {@code weights[unit][input]} plus a bias per unit, whatever the file's layout; the layout is
 * kept to print gradients and updated weights the way the file wrote them.
 *
 * @param source       where it came from, for messages ("cmu.json", or "cmu" for a network shipped in the jar)
 * @param json         the file's text, as written
 * @param name         the title
 * @param notes        lines printed under the title (how the sheet's symbols map to twingrad's names)
 * @param inputs       one row per example
 * @param layers       first to last
 * @param loss         the loss over all rows
 * @param classTargets the class index (0-based) of each row, for softmax cross-entropy; null for MSE
 * @param valueTargets the target outputs of each row, for MSE; null for softmax cross-entropy
 * @param firstClass   the number the sheet gives class 0 (printing only)
 * @param learningRate η of each gradient step
 * @param steps        how many steps the answer key takes
 * @param l2           λ of the penalty λ·Σw² (weights only, never biases)
 * @param stepWithL2   whether the steps follow the loss with the penalty (by default they follow the plain loss)
 * @param decimals     how many decimals the answer key prints
 */
public record NetworkFile(String source, String json, String name, List<String> notes, double[][] inputs,
        List<LayerSpec> layers, Loss loss, int[] classTargets, double[][] valueTargets, int firstClass,
        double learningRate, int steps, double l2, boolean stepWithL2, int decimals) {

    /** The networks shipped in the jar, by the name {@code explain} takes. */
    public static final List<String> BUILT_IN = List.of("dlvu", "cmu", "cmu-mse", "cmu-zero");

    private static final Set<String> KEYS = Set.of("name", "notes", "inputs", "input", "layers", "loss", "targets",
            "target", "firstClass", "learningRate", "steps", "l2", "stepWithL2", "decimals");
    private static final Set<String> LAYER_KEYS = Set.of("layout", "weights", "bias", "activation");

    /** The loss of a network file. */
    public enum Loss {
        /** −log ŷ_target with ŷ = softmax(output), the mean over rows. */
        SOFTMAX_CROSS_ENTROPY,
        /** (ŷ − y)², the mean over rows and outputs (CMU 10-701 HW3 §3). */
        MSE;

        /** The file's name for it. */
        public String fileName() {
            return this == MSE ? "mse" : "softmax-cross-entropy";
        }
    }

    /**
     * One layer.
     *
     * @param layout the file's orientation: {@code unit-rows}, {@code input-rows} or {@code bias-column}
     * @param layer  the layer as a plain description, weights [unit][input] whatever the layout
     */
    public record LayerSpec(String layout, NetworkSpec.Layer layer) {
        /**
         * A matrix {@code m[unit][input]} and a vector {@code v[unit]} laid out as the file lays this layer out:
         * transposed for {@code input-rows}, with v as column 0 for {@code bias-column} (the other two keep it apart).
         */
        public double[][] fileMatrix(double[][] m, double[] v) {
            if (!layout.equals("bias-column")) {
                return layout.equals("input-rows") ? NetworkSpec.transpose(m) : m;
            }
            double[][] wb = new double[m.length][m[0].length + 1];
            for (int j = 0; j < m.length; j++) {
                wb[j][0] = v[j];
                System.arraycopy(m[j], 0, wb[j], 1, m[j].length);
            }
            return wb;
        }
    }

    /** A fresh scalar-engine network with the file's weights (parameters named W1[j,i], b1[j], …). */
    public MLP network() {
        return MLP.from(new NetworkSpec(layers.stream().map(LayerSpec::layer).toList()));
    }

    /** The same network and examples with every hidden layer (all but the last) using activation f. */
    public NetworkFile withHiddenActivation(String f) {
        List<LayerSpec> ls = new ArrayList<>(layers);
        for (int l = 0; l < ls.size() - 1; l++) {
            NetworkSpec.Layer layer = ls.get(l).layer;
            ls.set(l, new LayerSpec(ls.get(l).layout, new NetworkSpec.Layer(layer.weights(), layer.bias(), f)));
        }
        return with(ls, learningRate, steps, decimals);
    }

    /** The same file with another learning rate. */
    public NetworkFile withLearningRate(double lr) {
        return with(layers, lr, steps, decimals);
    }

    /** The same file with another number of steps. */
    public NetworkFile withSteps(int n) {
        return with(layers, learningRate, n, decimals);
    }

    /** The same file printed with another number of decimals. */
    public NetworkFile withDecimals(int d) {
        return with(layers, learningRate, steps, d);
    }

    private NetworkFile with(List<LayerSpec> ls, double lr, int n, int d) {
        return new NetworkFile(source, json, name, notes, inputs, ls, loss, classTargets, valueTargets, firstClass, lr, n,
                l2, stepWithL2, d);
    }

    /** The architecture as the sheets write it: 6-4-3. */
    public String architecture() {
        return layers.get(0).layer.inputs() + layers.stream().map(l -> "-" + l.layer.outputs()).collect(Collectors.joining());
    }

    // ---- Reading ------------------------------------------------------------------------------------------------

    /**
     * A shipped network ({@code dlvu}, {@code cmu}, {@code cmu-mse}) or a file.
     *
     * @throws NetworkFileException for an unknown name or a file that is not a valid network file
     */
    public static NetworkFile load(String nameOrPath) throws IOException {
        if (BUILT_IN.contains(nameOrPath)) {
            return parse(nameOrPath, builtInText(nameOrPath));
        }
        Path p = Path.of(nameOrPath);
        if (!nameOrPath.endsWith(".json") && !Files.exists(p)) {
            throw new NetworkFileException("unknown network '" + nameOrPath + "': expected one of "
                    + String.join(", ", BUILT_IN) + " or a network file (.json)");
        }
        if (Files.isDirectory(p)) {
            throw new NetworkFileException(nameOrPath + ": is a directory, expected a network file (.json)");
        }
        if (!Files.exists(p)) {
            throw new NoSuchFileException(nameOrPath, null, "no such network file");
        }
        return parse(nameOrPath, Files.readString(p, StandardCharsets.UTF_8));
    }

    /** The JSON text of a shipped network. */
    public static String builtInText(String name) {
        return resource("/org/twingrad/bench/networks/" + name + ".json");
    }

    /** A text file shipped in the jar. */
    static String resource(String path) {
        try (InputStream in = NetworkFile.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses and checks a network file's text; {@code source} names it in messages. */
    public static NetworkFile parse(String source, String text) {
        JsonNode root;
        String json = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (json.isBlank()) {
            throw new NetworkFileException(source + ": the file is empty: expected a JSON object { ... }");
        }
        try {
            // Strict: a key given twice or anything after the closing brace is a typo to report, not to ignore; NaN
            // and Infinity are read so that the check below can name them.
            root = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build().readTree(json);
        } catch (JsonProcessingException e) {
            // Jackson's first line, without its note on where the source is (the file and position are named here).
            String what = e.getOriginalMessage().lines().findFirst().orElse("malformed JSON")
                    .replaceAll("\\s*(at )?\\[Source:[^\\]]*]?", "");
            throw new NetworkFileException(source + (e.getLocation() != null
                    ? " line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() : "")
                    + ": malformed JSON: " + what);
        }
        return new Reader(source, root).read(text);
    }

    /** Reads one checked field after another; every complaint names the file and the key. */
    private record Reader(String source, JsonNode root) {
        NetworkFile read(String text) {
            check(root != null && root.isObject(), () -> "expected a JSON object { ... }, found " + kind(root));
            unknownKeys(root, KEYS, "");
            String name = root.has("name") ? string(root.get("name"), "name") : source;
            List<String> notes = notes();
            double[][] inputs = inputs();
            List<LayerSpec> layers = layers(inputs[0].length);
            Loss loss = loss();
            int outputs = layers.get(layers.size() - 1).layer.outputs();
            check(!(root.has("targets") && root.has("target")), "both 'targets' and 'target' given: expected one of them");
            JsonNode t = root.has("target") ? root.get("target") : required(root, "targets", null, "a target per input row");
            boolean classes = loss == Loss.SOFTMAX_CROSS_ENTROPY;
            int[] classTargets = classes ? classTargets(t, inputs.length, outputs) : null;
            double[][] valueTargets = classes ? null : valueTargets(t, inputs.length, outputs);
            int firstClass = root.has("firstClass") ? integer(root.get("firstClass"), "firstClass", 0, 1) : 0;
            double lr = root.has("learningRate") ? number(root.get("learningRate"), "learningRate") : 0.1;
            check(lr > 0, "learningRate: expected a positive number, found " + root.get("learningRate"));
            int steps = root.has("steps") ? integer(root.get("steps"), "steps", 0, 100_000) : 1;
            double l2 = root.has("l2") ? number(root.get("l2"), "l2") : 0;
            check(l2 >= 0, "l2: expected λ ≥ 0, found " + root.get("l2"));
            JsonNode stepWithL2 = root.path("stepWithL2");
            check(stepWithL2.isMissingNode() || stepWithL2.isBoolean(), "stepWithL2: expected true or false, found " + stepWithL2);
            int decimals = root.has("decimals") ? integer(root.get("decimals"), "decimals", 0, 17) : 4;
            return new NetworkFile(source, text, name, notes, inputs, layers, loss, classTargets, valueTargets,
                    firstClass, lr, steps, l2, stepWithL2.booleanValue(), decimals);
        }

        private List<String> notes() {
            List<String> notes = new ArrayList<>();
            JsonNode n = root.path("notes");
            if (n.isTextual()) {
                notes.add(n.textValue());
            } else if (n.isArray()) {
                IntStream.range(0, n.size()).forEach(i -> notes.add(string(n.get(i), "notes[" + i + "]")));
            } else if (!n.isMissingNode()) {
                throw fail("notes: expected a string or a list of strings, found " + kind(n));
            }
            return notes;
        }

        private double[][] inputs() {
            check(!(root.has("inputs") && root.has("input")), "both 'inputs' and 'input' given: expected one of them");
            if (root.has("input")) {
                return new double[][] {vector(root.get("input"), "input")};
            }
            return matrix(required(root, "inputs", null, "a list of input rows, e.g. [[1, 0, 1]]"), "inputs", "values");
        }

        private List<LayerSpec> layers(int inputWidth) {
            JsonNode ls = required(root, "layers", null, "a list of layers");
            check(ls.isArray() && !ls.isEmpty(), () -> "layers: expected a non-empty list of layers, found " + kind(ls));
            List<LayerSpec> out = new ArrayList<>();
            int width = inputWidth;
            for (int l = 0; l < ls.size(); l++) {
                LayerSpec spec = layer(ls.get(l), l + 1);
                check(spec.layer.inputs() == width, l == 0
                        ? "layer 1 takes " + spec.layer.inputs() + " inputs but the input rows have " + width + " values"
                        : "layer " + (l + 1) + " takes " + spec.layer.inputs() + " inputs but layer " + l + " has " + width + " units");
                width = spec.layer.outputs();
                out.add(spec);
            }
            return out;
        }

        private LayerSpec layer(JsonNode n, int l) {
            String where = "layer " + l;
            check(n.isObject(), () -> where + ": expected an object {\"layout\": ..., \"weights\": ..., \"activation\": ...}, found "
                    + kind(n));
            unknownKeys(n, LAYER_KEYS, where + ": ");
            String layout = string(required(n, "layout", where, "unit-rows, input-rows or bias-column"), where + " layout");
            String activation = string(required(n, "activation", where, "sigmoid, relu, tanh, identity or improved-sigmoid"),
                    where + " activation");
            try {
                Activation.parse(activation);
            } catch (IllegalArgumentException e) {
                throw fail(where + ": " + e.getMessage());
            }
            double[][] m = matrix(required(n, "weights", where, "a matrix"), where + " weights", "entries");
            switch (layout) {
                case "unit-rows":
                case "input-rows": {
                    double[] b = vector(required(n, "bias", where, "a list with one bias per unit ("
                            + layout + " keeps the bias apart)"), where + " bias");
                    double[][] w = layout.equals("unit-rows") ? m : NetworkSpec.transpose(m);
                    check(b.length == w.length, where + ": bias has " + b.length + " entries but the weights have " + w.length
                            + " units (" + (layout.equals("unit-rows") ? "rows" : "columns") + " in " + layout + ")");
                    return new LayerSpec(layout, new NetworkSpec.Layer(w, b, activation));
                }
                case "bias-column": {
                    check(!n.has("bias"), where + ": 'bias' given with layout bias-column, whose column 0 is the bias: expected"
                            + " one or the other");
                    check(m[0].length >= 2, where + ": bias-column weights need at least 2 columns (bias, one weight), found "
                            + m[0].length);
                    return new LayerSpec(layout, NetworkSpec.Layer.withBiasColumn(m, activation));
                }
                default:
                    throw fail(where + ": unknown layout '" + layout + "': expected unit-rows, input-rows or bias-column");
            }
        }

        private Loss loss() {
            String s = string(required(root, "loss", null, "softmax-cross-entropy or mse"), "loss");
            return List.of(Loss.values()).stream().filter(l -> l.fileName().equals(s.toLowerCase(Locale.ROOT))).findFirst()
                    .orElseThrow(() -> fail("unknown loss '" + s + "': expected softmax-cross-entropy or mse"));
        }

        private int[] classTargets(JsonNode t, int rows, int classes) {
            JsonNode list = t.isArray() ? t : root.has("target") ? arrayOf(t) : t;
            check(list.isArray(), targetKey() + ": expected a list of class indices, one per row, found " + kind(t));
            check(list.size() == rows, targetKey() + ": expected one class index per input row (" + rows + "), found "
                    + list.size());
            int[] out = new int[rows];
            for (int r = 0; r < rows; r++) {
                JsonNode v = list.get(r);
                check(v.canConvertToInt() && v.isIntegralNumber(), targetKey() + "[" + r + "]: expected a class index "
                        + "(0-based), found " + v);
                out[r] = v.intValue();
                check(out[r] >= 0 && out[r] < classes, targetKey() + "[" + r + "] = " + out[r] + " is outside the classes 0.."
                        + (classes - 1) + " of the last layer's " + classes + " units (indices are 0-based; firstClass changes only printing)");
            }
            return out;
        }

        private double[][] valueTargets(JsonNode t, int rows, int outputs) {
            JsonNode list = t.isArray() ? t : arrayOf(t);
            if (root.has("target") && outputs > 1 && !list.isEmpty() && list.get(0).isNumber()) {
                list = arrayOf(list);
            }
            check(list.size() == rows, targetKey() + ": expected one target per input row (" + rows + "), found " + list.size()
                    + (outputs > 1 ? "; with " + outputs + " outputs each row's target is a list: [[…], …]" : ""));
            double[][] out = new double[rows][];
            for (int r = 0; r < rows; r++) {
                JsonNode v = list.get(r);
                out[r] = v.isArray() ? vector(v, "targets[" + r + "]") : new double[] {number(v, "targets[" + r + "]")};
                check(out[r].length == outputs, targetKey() + "[" + r + "]: expected " + outputs + " number(s), one per "
                        + "output unit, found " + out[r].length);
            }
            return out;
        }

        // ---- Pieces ---------------------------------------------------------------------------------------------

        /** The key the file uses for its targets, to name it in messages. */
        private String targetKey() {
            return root.has("target") ? "target" : "targets";
        }

        private JsonNode required(JsonNode n, String key, String where, String expected) {
            JsonNode v = n.get(key);
            check(v != null && !v.isNull(), (where != null ? where + ": " : "") + "missing key '" + key + "': expected "
                    + expected);
            return v;
        }

        private void unknownKeys(JsonNode n, Set<String> known, String where) {
            n.fieldNames().forEachRemaining(k -> check(known.contains(k), where + "unknown key '" + k + "': expected one of "
                    + String.join(", ", known.stream().sorted().toList())));
        }

        private double[][] matrix(JsonNode n, String what, String cells) {
            check(n.isArray() && !n.isEmpty() && n.get(0).isArray(),
                    () -> what + ": expected a matrix (a list of rows, each a list of numbers), found " + kind(n));
            double[][] m = new double[n.size()][];
            for (int r = 0; r < n.size(); r++) {
                if (!n.get(r).isArray()) {
                    throw fail(what + ": row " + r + " is " + kind(n.get(r)) + ", expected a list of numbers");
                }
                m[r] = vector(n.get(r), what + " row " + r);
                check(m[r].length == m[0].length, what + ": ragged matrix: row " + r + " has " + m[r].length + " " + cells
                        + ", row 0 has " + m[0].length);
            }
            return m;
        }

        private double[] vector(JsonNode n, String what) {
            check(n.isArray() && !n.isEmpty(), () -> what + ": expected a non-empty list of numbers, found " + kind(n));
            return IntStream.range(0, n.size()).mapToDouble(i -> number(n.get(i), what + ", entry " + i)).toArray();
        }

        private double number(JsonNode n, String what) {
            check(n.isNumber(), () -> what + ": expected a number, found " + kind(n));
            check(Double.isFinite(n.doubleValue()), () -> what + ": expected a finite number, found " + n.asText()
                    + (n.isFloatingPointNumber() && !n.asText().startsWith("N") ? " (too large for a double)" : ""));
            return n.doubleValue();
        }

        private int integer(JsonNode n, String what, int min, int max) {
            check(n.isIntegralNumber() && n.canConvertToInt() && n.intValue() >= min && n.intValue() <= max,
                    what + ": expected a whole number from " + min + " to " + max + ", found " + n);
            return n.intValue();
        }

        private String string(JsonNode n, String what) {
            check(n.isTextual(), what + ": expected a string, found " + kind(n));
            return n.textValue();
        }

        private static JsonNode arrayOf(JsonNode n) {
            return new ObjectMapper().createArrayNode().add(n);
        }

        private static String kind(JsonNode n) {
            if (n == null || n.isNull()) {
                return "nothing";
            }
            String s = n.toString();
            return s.length() > 40 ? s.substring(0, 37) + "..." : s;
        }

        private NetworkFileException fail(String message) {
            return new NetworkFileException(source + ": " + message);
        }

        /** Fails with {@code message} unless {@code ok} (a message that is cheap to build: no large node in it). */
        private void check(boolean ok, String message) {
            if (!ok) {
                throw fail(message);
            }
        }

        /** As {@link #check(boolean, String)}, the message built only on failure: it shows a node, which may be large. */
        private void check(boolean ok, Supplier<String> message) {
            if (!ok) {
                throw fail(message.get());
            }
        }
    }

    /** A network file that cannot be read: the message names the file and what was expected. */
    public static final class NetworkFileException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        /** One line: the file, what is wrong, what was expected. */
        public NetworkFileException(String message) {
            super(message);
        }
    }
}
