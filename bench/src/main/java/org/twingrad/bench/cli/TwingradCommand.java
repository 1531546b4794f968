package org.twingrad.bench.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command; without a subcommand it prints its usage. */
@Command(name = "twingrad", mixinStandardHelpOptions = true, version = "twingrad 0.1.0",
        description = "Train and inspect the homework networks on the bundled MNIST subsets, with two autograd engines.")
public final class TwingradCommand implements Runnable {
    private static final List<Class<?>> SUBCOMMANDS = List.of(TrainCommand.class, EvaluateCommand.class, SweepCommand.class,
            ExperimentCommand.class, ExplainCommand.class);

    @Spec
    CommandSpec spec;

    /** Picocli reflects over every command it is given (a third of a second for all): only the one named is built. */
    public static CommandLine forArgs(String... args) {
        CommandLine cl = new CommandLine(new TwingradCommand());
        List<Class<?>> named = SUBCOMMANDS.stream()
                .filter(c -> args.length > 0 && c.getAnnotation(Command.class).name().equals(args[0])).toList();
        (named.isEmpty() ? SUBCOMMANDS : named).forEach(cl::addSubcommand);
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
