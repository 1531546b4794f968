package org.twingrad.bench.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every experiment takes. */
final class ExperimentOptions {
    @Option(names = "--out", description = "output folder (default: runs/<experiment>)")
    Path out;

    @Option(names = "--epochs", defaultValue = "0", description = "override the sheet's number of epochs (0: as the sheet)")
    int epochs;

    @Option(names = "--limit", defaultValue = "0", description = "use only the first N training rows (and N/3 held-out rows), for quick runs")
    int limit;

    @Option(names = "--seed", defaultValue = "0", description = "seed of initialization and shuffling (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--quiet", description = "no progress bars")
    boolean quiet;

    int epochs(int sheet) {
        Experiment.require(epochs >= 0, "--epochs must be positive, got " + epochs);
        return epochs > 0 ? epochs : sheet;
    }

    /** The folder of {@code --data idx:DIR}, the MNIST IDX files that dlvu and tdt4265 take instead of the bundled data. */
    static String idxFolder(String data) {
        Experiment.require(data.startsWith("idx:") && data.length() > 4, "--data takes idx:DIR (a folder with the MNIST IDX files), got '"
                + data + "'");
        return data.substring(4);
    }
}
