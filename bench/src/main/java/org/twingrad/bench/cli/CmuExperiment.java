package org.twingrad.bench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.twingrad.data.Mnist;
import org.twingrad.data.Split;
import org.twingrad.data.WeightInit;
import org.twingrad.tensor.nn.Activation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** CMU 10-701 HW3 §5.6 (a)–(e) on MNIST-4000, 50 epochs each, unshuffled batches as the sheet does. */
@Command(name = "cmu", mixinStandardHelpOptions = true,
        description = "CMU 10-701 HW3 §5.6 (a)-(e) on MNIST-4000: (a) 256 sigmoid, lr 0.01, batch 50; (b) lr 0.001; "
                + "(c) ReLU; (d) ReLU, batch 200; (e) ReLU, hidden 384,256. 50 epochs, unshuffled.")
final class CmuExperiment implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ExperimentOptions opts;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        Path out = opts.out("cmu");
        Split data = DataSpec.limit(Mnist.mnist4000(), opts.limit);
        Settings a = new Settings(new int[] {256}, Activation.SIGMOID, 0.01, 50, opts.epochs(50), 0, 0, WeightInit.xavier(),
                false, 0, opts.seed, false);
        Map<String, Settings> runs = new LinkedHashMap<>();
        runs.put("a", a);
        runs.put("b", a.withLearningRate(0.001));
        runs.put("c", a.withActivation(Activation.RELU));
        runs.put("d", a.withActivation(Activation.RELU).withBatch(200));
        runs.put("e", a.withActivation(Activation.RELU).withHidden(384, 256));
        o.printf("CMU 10-701 HW3 §5.6 on MNIST-4000 (%d train, %d test rows)%n", data.train().rows(), data.test().rows());
        Map<String, TrainingRun.Outcome> results = new LinkedHashMap<>();
        Table t = new Table("run", "settings", "train acc", "test acc", "train loss", "test loss", "time");
        long t0 = System.nanoTime();
        for (Map.Entry<String, Settings> r : runs.entrySet()) {
            o.printf("(%s) %s%n", r.getKey(), r.getValue().describe());
            o.flush();
            TrainingRun.Outcome res = TrainingRun.run("(" + r.getKey() + ")", data, null, r.getValue(), out.resolve(r.getKey()),
                    !opts.quiet, o, "test");
            results.put(r.getKey(), res);
            t.row("(" + r.getKey() + ")", r.getValue().describe(), Table.pct(res.last().trainAccuracy()), Table.pct(res.last().testAccuracy()),
                    Table.num(res.last().trainLoss()), Table.num(res.last().testLoss()), String.format("%.1f s", res.seconds()));
        }
        double total = (System.nanoTime() - t0) / 1e9;
        String findings = String.join("\n",
                finding("a lower learning rate learns slower: (b) ends with a higher training loss than (a)",
                        results.get("b").last().trainLoss() > results.get("a").last().trainLoss()),
                finding("ReLU beats sigmoid: (c) has a higher test accuracy than (a)",
                        results.get("c").last().testAccuracy() > results.get("a").last().testAccuracy()),
                finding("batch 200 is below batch 50: (d) has a lower test accuracy than (c)",
                        results.get("d").last().testAccuracy() < results.get("c").last().testAccuracy()));
        o.println();
        o.print(t.text());
        o.println();
        o.println(findings);
        o.printf("%nall five runs: %.1f s; plots and curves in %s/a … %s/e, summary in %s/report.md%n", total, out, out, out);
        StringBuilder md = new StringBuilder("# CMU 10-701 HW3 §5.6 on MNIST-4000\n\n");
        md.append(data.train().rows()).append(" training and ").append(data.test().rows())
                .append(" test rows; unshuffled minibatches; Xavier initialization; seed ").append(opts.seed).append(".\n\n");
        md.append(t.markdown()).append('\n').append(findings.replace("\n", "\n\n")).append("\n\n");
        md.append(String.format("Total time %.1f s.%n%n", total));
        for (String k : runs.keySet()) {
            md.append("## (").append(k).append(")\n\n![loss](").append(k).append("/loss.png)\n![accuracy](").append(k).append("/accuracy.png)\n\n");
        }
        Files.writeString(out.resolve("report.md"), md);
        return 0;
    }

    static String finding(String claim, boolean holds) {
        return (holds ? "yes: " : "NO:  ") + claim;
    }
}
