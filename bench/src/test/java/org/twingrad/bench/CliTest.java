package org.twingrad.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: every subcommand on small data, every kind of bad input, and a loss that blows up. */
class CliTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run twingrad(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Three separable classes of 16 "pixels" in [0, 1], in CMU's CSV format. */
    private Path csv(String name, int rows, long seed) throws IOException {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            int label = i % 3;
            for (int p = 0; p < 16; p++) {
                double v = (p / 5 == label ? 0.7 : 0.1) + 0.2 * r.nextDouble();
                sb.append(String.format("%.3f,", v));
            }
            sb.append(label).append('\n');
        }
        return Files.writeString(dir.resolve(name), sb);
    }

    private String data() throws IOException {
        return "csv:" + csv("train.csv", 90, 1) + "," + csv("test.csv", 30, 2);
    }

    @Test
    void trainWritesCurvesPlotsModelAndReportThenEvaluateReadsTheModel() throws IOException {
        Path out = dir.resolve("run");
        Run r = twingrad("train", "--data", data(), "--hidden", "8", "--epochs", "3", "--batch", "10", "--lr", "0.5",
                "--quiet", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("train epoch 3/3"), r.out());
        assertTrue(r.out().matches("(?s).*test\\s+\\d\\.\\d{4}\\s+\\d+\\.\\d\\d%.*"), r.out());
        for (String f : new String[] {"steps.csv", "epochs.csv", "loss.png", "accuracy.png", "model.twg", "report.md"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertEquals(1 + 27, Files.readAllLines(out.resolve("steps.csv")).size(), "header + 9 steps × 3 epochs");
        assertTrue(Files.readString(out.resolve("epochs.csv")).startsWith("epoch,train_loss,train_accuracy,test_loss,test_accuracy"));

        Run e = twingrad("evaluate", "--model", out.resolve("model.twg").toString(), "--data", data());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("accuracy") && e.out().contains("confusion matrix"), e.out());
        assertTrue(e.out().contains("16-8-10 sigmoid"), "CSV labels are digits 0-9: " + e.out());
    }

    @Test
    void theScalarEngineTrainsTheSameNetworkToTheSameNumbers() throws IOException {
        String d = data();
        Run t = twingrad("train", "--data", d, "--hidden", "4", "--epochs", "2", "--batch", "15", "--quiet", "--out",
                dir.resolve("t").toString());
        Run s = twingrad("train", "--data", d, "--hidden", "4", "--epochs", "2", "--batch", "15", "--quiet", "--engine", "scalar",
                "--out", dir.resolve("s").toString());
        assertEquals(0, s.code(), s.err());
        String[] tl = Files.readString(dir.resolve("t/steps.csv")).split("\n");
        String[] sl = Files.readString(dir.resolve("s/steps.csv")).split("\n");
        assertEquals(tl.length, sl.length);
        for (int i = 1; i < tl.length; i++) {
            double a = Double.parseDouble(tl[i].split(",")[1]);
            double b = Double.parseDouble(sl[i].split(",")[1]);
            assertEquals(a, b, 1e-12 * Math.abs(a), "step " + i);
        }
    }

    @Test
    void experimentCmuRunsAllFiveSettingsAndPrintsTheTable() {
        Run r = twingrad("experiment", "cmu", "--epochs", "2", "--limit", "300", "--quiet", "--out", dir.resolve("cmu").toString());
        assertEquals(0, r.code(), r.err());
        for (String run : new String[] {"(a)", "(b)", "(c)", "(d)", "(e)"}) {
            assertTrue(r.out().contains(run + "  hidden"), run + "\n" + r.out());
        }
        assertTrue(r.out().contains("batch 200 is below batch 50"), r.out());
        assertTrue(Files.exists(dir.resolve("cmu/e/loss.png")) && Files.exists(dir.resolve("cmu/report.md")));
    }

    @Test
    void experimentTdt4265RunsEveryTaskAndPrintsBothParameterCounts() {
        Run r = twingrad("experiment", "tdt4265", "--epochs", "1", "--limit", "300", "--quiet", "--out", dir.resolve("tdt").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("inputs normalized with the training set's μ = "), r.out());
        assertTrue(r.out().contains("one hidden layer of 64 has 50,890 parameters; two of 59 have 50,455"), r.out());
        for (String task : new String[] {"2c", "3a", "3b", "3c", "4a", "4b", "4d", "4e"}) {
            assertTrue(r.out().contains("\n" + task), task);
        }
        assertTrue(Files.exists(dir.resolve("tdt/task3-validation-loss.png")));
    }

    @Test
    void experimentDlvuRunsQ4ToQ7() {
        Run r = twingrad("experiment", "dlvu", "--epochs", "2", "--limit", "300", "--batch", "10", "--quiet", "--out",
                dir.resolve("dlvu").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Q4: running-mean loss"), r.out());
        assertTrue(r.out().contains("chosen learning rate"), r.out());
        assertTrue(r.out().contains("final: lr"), r.out());
        assertTrue(Files.exists(dir.resolve("dlvu/q6-loss-bands.png")) && Files.exists(dir.resolve("dlvu/q7-learning-rates.png")));
    }

    @Test
    void experimentHlcvGivesThePublishedScoresLossAndGradientCheck() {
        Run r = twingrad("experiment", "hlcv", "--quiet", "--out", dir.resolve("hlcv").toString());
        assertEquals(0, r.code(), r.err());
        // cs231n's starter prints these as correct_scores.
        String flat = r.out().replaceAll(" +", " ");
        assertTrue(flat.contains("0 -0.81233741 -1.27654624 -0.70335995"), r.out());
        assertTrue(flat.contains("2 -0.51590475 -1.01354314 -0.85042150"), r.out());
        assertTrue(flat.contains("4 -0.00618733 -0.12435261 -0.15226949"), r.out());
        assertTrue(flat.matches("(?s).*W1 \\d\\.\\d{3}e-(09|1\\d) \\d\\.\\d{3}e-(09|1\\d).*"), "gradient check below 1e-8: " + r.out());
        assertTrue(r.out().contains("Q2: loss 1.30378789133"), r.out());
        assertTrue(r.out().matches("(?s).*Q3a: gradient descent.*training loss 0\\.0[01]\\d\\d after.*"), r.out());
    }

    @Test
    void experimentHlcvTrainsOnCifarFilesTheUserSupplies() throws IOException {
        Path cifar = dir.resolve("cifar");
        Files.createDirectories(cifar);
        Random rnd = new Random(3);
        for (String f : new String[] {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
                "data_batch_5.bin", "test_batch.bin"}) {
            byte[] b = new byte[8 * 3073];
            rnd.nextBytes(b);
            for (int r = 0; r < 8; r++) {
                b[r * 3073] = (byte) (r % 10);
            }
            Files.write(cifar.resolve(f), b);
        }
        Run r = twingrad("experiment", "hlcv", "--data", "cifar:" + cifar, "--epochs", "1", "--quiet", "--out",
                dir.resolve("hlcv").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("CIFAR-10: 40 train, 8 test rows") || r.out().contains("40 train, 8 test rows"), r.out());
    }

    @Test
    void explainPrintsTheStepTablesWithTheSheetsNumbers() throws IOException {
        Run d = twingrad("explain", "dlvu", "--dot", dir.resolve("g.dot").toString());
        assertEquals(0, d.code(), d.err());
        assertTrue(d.out().contains("W2[0,0]  leaf         1.0000  -0.4404"), d.out());
        assertTrue(Files.readString(dir.resolve("g.dot")).startsWith("digraph"));
        Run c = twingrad("explain", "cmu");
        assertEquals(0, c.code(), c.err());
        assertTrue(c.out().contains("softmax-ce   2.6912"), c.out());
    }

    @Test
    void everySubcommandHasHelp() {
        for (String[] cmd : new String[][] {{"--help"}, {"train", "--help"}, {"evaluate", "--help"}, {"experiment", "--help"},
                {"experiment", "cmu", "--help"}, {"experiment", "tdt4265", "--help"}, {"experiment", "dlvu", "--help"},
                {"experiment", "hlcv", "--help"}, {"explain", "--help"}}) {
            Run r = twingrad(cmd);
            assertEquals(0, r.code(), Arrays.toString(cmd));
            assertTrue(r.out().contains("Usage:"), Arrays.toString(cmd));
        }
    }

    /** One line on stderr naming the problem, exit code 2, no stack trace. */
    private static void assertBadInput(String expected, String... args) {
        Run r = twingrad(args);
        assertEquals(2, r.code(), Arrays.toString(args) + ": " + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("twingrad: ") && r.err().contains(expected), r.err());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
    }

    @Test
    void badInputEndsWithOneLineAndExitCode2() throws IOException {
        assertBadInput("Unknown options: '--colour', 'red'", "train", "--colour", "red");
        assertBadInput("learning rate must be positive, got -1.0", "train", "--lr", "-1", "--quiet");
        assertBadInput("--batch must be a positive number of rows, got 0", "train", "--batch", "0", "--quiet");
        assertBadInput("unknown activation 'swish'", "train", "--activation", "swish");
        assertBadInput("unknown --engine 'gpu'", "train", "--engine", "gpu");
        assertBadInput("Invalid value for option '--epochs'", "train", "--epochs", "many");
        assertBadInput("no such data file: " + dir.resolve("nope.csv"), "train", "--data", "csv:" + dir.resolve("nope.csv") + ","
                + dir.resolve("nope.csv"));
        Path bad = Files.writeString(dir.resolve("bad.csv"), "0.1,0.2,1\n0.1,oops,2\n");
        assertBadInput("bad.csv line 2, column 2: expected a number, found 'oops'", "train", "--data", "csv:" + bad + "," + bad);
        assertBadInput("unknown --data 'mnist60k'", "train", "--data", "mnist60k");
        assertBadInput("unknown network 'lenet'", "explain", "lenet");
        assertBadInput("Missing required option: '--model=<model>'", "evaluate");
        Path notModel = Files.writeString(dir.resolve("m.twg"), "not a model");
        assertBadInput("expected a twingrad model file", "evaluate", "--model", notModel.toString());
    }

    @Test
    void aLossThatBlowsUpStopsTrainingNamesTheStepAndKeepsGoodWeights() throws IOException {
        blowUp("tensor");
    }

    @Test
    void theScalarEngineAlsoStopsOnABlownUpLossAndKeepsGoodWeights() throws IOException {
        blowUp("scalar");
    }

    private void blowUp(String engine) throws IOException {
        Path out = dir.resolve("nan-" + engine);
        Run r = twingrad("train", "--data", data(), "--hidden", "8", "--epochs", "5", "--batch", "10", "--lr", "1e200",
                "--activation", "relu", "--engine", engine, "--quiet", "--out", out.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().matches("(?s).*loss became (NaN|Infinity|non-finite \\(.+\\)) at epoch \\d+, step \\d+; kept the weights of the last step with a finite loss.*"),
                r.out());
        Run e = twingrad("evaluate", "--model", out.resolve("model.twg").toString(), "--data", data());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().matches("(?s).*loss \\d+\\.\\d{4}, accuracy.*"), "the kept weights give a finite loss: " + e.out());
    }
}
