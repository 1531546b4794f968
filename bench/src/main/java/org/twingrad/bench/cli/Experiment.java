package org.twingrad.bench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * One sheet's experiments, as every {@code twingrad experiment} runs them: its options checked, its folder made, then
 * its runs trained into a result {@code R} (settings, outcomes and findings as data, no prose), and that rendered by one
 * {@link Writeup} to the console and {@code report.md}.
 */
abstract class Experiment<R> implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Options opts;

    @Override
    public final Integer call() throws Exception {
        check();
        Path out = opts.out != null ? opts.out : Path.of("runs", spec.name());
        Files.createDirectories(out);
        run(out, spec.commandLine().getOut());
        return 0;
    }

    /** Refuses the sheet's own options before anything is read or written; none by default. */
    void check() {
    }

    /** Refuses an option: {@code message} (one line naming the flag, expected and found) unless {@code ok}. */
    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The sheet's results, then their writeup to {@code o} and {@code out/report.md}. */
    void run(Path out, PrintWriter o) throws Exception {
        writeup(results(out, o), out).publish(o);
    }

    /** Trains the sheet's runs, printing only progress to {@code o}: their settings, outcomes and findings. */
    abstract R results(Path out, PrintWriter o) throws Exception;

    /** Every sentence, table and plot of the report, from {@code results} (plots saved to {@code out}). */
    abstract Writeup writeup(R results, Path out) throws IOException;

    /** Options every experiment takes (a picocli mixin). */
    static final class Options {
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
            require(epochs >= 0, "--epochs must be positive, got " + epochs);
            return epochs > 0 ? epochs : sheet;
        }

        /** The folder of {@code --data idx:DIR}, the MNIST IDX files that dlvu and tdt4265 take instead of the bundled data. */
        static String idxFolder(String data) {
            require(data.startsWith("idx:") && data.length() > 4, "--data takes idx:DIR (a folder with the MNIST IDX files), got '"
                    + data + "'");
            return data.substring(4);
        }
    }
}
