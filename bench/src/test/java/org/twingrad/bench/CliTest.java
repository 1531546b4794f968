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
    void experimentTdt4265AnswersEveryTaskAndSaysEachDeparture() throws IOException {
        Path out = dir.resolve("tdt");
        Run r = twingrad("experiment", "tdt4265", "--epochs", "1", "--limit", "300", "--quiet", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String o = r.out();
        assertTrue(o.contains("departure from the sheet: data: the bundled MNIST-10k stands in for the sheet's 20,000 training "
                + "and 10,000 validation images"), o);
        assertTrue(o.contains("departure from the sheet: --epochs 1: at most 1 epochs instead of the starter's 50"), o);
        assertTrue(o.contains("inputs normalized as task 2a asks, with one μ and σ over the whole training set"), o);
        assertTrue(o.contains("task2.py main(): num_epochs 50, learning_rate 0.1, batch_size 32"), o);
        assertTrue(o.contains("stop after 50 validation checks in a row without a new lowest validation loss"), o);
        assertTrue(o.contains("2c (sigmoid, weights U[-1, 1]): hidden [64], sigmoid, lr 0.1, batch 32, epochs 1, init U[-1,1], "
                + "shuffled, early stopping after 50 validation checks, seed 1"), "the starter's seed by default: " + o);
        assertTrue(o.contains("3c (+ momentum 0.9, lr 0.02): hidden [64], improved-sigmoid, lr 0.02"), o);
        for (String task : new String[] {"Task 2c: train the network", "Task 2d: parameters", "Task 3: the tricks added one at a time",
                "Tasks 4a and 4b", "Task 4d: two equal hidden layers", "Task 4e: ten hidden layers of 64"}) {
            assertTrue(o.contains("\n" + task), task + "\n" + o);
        }
        assertTrue(o.contains("answer: 50,880: 785·64 weights into the hidden layer (the bias trick's row included) and 64·10"), o);
        assertTrue(o.contains("one hidden layer of 64 has 50,890 parameters; two hidden layers of 59 have 50,455, two of 64 have "
                + "55,050; 59 is the closest, and is trained"), o);
        assertTrue(o.matches("(?s).*answer: 3a \\(\\+ fan-in init N\\(0, 1/√fan-in\\)\\) against 2c: lowest validation loss "
                + "\\d\\.\\d{4} at step \\d+ → \\d\\.\\d{4} at step \\d+ \\((lower|not lower)\\); final validation accuracy "
                + "\\d+\\.\\d\\d% → \\d+\\.\\d\\d% \\((higher|lower|the same)\\).*"), o);
        assertTrue(o.matches("(?s).*answer: 32 hidden units against 64: training accuracy \\d+\\.\\d\\d% against .*"), o);
        assertTrue(o.matches("(?s).*answer: in the first tenth of training, across the 64×64 hidden layers the mean \\|∂C/∂W\\| "
                + "goes from \\d\\.\\d\\de-\\d\\d at layer 10 \\(next to the output\\) to \\d\\.\\d\\de-\\d\\d at layer 2: it "
                + "(shrinks|grows) towards the input.*"), o);
        assertTrue(o.contains("11 (output)  64×10"), "a gradient row per layer of 4e: " + o);
        for (String f : new String[] {"task3-loss.png", "task3-accuracy.png", "task4ab-loss.png", "task4d-loss.png", "task4e-loss.png",
                "task4e-gradients.png", "1-2c/loss.png", "1-2c/accuracy.png", "8-4e/model.twg", "report.md"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        // 300 rows in batches of 32: 9 steps, a validation check after every step (9 // 5 = 1), 11 gradient columns for 4e.
        assertEquals(1 + 9, Files.readAllLines(out.resolve("1-2c/checks.csv")).size());
        assertEquals(12, Files.readAllLines(out.resolve("8-4e/gradients.csv")).get(0).split(",").length);
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("**Answer:** 50,880: 785·64 weights"), md);
        assertTrue(md.contains("**Departure from the sheet:** data: the bundled MNIST-10k"), md);
        assertTrue(md.contains("![4e: mean |∂C/∂W| of each layer's weights"), md);
    }

    @Test
    void experimentTdt4265UsesRealMnistFilesWithTheStartersSplit() throws IOException {
        Path idx = idxFiles(40, 20);
        Path out = dir.resolve("tdt-idx");
        Run r = twingrad("experiment", "tdt4265", "--data", "idx:" + idx, "--epochs", "1", "--output-bias", "--seed", "3", "--quiet",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String o = r.out();
        assertTrue(o.contains("data: MNIST from " + idx + ", split as the starter's load_full_mnist: the first 40 training "
                + "images to train on, the last 20 test images to validate on"), o);
        assertTrue(o.contains("departure from the sheet: the files hold 40 training and 20 test images, fewer than the sheet's"), o);
        assertFalse(o.contains("bundled MNIST-10k"), o);
        assertTrue(o.contains("departure from the sheet: --output-bias: the output layer"), o);
        assertTrue(o.contains("departure from the sheet: --seed 3: the starter seeds NumPy with 1"), o);
        assertTrue(o.contains("answer: 50,890: 785·64 weights into the hidden layer (the bias trick's row included) and 64·10 into "
                + "the output layer, and 10 output biases (--output-bias)"), o);
    }

    @Test
    void experimentTdt4265RejectsDataItCannotUse() {
        assertBadInput("--data takes idx:DIR", "experiment", "tdt4265", "--data", "mnist4000", "--quiet");
    }

    /** MNIST IDX files (28 × 28 images) in a folder: {@code train} training and {@code test} test images, labels i % 10. */
    private Path idxFiles(int train, int test) throws IOException {
        Path idx = dir.resolve("idx");
        Files.createDirectories(idx);
        Random rnd = new Random(5);
        for (String[] part : new String[][] {{"train", Integer.toString(train)}, {"t10k", Integer.toString(test)}}) {
            int n = Integer.parseInt(part[1]);
            java.nio.ByteBuffer img = java.nio.ByteBuffer.allocate(16 + n * 784).putInt(0x803).putInt(n).putInt(28).putInt(28);
            java.nio.ByteBuffer lab = java.nio.ByteBuffer.allocate(8 + n).putInt(0x801).putInt(n);
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < 784; p++) {
                    // a bright band whose place depends on the digit, over noise: learnable, so training can move
                    img.put((byte) ((p / 78 == i % 10 ? 200 : 0) + rnd.nextInt(50)));
                }
                lab.put((byte) (i % 10));
            }
            Files.write(idx.resolve(part[0] + "-images-idx3-ubyte"), img.array());
            Files.write(idx.resolve(part[0] + "-labels-idx1-ubyte"), lab.array());
        }
        return idx;
    }

    @Test
    void experimentDlvuAnswersQ4ToQ7WithBandsPerStepAndABracketedRate() throws IOException {
        Path out = dir.resolve("dlvu");
        Run r = twingrad("experiment", "dlvu", "--epochs", "1", "--limit", "300", "--batch", "10", "--seeds", "2", "--quiet", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        String o = r.out();
        assertTrue(o.matches("(?s).*answer: the training loss (falls|does not fall) from \\d\\.\\d{4} \\(mean of the first 5 "
                + "instances\\).*"), o);
        assertTrue(o.contains("plot: " + out.resolve("q4-loss.png") + " (Q4: training loss against instances seen, each point the "
                + "mean of 5 instances)"), o);
        assertTrue(o.contains("departure from the sheet: data: the bundled 10,000-digit MNIST-10k is a substitute"), o);
        assertTrue(o.contains("departure from the sheet: --batch 10: minibatches of 10 instead of the sheet's one instance per step"), o);
        assertTrue(o.contains("Q7: the loss of each batch against the timestep, and per epoch; mean ± std over 2 seed(s)"), o);
        assertTrue(o.matches("(?s).*answer: over the first 1 steps the training loss averages \\d\\.\\d{4} ± \\d\\.\\d{4}.*"), o);
        assertTrue(o.matches("(?s).*answer: [0-9.e-]+: validation loss \\d\\.\\d{4}, accuracy \\d+\\.\\d\\d%; it is inside "
                + "the grid \\([0-9.e-]+ gives \\d\\.\\d{4}, [0-9.e-]+ gives \\d\\.\\d{4}\\).*"), o);
        assertTrue(o.contains("← lowest validation loss"), o);
        assertTrue(o.matches("(?s).*Q7.4: the chosen rate.*answer: test accuracy \\d+\\.\\d\\d%.*"), o);
        for (String f : new String[] {"q4-loss.png", "q7-loss-per-step.png", "q7-loss-per-epoch.png", "q7.3-learning-rates.png",
                "q7.3-validation-loss.png", "q7.3-validation-accuracy.png", "q7.4-final/loss.png", "report.md"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("## Q7.3: the learning rate") && md.contains("**Departure from the sheet:** --batch 10"), md);
    }

    @Test
    void experimentDlvuUsesTheFullTrainingSetAndTheCanonicalTestSetFromIdxFiles() throws IOException {
        Path idx = idxFiles(60, 20);
        Run r = twingrad("experiment", "dlvu", "--data", "idx:" + idx, "--epochs", "1", "--limit", "300", "--batch", "10",
                "--seeds", "1", "--quiet", "--out", dir.resolve("dlvu-idx").toString());
        assertEquals(0, r.code(), r.err());
        String o = r.out();
        assertTrue(o.contains("data: MNIST from " + idx + ", as load_mnist: Q5-Q7.3 train on the first 30 training images and "
                + "validate on the last 30 (final=False); Q7.4 trains on all 60 and tests on the 20 test images (final=True)"), o);
        assertTrue(o.contains("departure from the sheet: the files hold 60 training images: 30 of them validate instead of 5,000"), o);
        assertFalse(o.contains("is a substitute"), o);
        assertTrue(o.contains("on 60 training rows (training and validation together), tested on 20 rows"), o);
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
        assertBadInput("batch size and epochs must be positive", "train", "--batch", "0", "--quiet");
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
        assertTrue(r.out().matches("(?s).*loss became (NaN|Infinity) at epoch \\d+, step \\d+; kept the weights of the last step with a finite loss.*"),
                r.out());
        Run e = twingrad("evaluate", "--model", out.resolve("model.twg").toString(), "--data", data());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().matches("(?s).*loss \\d+\\.\\d{4}, accuracy.*"), "the kept weights give a finite loss: " + e.out());
    }
}
