package org.twingrad.bench;

import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.util.Set;
import org.twingrad.bench.cli.TwingradCommand;
import org.twingrad.tensor.Kernels;
import picocli.CommandLine;

/**
 * The {@code twingrad} command: {@code train}, {@code evaluate}, {@code sweep}, {@code experiment
 * cmu|tdt4265|dlvu|hlcv} and {@code explain dlvu|cmu|cmu-zero|cmu-mse|FILE.json}. Bad input (unknown options,
 * out-of-range values, missing or malformed files) ends with one line naming the problem and exit code 2; a training
 * run stopped by a NaN or infinite loss exits with 1.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -jar bench/target/twingrad.jar train --epochs 50
 * </pre>
 */
public final class Main {
    /** Exit code for bad input. */
    public static final int BAD_INPUT = 2;

    /** The commands that train or evaluate a network on the tensor engine. */
    private static final Set<String> TRAINS = Set.of("train", "evaluate", "sweep", "experiment");

    private Main() {}

    public static void main(String[] args) {
        if (args.length > 0 && TRAINS.contains(args[0])) {
            Kernels.warmUp();   // C2 compiles the kernels while the options are parsed and the data read
        }
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(out, err, args));
    }

    /** Runs the command with the given streams; returns the exit code (for tests). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = TwingradCommand.forArgs(args);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((e, a) -> {
            err.println("twingrad: " + e.getMessage() + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help')");
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            err.println("twingrad: " + message(e));
            if (Boolean.getBoolean("twingrad.debug")) {
                e.printStackTrace(err);
            }
            return e instanceof RuntimeException && !(e instanceof IllegalArgumentException) && !(e instanceof ArithmeticException)
                    && !(e instanceof java.io.UncheckedIOException) ? 1 : BAD_INPUT;
        });
        try {
            return cl.execute(args);
        } finally {
            // Autoflush acts only on println: a table printed with print would be lost at System.exit without this.
            out.flush();
            err.flush();
        }
    }

    private static String message(Exception e) {
        if (e instanceof NoSuchFileException missing) {
            return (missing.getReason() != null ? missing.getReason() : "no such file") + ": " + missing.getFile();
        }
        if (e instanceof IllegalArgumentException || e instanceof java.io.IOException || e instanceof ArithmeticException) {
            return e.getMessage();
        }
        return "internal error: " + e + " (run with -Dtwingrad.debug=true for the stack trace)";
    }
}
