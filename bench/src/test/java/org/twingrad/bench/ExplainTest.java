package org.twingrad.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twingrad.bench.CliTest.Run;
import org.twingrad.bench.explain.AnswerKey;
import org.twingrad.bench.explain.Graph;
import org.twingrad.bench.explain.GraphLayout;
import org.twingrad.bench.explain.GraphSvg;
import org.twingrad.bench.explain.NetworkFile;
import org.twingrad.scalar.BackpropTrace;
import org.twingrad.scalar.Value;

/**
 * {@code twingrad explain}: the homework sheets' published figures asserted on the command's own output, the network
 * file's layouts and bad input, and the drawings.
 */
class ExplainTest {
    @TempDir
    Path dir;

    static Run explain(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "explain";
        System.arraycopy(args, 0, all, 1, args.length);
        Run r = CliTest.twingrad(all);
        assertEquals(0, r.code(), String.join(" ", all) + ": " + r.err());
        return r;
    }

    /** The cells of the row of a text table that starts with {@code first}, in the section after {@code heading}. */
    static List<String> row(String out, String heading, String first, int nth) {
        String section = out.substring(out.indexOf(heading));
        int seen = 0;
        for (String line : section.split("\n")) {
            List<String> cells = Arrays.asList(line.trim().split("\\s{2,}"));
            if (!cells.isEmpty() && cells.get(0).equals(first) && seen++ == nth) {
                return cells;
            }
        }
        throw new AssertionError("no row '" + first + "' after '" + heading + "' in\n" + out);
    }

    @Test
    void cmuSection1AnswerKeyPrintsThePublishedFigures() {
        String out = explain("cmu").out();
        // §1.3: forward pass and loss.
        assertEquals(List.of("0", "-3.0000", "0.0474", "4.0353", "0.4523", "1"), row(out, "Forward pass", "0", 0), "class numbered from 1");
        assertEquals("0.4799", row(out, "Forward pass", "1", 0).get(4), "ŷ2");
        assertTrue(out.contains("predicted class 2\nloss L = 2.6912"), out);
        // §1.5: the loss with L2 (λ = 0.01, weights only).
        assertTrue(out.contains("loss with L2, L + λΣw² (weights only) = 3.9712"), out);
        // §1.4: after one step of η = 1, laid out as the sheet's β and α (bias in column 0).
        String after = out.substring(out.indexOf("After 1 step"));
        assertEquals("1.9772", row(after, "layer 2", "1", 0).get(2), "β2,1");
        assertEquals("0.5477", row(after, "layer 2", "0", 0).get(1), "β1,0");
        assertEquals("2.0000", row(after, "layer 1", "2", 0).get(5), "α3,4");
        assertTrue(after.contains("predicted class 3\n"), after);
        assertTrue(after.contains("every row is first predicted as its target (class 3) after 1 step."), after);
        // The step table is whole: 68 steps, the last one a weight of layer 1.
        assertTrue(out.contains("Backward pass: 68 steps"), out);  // the last: β1,1, ∂L/∂β1,1 = 0.0215
        assertTrue(out.matches("(?s).*\\n  68  W2\\[0,0]  leaf +1\\.0000 +0\\.0215\\n.*"), out);
    }

    @Test
    void cmuSection1AnswerKeyAsJsonHasTheRequiredKeys() throws IOException {
        JsonNode j = new ObjectMapper().readTree(explain("cmu", "--json").out());
        assertEquals("2.6912", BackpropTrace.round(j.get("loss").doubleValue(), 4));
        assertEquals("3.9712", BackpropTrace.round(j.get("lossWithL2").doubleValue(), 4));
        assertEquals(1, j.get("predictions").get(0).intValue(), "0-based: the sheet's class 2");
        assertEquals("1.9772", BackpropTrace.round(j.get("updated").get("W2[1,0]").doubleValue(), 4), "β2,1");
        assertEquals("0.5477", BackpropTrace.round(j.get("updated").get("b2[0]").doubleValue(), 4), "β1,0");
        assertEquals(2.0, j.get("updated").get("W1[2,3]").doubleValue(), "α3,4: x4 = 0, so unchanged");
        assertEquals(-0.9322, j.get("gradients").get("b2[2]").doubleValue(), 5e-5);
        assertEquals(2, j.get("predictionsAfter").get(0).intValue());
        assertTrue(j.get("lossAfter").doubleValue() < j.get("loss").doubleValue());
        assertEquals(4 * 7 + 3 * 5, j.get("gradients").size(), "every weight and bias");
        // The parameter names are the trace's.
        for (JsonNode step : j.get("trace")) {
            if (step.get("op").asText().isEmpty() && !step.get("node").asText().startsWith("x")) {
                assertTrue(j.get("gradients").has(step.get("node").asText()), step.toString());
            }
        }
    }

