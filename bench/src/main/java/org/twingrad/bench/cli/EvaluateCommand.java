package org.twingrad.bench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.twingrad.data.Dataset;
import org.twingrad.data.Split;
import org.twingrad.tensor.nn.ModelFile;
import org.twingrad.tensor.nn.MLP;
import org.twingrad.tensor.train.Evaluation;
import org.twingrad.tensor.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code twingrad evaluate}: a saved model on a dataset: loss, accuracy, confusion matrix. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Evaluate a model saved by 'train' on a dataset.")
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "a model.twg written by 'twingrad train'")
    Path model;

    @Mixin
    DataOptions data;

    @Option(names = "--split", defaultValue = "test", description = "train or test (default: ${DEFAULT-VALUE})")
    String split;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        Experiment.require(split.equals("train") || split.equals("test"), "unknown --split '" + split + "': expected train or test");
        Experiment.require(!Files.isDirectory(model), "--model " + model + " is a folder: expected a model file written by twingrad"
                + " train" + (Files.isRegularFile(model.resolve("model.twg")) ? " (such as " + model.resolve("model.twg") + ")" : ""));
        Experiment.require(Files.isRegularFile(model), "--model " + model + ": no such file (expected a model.twg written by twingrad train)");
        ModelSpec ms = ModelSpec.parse(ModelFile.load(model).description(), model.toString());
        MLP net = ms.build(org.twingrad.data.WeightInit.zeros(), 0);
        ModelFile.loadInto(model, net);
        Split s = data.load();
        o.println(DataSpec.rowsRead(s));
        Dataset d = split.equals("train") ? s.train() : s.test();
        Experiment.require(d.cols() == ms.inputs(), model + " takes " + ms.inputs() + " inputs, but " + data + " rows have " + d.cols());
        if (ms.normalization() != null) {
            d = ms.normalization().apply(d);
        }
        Evaluation e = Trainer.evaluate(net, d);
        o.printf("model %s (%s) on %s %s (%d rows)%n", model, ms.shortName(), data, split, d.rows());
        o.printf("loss %s, accuracy %.2f%%%n%nconfusion matrix (rows: true class, columns: predicted)%n%s",
                Table.num(e.loss()), 100 * e.accuracy(), e.confusionTable());
        return 0;
    }
}
