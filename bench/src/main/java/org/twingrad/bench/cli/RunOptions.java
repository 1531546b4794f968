package org.twingrad.bench.cli;

import picocli.CommandLine.Option;

/** The options {@code train} and {@code sweep} share (a picocli mixin): how the weights start, how the rows are fed. */
final class RunOptions {
    @Option(names = "--init", defaultValue = "xavier", description = "uniform:A, normal:S, fanin, xavier, he or zeros (default: ${DEFAULT-VALUE})")
    String init;

    @Option(names = "--normalize", description = "normalize inputs with the training rows' mean and std")
    boolean normalize;

    @Option(names = "--shuffle", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = "shuffle the batches every epoch (default: unshuffled, as CMU's sheet)")
    boolean shuffle;

    @Option(names = "--limit", defaultValue = "0", description = "use only the first N training rows (and N/3 test rows), for quick runs")
    int limit;

    @Option(names = "--quiet", description = "no progress bars")
    boolean quiet;
}
