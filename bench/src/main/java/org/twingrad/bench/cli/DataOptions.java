package org.twingrad.bench.cli;

import java.io.IOException;
import org.twingrad.data.Split;
import picocli.CommandLine.Option;

/** The data options {@code train}, {@code sweep} and {@code evaluate} share (a picocli mixin): where the rows come from. */
final class DataOptions {
    @Option(names = "--data", defaultValue = "mnist4000", description = "mnist4000, mnist10k, idx:DIR, csv:TRAIN,TEST or cifar:DIR (default: ${DEFAULT-VALUE})")
    String data;

    @Option(names = "--label-first", description = "CSV files have the label in the first column (Kaggle), not the last (CMU)")
    boolean labelFirst;

    /** The training and test rows, read as {@link DataSpec} reads them. */
    Split load() throws IOException {
        return DataSpec.load(data, labelFirst);
    }

    @Override
    public String toString() {
        return data;
    }
}
