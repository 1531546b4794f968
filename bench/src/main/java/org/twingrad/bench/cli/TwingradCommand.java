package org.twingrad.bench.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command; without a subcommand it prints its usage. */
@Command(name = "twingrad", mixinStandardHelpOptions = true, version = "twingrad 0.1.0",
        description = "Train and inspect the homework networks on the bundled MNIST subsets, with two autograd engines.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, SweepCommand.class, ExperimentCommand.class,
                ExplainCommand.class})
public final class TwingradCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