    @Test
    void cmuSection3MseActivationsAndLearningRates() {
        String out = explain("cmu-mse", "--vary", "activation=relu,tanh,sigmoid,identity", "--vary", "lr=0.1,0.001,0.0001,0.9",
                "--steps", "2").out();
        assertTrue(explain("cmu-mse").out().contains("loss L = 209.4557 (mean squared error)"));
        assertTrue(out.contains("lowest loss: activation tanh"), out);
        assertEquals(List.of("relu", "209.4557", "9.0734", "← lowest"), row(out, "Varying activation", "relu", 0), "lowest after 2 steps");
        assertFalse(out.contains("Backward pass"), out);
        assertEquals(List.of("tanh", "16.2181", "← lowest", "16.0780"), row(out, "Varying activation", "tanh", 0));
        assertTrue(out.contains("lowest loss after 2 steps: lr 0.001"), out);
        assertEquals("← lowest", row(out, "Varying lr", "0.001", 0).get(3));
    }

    @Test
    void cmuSection2ZeroInitializationMovesOnlyTheOutputLayerFirstAndKeepsTheHiddenUnitsIdentical() throws IOException {
        String out = explain("cmu-zero").out();
        String after = out.substring(out.indexOf("After 1 step"));
        assertEquals(List.of("0", "-0.0500", "-0.0500", "-0.1000"), row(after, "layer 2", "0", 0), "v = −η·σ(0)·dℓ/dy, c = −η·dℓ/dy");
        assertEquals(List.of("0", "0.0000", "0.0000", "0.0000"), row(after, "layer 1", "0", 0));
        java.util.Map<String, String> a = new java.util.LinkedHashMap<>();
        for (org.twingrad.bench.explain.CmuSheet.Answer x : org.twingrad.bench.explain.CmuSheet.answers()) {
            a.put(x.question().replaceAll(" .*", ""), a.getOrDefault(x.question().replaceAll(" .*", ""), "") + x.answer() + "; ");
        }
        assertTrue(a.get("§1.3").contains("ŷ2 = 0.4799") && a.get("§1.3").contains("loss 2.6912"), a.toString());
        assertTrue(a.get("§1.4").contains("β2,1 = 1.9772, β1,0 = 0.5477, α3,4 = 2.0000") && a.get("§1.4").contains("class 3"), a.toString());
        assertTrue(a.get("§1.5").contains("3.9712"), a.toString());
        assertTrue(a.get("§2").contains("still identical after 100 steps"), a.toString());
        assertTrue(a.get("§3.1").contains("209.4557") && a.get("§3.2").contains("tanh") && a.get("§3.3").contains("η = 0.001"), a.toString());
    }

    @Test
    void dlvuAnswerKeyGivesTheSheetsGradients() {
        String out = explain("dlvu").out();
        // dL/dV laid out as the sheet's V[j][k] (input-rows): every row [-0.4404, 0.4404]; dL/dc = [-0.5, 0.5].
        String grads = out.substring(out.indexOf("Gradients"), out.indexOf("After 1 step"));
        for (String j : new String[] {"0", "1", "2"}) {
            assertEquals(List.of(j, "-0.4404", "0.4404"), row(grads, "layer 2", j, 0), "dL/dV[" + j + "]");
        }
        for (String i : new String[] {"0", "1"}) {
            assertEquals(List.of(i, "0.0000", "0.0000", "0.0000"), row(grads, "layer 1", i, 0), "dL/dW[" + i + "]");
        }
        assertEquals(List.of("bias", "-0.5000", "0.5000"), row(grads, "layer 2", "bias", 0));
        assertEquals(List.of("bias", "0.0000", "0.0000", "0.0000"), row(grads, "layer 1", "bias", 0));
    }

    @Test
    void printFileGivesTheShippedFileAndExplainingThatFileGivesTheSameKey() throws IOException {
        for (String name : NetworkFile.BUILT_IN) {
            String json = explain("--print-file", name).out();
            assertEquals(NetworkFile.builtInText(name), json);
            Path copy = Files.writeString(dir.resolve(name + ".json"), json);
            assertEquals(explain(name).out(), explain(copy.toString()).out(), name);
        }
    }

