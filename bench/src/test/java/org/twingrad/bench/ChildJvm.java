package org.twingrad.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code twingrad} command in a child JVM, on the test classpath, as a user runs it: its own working folder,
 * stdout and stderr to files (so neither is a terminal), its own exit code. For the crash tests, which stop the JVM
 * dead ({@code -Dtwingrad.crashAt=...}), and for what only a real process shows (stderr not a terminal, -Xmx).
 */
final class ChildJvm {
    record Run(int code, String out, String err) {
        /** stderr without the JVM's own notice about the incubator module. */
        String errLines() {
            return err.lines().filter(l -> !l.startsWith("WARNING: Using incubator modules")).reduce("", (a, b) -> a + b + "\n");
        }
    }

    private ChildJvm() {}

    /** Runs {@code java [jvmFlags] org.twingrad.bench.Main [args]} in {@code dir} and waits for it. */
    static Run twingrad(Path dir, List<String> jvmFlags, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmFlags);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.twingrad.bench.Main");
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int code = p.waitFor();
        Run r = new Run(code, Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return r;
    }
}
