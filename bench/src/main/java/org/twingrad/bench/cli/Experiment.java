package org.twingrad.bench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * One sheet's experiments, as every {@code twingrad experiment} runs them: its options checked, its folder made, then
 * its runs trained and what they show written by one {@link Writeup} to the console and {@code report.md}.
 */
abstract class Experiment implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ExperimentOptions opts;

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

    /** Trains the sheet's runs and writes their findings to {@code o} and {@code out/report.md}. */
    abstract void run(Path out, PrintWriter o) throws Exception;
}
