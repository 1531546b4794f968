package org.twingrad.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    void trainWithLearningRateDecayTrainsTheFirstEpochAlikeAndLaterOnesSlower() throws IOException {
        String d = data();
        Run plain = twingrad("train", "--data", d, "--hidden", "8", "--epochs", "2", "--batch", "10", "--lr", "0.5", "--quiet",
                "--out", dir.resolve("plain").toString());
        Run decayed = twingrad("train", "--data", d, "--hidden", "8", "--epochs", "2", "--batch", "10", "--lr", "0.5",
                "--lr-decay", "0.5", "--quiet", "--out", dir.resolve("decayed").toString());
        assertEquals(0, decayed.code(), decayed.err());
        assertTrue(decayed.out().contains("lr decay 0.5 per epoch"), decayed.out());
        List<String> p = Files.readAllLines(dir.resolve("plain/steps.csv"));
        List<String> q = Files.readAllLines(dir.resolve("decayed/steps.csv"));
        assertEquals(p.subList(0, 1 + 9), q.subList(0, 1 + 9), "epoch 1 runs at the full rate in both");
        assertNotEquals(p.get(1 + 10), q.get(1 + 10), "epoch 2 runs at half the rate");
        assertEquals(0, plain.code(), plain.err());
    }

    @Test
    void sweepRanksEveryCombinationOnValidationAndUsesTheTestSetOnlyWhenAsked() throws IOException {
        String d = data();
        Path out = dir.resolve("sweep");
        Run r = twingrad("sweep", "--data", d, "--lr", "0.5,0.05", "--hidden", "8,4x4", "--epochs", "3", "--batch", "10",
                "--validation", "30", "--test-best", "--quiet", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String o = r.out();
        assertTrue(o.contains("Swept lr ∈ {0.5, 0.05} × hidden ∈ {8, 4x4}: 4 settings, each trained on 60 training rows "
                + "and measured on 30 held-out validation rows."), o);
        assertTrue(o.contains("Settings not swept: activation sigmoid, batch 10, epochs 3"), o);
        // The table: four rows, ranks 1-4, settings 1-4 once each, validation accuracy not increasing down the table.
        Matcher m = Pattern.compile("(?m)^(\\d)\\s+(\\d)\\s+(0\\.5|0\\.05)\\s+(8|4x4)\\s+(\\d+\\.\\d\\d)%").matcher(o);
        List<Double> acc = new ArrayList<>();
        Set<String> settings = new HashSet<>();
        while (m.find()) {
            assertEquals(acc.size() + 1, Integer.parseInt(m.group(1)), o);
            settings.add(m.group(2) + " " + m.group(3) + " " + m.group(4));
            acc.add(Double.parseDouble(m.group(5)));
        }
        assertEquals(Set.of("1 0.5 8", "2 0.5 4x4", "3 0.05 8", "4 0.05 4x4"), settings, o);
        for (int i = 1; i < acc.size(); i++) {
            assertTrue(acc.get(i) <= acc.get(i - 1), "sorted by validation accuracy: " + o);
        }
        assertTrue(o.matches("(?s).*Best on validation: #\\d, lr 0\\.5?5?, hidden (8|4x4) .*: validation accuracy "
                + String.format("%.2f", acc.get(0)).replace(".", "\\.") + "%.*"), o);
        assertTrue(o.matches("(?s).*Test set, used once, by the best setting's network as trained above \\(on the 60 training "
                + "rows\\): accuracy \\d+\\.\\d\\d%, loss \\d\\.\\d{4} on 30 test rows\\..*"), o);
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("| rank | # | lr | hidden | validation acc |") && md.contains("![validation accuracy per setting](sweep.png)"), md);
        assertTrue(md.contains("Test set, used once"), md);
        assertEquals(1 + 4, Files.readAllLines(out.resolve("sweep.csv")).size());
        for (String f : new String[] {"sweep.png", "validation-curves.png", "01/model.twg", "04/epochs.csv"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertTrue(Files.readString(out.resolve("02/epochs.csv")).startsWith("epoch,train_loss,train_accuracy,validation_loss"));

        Run untouched = twingrad("sweep", "--data", d, "--lr", "0.5", "--hidden", "8", "--epochs", "1", "--batch", "10",
                "--validation", "30", "--quiet", "--out", dir.resolve("sweep1").toString());
        assertEquals(0, untouched.code(), untouched.err());
        assertTrue(untouched.out().contains("One setting, trained on 60 training rows and measured on 30 held-out validation "
                + "rows: hidden 8, activation sigmoid, lr 0.5,") && untouched.out().contains("Test set: not used"),
                untouched.out());
        assertFalse(untouched.out().contains("test rows"), untouched.out());
    }

    @Test
    void sweepRejectsBadListsNamingTheFlag() throws IOException {
        String d = data();
        assertBadInput("--lr takes a comma list of positive learning rates, got '0.1,-1'", "sweep", "--data", d, "--lr", "0.1,-1");
        assertBadInput("--hidden takes networks separated by commas, the layers of one joined by 'x' (64,128,384x256), got '8,4y4'",
                "sweep", "--data", d, "--hidden", "8,4y4");
        assertBadInput("--validation takes a number of rows from 1 to 89 (the 90 training rows less one), got 90", "sweep",
                "--data", d, "--validation", "90");
        assertBadInput("--lr-decay takes a comma list of factors in (0, 1], got '0.9,1.5'", "sweep", "--data", d, "--lr-decay",
                "0.9,1.5");
        assertBadInput("--lr-decay takes a factor in (0, 1], got 0.0", "train", "--data", d, "--lr-decay", "0");
        assertBadInput("--batch takes a comma list of positive batch sizes, got '10,'", "sweep", "--data", d, "--batch", "10,");
        assertBadInput("--activation takes a comma list of sigmoid, relu, tanh, improved-sigmoid, got 'relu,swish'", "sweep",
                "--data", d, "--activation", "relu,swish");
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
    void experimentCmuRunsAllFiveSettingsAndPrintsTheTable() throws IOException {
        Run r = twingrad("experiment", "cmu", "--epochs", "2", "--limit", "300", "--seeds", "3", "--quiet", "--out",
                dir.resolve("cmu").toString());
        assertEquals(0, r.code(), r.err());
        String o = r.out();
        for (String run : new String[] {"(a)", "(b)", "(c)"}) {
            assertTrue(o.matches("(?s).*\\" + run.replace(")", "\\)") + "\\s+hidden \\[\\d+(,\\d+)?], \\w+, lr [0-9.]+, batch \\d+, "
                    + "epochs 2, init xavier, unshuffled, seed 0\\s+\\d+\\.\\d\\d%\\s+\\d+\\.\\d\\d%\\s+—\\s+—.*"), run + "\n" + o);
        }
        assertTrue(o.matches("(?s).*\\(d\\)\\s+hidden \\[256], relu, lr 0\\.01, batch 200, .*%\\s+90\\.83%\\s+87\\.60%.*"), o);
        assertTrue(o.matches("(?s).*\\(e\\)\\s+hidden \\[384,256], relu, .*%\\s+90\\.67%\\s+86\\.30%.*"), o);
        assertTrue(o.contains("the handout's init_params, which the sheet does not give"), o);
        for (String q : new String[] {"(b) vs (a)", "(c) vs (a)", "(d) vs (c)", "(e) vs (c)"}) {
            assertTrue(o.matches("(?s).*Sheet question " + q.replace("(", "\\(").replace(")", "\\)") + ": [^\\n]*\\n\\n(Answer: |seed  ).*"),
                    q + "\n" + o);
        }
        assertTrue(o.contains("batch 200 takes 2 steps per epoch instead of 6"), "300 rows: " + o);
        // §1-§3's written answers, through the network files.
        assertTrue(o.matches("(?s).*§1\\.3 forward pass\\s+a1 = -3\\.0000, z1 = 0\\.0474, b2 = 4\\.0945, ŷ2 = 0\\.4799\n.*"), o);
        assertTrue(o.matches("(?s).*§1\\.4 one SGD step, η = 1\\s+β2,1 = 1\\.9772, β1,0 = 0\\.5477, α3,4 = 2\\.0000\n.*"), o);
        assertTrue(o.matches("(?s).*§1\\.4 after many steps\\s+class 3 predicted from step 1 on\n.*"), o);
        assertTrue(o.matches("(?s).*§1\\.5 loss with L2, λ = 0\\.01\\s+3\\.9712\n.*"), o);
        assertTrue(o.matches("(?s).*§3\\.1 MSE of the ReLU network\\s+209\\.4557\n.*"), o);
        assertTrue(o.matches("(?s).*§3\\.2 lowest loss of relu, tanh, sigmoid, identity\\s+tanh \\(16\\.2181\\)\n.*"), o);
        assertTrue(o.matches("(?s).*§3\\.3 lowest loss after 2 steps of η = 0\\.1, 0\\.001, 0\\.0001, 0\\.9\\s+η = 0\\.001 \\(9\\.0734\\)\n.*"), o);
        assertTrue(Files.readString(dir.resolve("cmu/report.md")).contains("| §1.5 loss with L2, λ = 0.01 | 3.9712 |"));
        // The seeds' table and the answer: mean ± std of the three differences, and whether the mean exceeds the spread.
        Matcher m = Pattern.compile("(?m)^([0-2])\\s+(\\d+\\.\\d\\d)%\\s+(\\d+\\.\\d\\d)%\\s+([+-]\\d+\\.\\d\\d) points$").matcher(o);
        double[] diff = new double[3];
        int n = 0;
        while (m.find()) {
            diff[Integer.parseInt(m.group(1))] = Double.parseDouble(m.group(4));
            assertEquals(Double.parseDouble(m.group(3)) - Double.parseDouble(m.group(2)), Double.parseDouble(m.group(4)), 0.011, o);
            n++;
        }
        assertEquals(3, n, o);
        double mean = (diff[0] + diff[1] + diff[2]) / 3;
        double sd = Math.sqrt(((diff[0] - mean) * (diff[0] - mean) + (diff[1] - mean) * (diff[1] - mean)
                + (diff[2] - mean) * (diff[2] - mean)) / 2);
        assertTrue(o.contains(String.format("over 3 seeds the test accuracy of (e) minus that of (c) is %+.2f ± %.2f points",
                mean, sd)) || o.contains(String.format("over 3 seeds the test accuracy of (e) minus that of (c) is %+.2f ± %.2f points",
                mean + 0.01, sd)) || o.contains(String.format("is %+.2f ± ", mean - 0.01)), o);
        assertTrue(o.contains(Math.abs(mean) > sd + 0.02 ? "the mean is larger than its spread"
                : Math.abs(mean) < sd - 0.02 ? "the mean is not larger than its spread" : "than its spread"), o);
        assertTrue(o.matches("(?s).*So (yes|no): the deeper network .*"), o);
        assertTrue(Files.exists(dir.resolve("cmu/e/loss.png")) && Files.exists(dir.resolve("cmu/seeds/e-seed2/model.twg")));
        assertTrue(Files.readString(dir.resolve("cmu/report.md")).contains("| seed | (c) test acc | (e) test acc | (e) − (c) |"));
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
        assertTrue(o.contains("Answer: 50,880: 785·64 weights into the hidden layer (the bias trick's row included) and 64·10"), o);
        assertTrue(o.contains("one hidden layer of 64 has 50,890 parameters; two hidden layers of 59 have 50,455, two of 64 have "
                + "55,050; 59 is the closest, and is trained"), o);
        assertTrue(o.matches("(?s).*Answer: 3a \\(\\+ fan-in init N\\(0, 1/√fan-in\\)\\) against 2c: lowest validation loss "
                + "\\d\\.\\d{4} at step \\d+ → \\d\\.\\d{4} at step \\d+ \\((lower|not lower)\\); final validation accuracy "
                + "\\d+\\.\\d\\d% → \\d+\\.\\d\\d% \\((higher|lower|the same)\\).*"), o);
        assertTrue(o.matches("(?s).*Answer: 32 hidden units against 64: training accuracy \\d+\\.\\d\\d% against .*"), o);
        assertTrue(o.matches("(?s).*Answer: in the first tenth of training, across the 64×64 hidden layers the mean \\|∂C/∂W\\| "
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
        assertTrue(o.contains("Answer: 50,890: 785·64 weights into the hidden layer (the bias trick's row included) and 64·10 into "
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
        assertTrue(o.matches("(?s).*Answer: the training loss (falls|does not fall) from \\d\\.\\d{4} \\(mean of the first 5 "
                + "instances\\).*"), o);
        assertTrue(o.contains("plot: " + out.resolve("q4-loss.png") + " (Q4: training loss against instances seen, each point the "
                + "mean of 5 instances)"), o);
        assertTrue(o.contains("departure from the sheet: data: the bundled 10,000-digit MNIST-10k is a substitute"), o);
        assertTrue(o.contains("departure from the sheet: --batch 10: minibatches of 10 instead of the sheet's one instance per step"), o);
        assertTrue(o.contains("Q7: the loss of each batch against the timestep, and per epoch; mean ± std over 2 seed(s)"), o);
        assertTrue(o.matches("(?s).*Answer: over the first 1 steps the training loss averages \\d\\.\\d{4} ± \\d\\.\\d{4}.*"), o);
        assertTrue(o.matches("(?s).*Answer: [0-9.e-]+: validation loss \\d\\.\\d{4}, accuracy \\d+\\.\\d\\d%; it is inside "
                + "the grid \\([0-9.e-]+ gives \\d\\.\\d{4}, [0-9.e-]+ gives \\d\\.\\d{4}\\).*"), o);
        assertTrue(o.contains("← lowest validation loss"), o);
        assertTrue(o.matches("(?s).*Q7.4: the chosen rate.*Answer: test accuracy \\d+\\.\\d\\d%.*"), o);
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
    void experimentHlcvDoesQ3bAndQ4OnCifarFilesTheUserSupplies() throws IOException {
        // Small CIFAR-10 binaries: 12 images per training batch, 20 test images; class k has a brighter band of pixels.
        Path cifar = dir.resolve("cifar");
        Files.createDirectories(cifar);
        Random rnd = new Random(3);
        for (String f : new String[] {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
                "data_batch_5.bin", "test_batch.bin"}) {
            int n = f.startsWith("test") ? 20 : 12;
            byte[] b = new byte[n * 3073];
            for (int r = 0; r < n; r++) {
                int label = rnd.nextInt(10);
                b[r * 3073] = (byte) label;
                for (int p = 0; p < 3072; p++) {
                    b[r * 3073 + 1 + p] = (byte) (rnd.nextInt(120) + (p / 300 == label ? 120 : 0));
                }
            }
            Files.write(cifar.resolve(f), b);
        }
        Path out = dir.resolve("hlcv");
        Run r = twingrad("experiment", "hlcv", "--data", "cifar:" + cifar, "--validation", "20", "--test-rows", "10", "--epochs",
                "2", "--quiet", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String o = r.out();
        assertTrue(o.contains("HLCV exercise 2 on CIFAR-10: 40 training, 20 validation, 10 test rows"), o);
        assertTrue(o.contains("One setting, trained on 40 training rows and measured on 20 held-out validation rows: hidden 50, "
                + "activation relu, lr 0.0001, batch 200, epochs 2, momentum 0, l2 0.25, lr-decay 0.95, init normal:1.0E-4"), o);
        assertTrue(o.matches("(?s).*Answer: with the starter's defaults, validation accuracy \\d+\\.\\d\\d%; the sheet "
                + "expects about 29%\\..*"), o);
        assertTrue(o.contains("Swept hidden ∈ {100, 200} × lr ∈ {0.0005, 0.001} × l2 ∈ {0.05, 0.25}: 8 settings"), o);
        assertTrue(o.matches("(?s).*Answer: the best setting reaches \\d+\\.\\d\\d% validation accuracy, (above|below) the "
                + "sheet's target of 48%; on the test set, once, \\d+\\.\\d\\d%.*"), o);
        assertTrue(o.matches("(?s).*Answer: 2 layers: training \\d+\\.\\d\\d%, validation \\d+\\.\\d\\d%; 3 layers: .*; "
                + "5 layers: training \\d+\\.\\d\\d%, validation \\d+\\.\\d\\d%\\. The best on validation has [2-5] layers.*"), o);
        assertEquals(2, o.split("Test set, used once", -1).length - 1, "the test set once for Q3b and once for Q4: " + o);
        assertTrue(o.contains("- 40 training, 20 validation and 10 test rows, where the starter has 49,000, 1,000 and 1,000"), o);
        assertTrue(o.contains("- SGD with momentum 0.9 and learning rate 0.01, where the starter uses Adam with 1e-3"), o);
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("## Q4: deeper networks, 2 to 5 layers") && md.contains("![validation accuracy per setting](q4-depth/sweep.png)"), md);
        for (String f : new String[] {"q3b-default/01/loss.png", "q3b-search/sweep.png", "q3b-search/08/model.twg",
                "q4-depth/validation-curves.png"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertBadInput("--validation takes a number of rows from 1 to 59 (the 60 training rows less one), got 1000",
                "experiment", "hlcv", "--data", "cifar:" + cifar, "--quiet", "--out", out.toString());
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
        for (String[] cmd : new String[][] {{"--help"}, {"train", "--help"}, {"evaluate", "--help"}, {"sweep", "--help"}, {"experiment", "--help"},
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
        assertBadInput("--lr must be a positive number, got -1.0", "train", "--lr", "-1", "--quiet");
        assertBadInput("--lr must be a positive number, got 0.0", "train", "--lr", "0", "--quiet");
        assertBadInput("--momentum must be in [0, 1), got 1.0", "train", "--momentum", "1", "--quiet");
        assertBadInput("--seed must be between 0 and 2^32 - 1 (as NumPy requires), got -5", "train", "--seed", "-5", "--quiet");
        assertBadInput("bad init 'normal:-1': the scale after ':' must be a positive number", "train", "--init", "normal:-1", "--quiet");
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
    void aSweepWhoseNetworkCannotFitInMemoryEndsWithOneLineBeforeWritingAnything() throws IOException {
        Run r = twingrad("sweep", "--data", data(), "--hidden", "8,100000000", "--epochs", "1", "--validation", "10", "--quiet",
                "--out", dir.resolve("sw").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("twingrad: --hidden 100000000 with --batch 50 needs about "), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(dir.resolve("sw")), "nothing written");
    }

    @Test
    void aRunNeverReplacesAFolderHoldingFilesItDidNotWrite() throws IOException {
        Path precious = Files.createDirectories(dir.resolve("precious"));
        Files.writeString(precious.resolve("mythesis.txt"), "keep");
        Run r = twingrad("train", "--data", data(), "--hidden", "4", "--epochs", "1", "--quiet", "--out", precious.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("twingrad: --out " + precious + " holds a file that no twingrad run writes (mythesis.txt): expected a new"
                + " folder, an empty one, or an earlier run's folder (which the new run replaces)", r.err().strip());
        assertEquals("keep", Files.readString(precious.resolve("mythesis.txt")));
        // An earlier run's folder is replaced whole.
        Path run = dir.resolve("run");
        assertEquals(0, twingrad("train", "--data", data(), "--hidden", "4", "--epochs", "1", "--quiet", "--out", run.toString()).code());
        Run again = twingrad("train", "--data", data(), "--hidden", "4", "--epochs", "2", "--quiet", "--out", run.toString());
        assertEquals(0, again.code(), again.err());
        assertEquals(3, Files.readAllLines(run.resolve("epochs.csv")).size(), "header + 2 epochs: the new run's files");
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