    @Test
    void theThreeLayoutsOfOneNetworkGiveOneAnswerKey() throws IOException {
        // The DLVU network typed three ways: W[i][j] (input-rows), W[j][i] (unit-rows), bias in column 0.
        String common = "\"input\": [1, -1], \"loss\": \"softmax-cross-entropy\", \"targets\": [0], \"l2\": 0.5";
        Path inputRows = Files.writeString(dir.resolve("a.json"), "{" + common + ", \"layers\": ["
                + "{\"layout\": \"input-rows\", \"weights\": [[1, 2, 3], [-1, -2, -3]], \"bias\": [0.1, 0.2, 0.3], \"activation\": \"tanh\"},"
                + "{\"layout\": \"input-rows\", \"weights\": [[1, 1], [-1, 2], [-1, -1]], \"bias\": [0, 0.5], \"activation\": \"identity\"}]}");
        Path unitRows = Files.writeString(dir.resolve("b.json"), "{" + common + ", \"layers\": ["
                + "{\"layout\": \"unit-rows\", \"weights\": [[1, -1], [2, -2], [3, -3]], \"bias\": [0.1, 0.2, 0.3], \"activation\": \"tanh\"},"
                + "{\"layout\": \"unit-rows\", \"weights\": [[1, -1, -1], [1, 2, -1]], \"bias\": [0, 0.5], \"activation\": \"identity\"}]}");
        Path biasColumn = Files.writeString(dir.resolve("c.json"), "{" + common + ", \"layers\": ["
                + "{\"layout\": \"bias-column\", \"weights\": [[0.1, 1, -1], [0.2, 2, -2], [0.3, 3, -3]], \"activation\": \"tanh\"},"
                + "{\"layout\": \"bias-column\", \"weights\": [[0, 1, -1, -1], [0.5, 1, 2, -1]], \"activation\": \"identity\"}]}");
        String a = explain(inputRows.toString(), "--json").out();
        assertEquals(a.replace("a.json", "b.json"), explain(unitRows.toString(), "--json").out().replace("a.json", "b.json"));
        assertEquals(a, explain(biasColumn.toString(), "--json").out().replace("c.json", "a.json"));
    }

