package org.twingrad.bench.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code twingrad experiment}: the experiments of the four homework sheets. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Rerun a homework sheet's experiments: cmu, tdt4265, dlvu or hlcv.",
        subcommands = {CmuExperiment.class, Tdt4265Experiment.class, DlvuExperiment.class, HlcvExperiment.class})
final class ExperimentCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