    @Test
    void markdownSvgAndHtmlAreWritten() throws IOException {
        Path md = dir.resolve("key.md");
        Path svg = dir.resolve("g.svg");
        Path html = dir.resolve("g.html");
        Run r = explain("cmu", "--markdown", md.toString(), "--svg", svg.toString(), "--html", html.toString());
        assertTrue(r.out().contains("wrote " + html), r.out());
        String m = Files.readString(md);
        assertTrue(m.startsWith("# CMU 10-701 HW3 §1\n"), m);
        assertTrue(m.contains("| 1 | 0.5201 | 1.9772 |"), "β2,1 in the updated β table: " + m);
        assertTrue(m.contains("loss with L2, L + λΣw² (weights only) = 3.9712"), m);
        String s = Files.readString(svg);
        assertTrue(s.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), s);
        assertEquals(68, count(s, "<g class=\"node"), "one box per node");
        String page = Files.readString(html);
        assertFalse(page.contains("http://") || page.contains("https://"), "opens offline: no address in the page");
        assertFalse(page.contains("<script src") || page.contains("<link"), "all script and style inline");
        assertEquals(68, count(page, "<tbody id=\"step-"), "the step table");
    }

    @Test
    void theLayoutPutsLeavesLeftOfTheirOpsAndTheLossAloneAtTheRight() throws IOException {
        AnswerKey key = AnswerKey.of(NetworkFile.load("cmu"));
        Graph g = key.graph();
        GraphLayout l = GraphLayout.of(g);
        int last = g.size() - 1;
        for (Graph.Node v : g.nodes()) {
            for (int in : v.inputs()) {
                assertTrue(l.x()[in] < l.x()[v.id()], "every edge runs left to right: " + g.nodes().get(in).name());
            }
            if (v.id() != last) {
                assertTrue(l.x()[v.id()] < l.x()[last], v.name());
            }
        }
        // Boxes of one column never overlap.
        for (Graph.Node a : g.nodes()) {
            for (Graph.Node b : g.nodes()) {
                if (a.id() < b.id() && l.column()[a.id()] == l.column()[b.id()]) {
                    assertTrue(Math.abs(l.y()[a.id()] - l.y()[b.id()]) >= GraphLayout.NODE_HEIGHT, a.name() + " " + b.name());
                }
            }
        }
        // Between the dot nodes and the layers' weights, the barycentre order leaves no crossing.
        assertEquals(0, crossingsAmongWeights(g, l), "W2[k,·] edges all go to Wx2[k] without crossing");
    }

    private static int crossingsAmongWeights(Graph g, GraphLayout l) {
        int crossings = 0;
        List<int[]> edges = new java.util.ArrayList<>();
        for (Graph.Node v : g.nodes()) {
            for (int in : v.inputs()) {
                if (g.nodes().get(in).name().startsWith("W2")) {
                    edges.add(new int[] {in, v.id()});
                }
            }
        }
        for (int[] a : edges) {
            for (int[] b : edges) {
                if ((l.y()[a[0]] - l.y()[b[0]]) * (l.y()[a[1]] - l.y()[b[1]]) < 0) {
                    crossings++;
                }
            }
        }
        return crossings;
    }

    @Test
    void aGraphOfThousandsOfNodesIsDrawnAsASummary() {
        Value x = Value.of(1, "x");
        Value sum = Value.of(0, "s");
        for (int i = 0; i < 2000; i++) {
            sum = sum.add(x.mul(Value.of(i * 1e-3, "w[" + i + "]")));
        }
        sum.label("L").backward();
        Graph g = Graph.of(sum);
        int[] groupOf = new int[g.size()];
        GraphSvg s = GraphSvg.of(g, 4, groupOf);
        assertTrue(s.isSummary());
        assertTrue(s.drawn().size() < 50, "a readable number of boxes: " + s.drawn().size());
        assertTrue(s.svg(true).contains("w[·] ×2000"), "the weights as one group");
    }

    @Test
    void roundingIsHalfAwayFromZeroAsTheSheetsRound() {
        String out = explain("cmu", "--decimals", "2").out();
        assertTrue(out.contains("loss L = 2.69"), out);
        assertEquals("0.1235", BackpropTrace.round(0.12345, 4));
        assertEquals("-0.1235", BackpropTrace.round(-0.12345, 4));
    }

    static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    // ---- Bad input: one line naming the file and what was expected, exit 2, nothing written ---------------------

    private void badFile(String expected, String json) throws IOException {
        Path f = Files.writeString(dir.resolve("net.json"), json);
        Path svg = dir.resolve("never.svg");
        Run r = CliTest.twingrad("explain", f.toString(), "--svg", svg.toString(), "--markdown", dir.resolve("never.md").toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("twingrad: " + f + ": ") || r.err().startsWith("twingrad: " + f + " line"), r.err());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception") || r.err().contains("Source:"), r.err());
        assertEquals("", r.out(), "nothing printed on stdout");
        assertFalse(Files.exists(svg) || Files.exists(dir.resolve("never.md")), "nothing written");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left either");
        }
    }

    private static String net(String layer1, String rest) {
        return "{\"inputs\": [[1, 0]], \"layers\": [" + layer1 + ", {\"layout\": \"unit-rows\", \"weights\": [[1, 1], [2, 2]],"
                + " \"bias\": [0, 0], \"activation\": \"identity\"}], " + rest + "}";
    }

    private static final String GOOD_LAYER = "{\"layout\": \"unit-rows\", \"weights\": [[1, 2], [3, 4]], \"bias\": [0, 0], \"activation\": \"relu\"}";

    @Test
    void badNetworkFilesEndWithOneLineNamingTheProblem() throws IOException {
        badFile("line 3, column 1: malformed JSON", "{\"inputs\": [[1, 0]],\n  \"layers\": [\n}");
        badFile("layer 1 weights: ragged matrix: row 1 has 1 entries, row 0 has 2", net(
                "{\"layout\": \"unit-rows\", \"weights\": [[1, 2], [3]], \"bias\": [0, 0], \"activation\": \"relu\"}", "\"loss\": \"mse\", \"targets\": [[1, 2]]"));
        badFile("layer 2 takes 2 inputs but layer 1 has 3 units", net(
                "{\"layout\": \"unit-rows\", \"weights\": [[1, 2], [3, 4], [5, 6]], \"bias\": [0, 0, 0], \"activation\": \"relu\"}",
                "\"loss\": \"mse\", \"targets\": [[1, 2]]"));
        badFile("layer 1: unknown activation 'swish': expected sigmoid, relu, tanh, identity or improved-sigmoid", net(
                GOOD_LAYER.replace("relu", "swish"), "\"loss\": \"mse\", \"targets\": [[1, 2]]"));
        badFile("unknown loss 'hinge': expected softmax-cross-entropy or mse", net(GOOD_LAYER, "\"loss\": \"hinge\", \"targets\": [1]"));
        badFile("layer 1: unknown layout 'columns': expected unit-rows, input-rows or bias-column",
                net(GOOD_LAYER.replace("unit-rows", "columns"), "\"loss\": \"mse\", \"targets\": [[1, 2]]"));
        badFile("targets[0] = 2 is outside the classes 0..1", net(GOOD_LAYER, "\"loss\": \"softmax-cross-entropy\", \"targets\": [2]"));
        badFile("missing key 'loss': expected softmax-cross-entropy or mse", net(GOOD_LAYER, "\"targets\": [1]"));
        badFile("layer 1: missing key 'bias'", net(GOOD_LAYER.replace(", \"bias\": [0, 0]", ""), "\"loss\": \"mse\", \"targets\": [[1, 2]]"));
        badFile("layer 1 takes 2 inputs but the input rows have 3 values",
                net(GOOD_LAYER, "\"loss\": \"mse\", \"targets\": [[1, 2]]").replace("[[1, 0]]", "[[1, 0, 1]]"));
        badFile("unknown key 'learningrate'", net(GOOD_LAYER, "\"loss\": \"mse\", \"targets\": [[1, 2]], \"learningrate\": 1"));
        badFile("the file is empty: expected a JSON object", "  \n");
        badFile("line 2, column 1: malformed JSON: Unexpected end-of-input: expected close marker for Array (start marker)", "[1, 2\n");
        badFile("layer 1: missing key 'activation'", net(GOOD_LAYER.replace(", \"activation\": \"relu\"", ""), "\"loss\": \"mse\", \"targets\": [[1, 2]]"));
        badFile("inputs row 0, entry 0: expected a finite number, found NaN", net(GOOD_LAYER, "\"loss\": \"mse\", \"targets\": [[1, 2]]").replace("[[1, 0]]", "[[NaN, 0]]"));
        badFile("inputs row 0, entry 0: expected a finite number, found Infinity (too large for a double)",
                net(GOOD_LAYER, "\"loss\": \"mse\", \"targets\": [[1, 2]]").replace("[[1, 0]]", "[[1e400, 0]]"));
        badFile("malformed JSON: Duplicate field 'loss'", net(GOOD_LAYER, "\"loss\": \"mse\", \"loss\": \"mse\", \"targets\": [[1, 2]]"));
        badFile("line 1, column 258: malformed JSON: Unrecognized token 'xyz'", net(GOOD_LAYER, "\"loss\": \"mse\", \"targets\": [[1, 2]]") + " xyz");
        badFile("targets: expected one target per input row (1), found 2; with 2 outputs each row's target is a list",
                net(GOOD_LAYER, "\"loss\": \"mse\", \"targets\": [1, 2]"));
        badFile("layer 1 weights row 0, entry 1: expected a number, found \"2\"",
                net(GOOD_LAYER.replace("[[1, 2]", "[[1, \"2\"]"), "\"loss\": \"mse\", \"targets\": [[1, 2]]"));
    }

    @Test
    void aStepWhoseLossIsNoLongerFiniteIsUndoneAndEndsTheSteps() throws IOException {
        Path f = Files.writeString(dir.resolve("diverge.json"), "{\"input\": [1, 2], \"layers\": [{\"layout\": \"unit-rows\","
                + " \"weights\": [[1, 2]], \"bias\": [0], \"activation\": \"identity\"}], \"loss\": \"mse\", \"targets\": [1],"
                + " \"learningRate\": 1e300, \"steps\": 3}");
        String out = explain(f.toString()).out();
        assertTrue(out.contains("After 0 steps of gradient descent, η = 1.0E300"), out);
        assertTrue(out.contains("The loss was no longer finite after step 1 of 3: that step is undone"), out);
        assertTrue(out.endsWith("loss L = 16.0000 (mean squared error)\n"), "the file's weights, loss (5 − 1)²: " + out);
        String vary = explain(f.toString(), "--vary", "lr=1e300,0.01").out();
        assertEquals(List.of("1e300", "16.0000", "diverged at step 1"), row(vary, "Varying lr", "1e300", 0));
    }

    @Test
    void badOptionsEndWithOneLine() {
        for (String[] args : new String[][] {{"explain", "lenet"}, {"explain", "cmu", "--vary", "momentum=0.9"},
                {"explain", "cmu", "--vary", "activation=swish"}, {"explain", "cmu", "--steps", "-1"},
                {"explain", "cmu", "--svg", dir.resolve("no/such/dir/g.svg").toString()}, {"explain", "cmu", "--svg", ""}}) {
            Run r = CliTest.twingrad(args);
            assertEquals(2, r.code(), Arrays.toString(args) + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
        assertTrue(CliTest.twingrad("explain", "lenet").err().contains("unknown network 'lenet': expected one of dlvu, cmu, cmu-mse"));
    }
}
