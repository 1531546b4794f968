package org.twingrad.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code main} in a child JVM, its real stdout read to the end: what a user sees. Output printed but never
 * flushed before {@code System.exit} is lost only here, never through {@link Main#run}'s StringWriters, so each
 * command's process output must equal the in-process output in full.
 */
class MainProcessTest {
    @TempDir
    Path dir;

    record Process(int code, String out, String err) {
    }

    static Process main(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        java.lang.Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        // Read both streams to the end (stderr on its own thread, so a full pipe never blocks the child).
        java.util.concurrent.CompletableFuture<String> err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM ends");
        return new Process(p.exitValue(), out, err.join());
    }

    private static void sameAsInProcess(String... args) throws IOException, InterruptedException {
        Process real = main(args);
        CliTest.Run inProcess = CliTest.twingrad(args);
        assertEquals(inProcess.code(), real.code(), String.join(" ", args) + ": " + real.err());
        assertEquals(inProcess.out(), real.out(), String.join(" ", args));
    }

    @Test
    void explainDlvuPrintsTheWholeTableThroughTheRealStdout() throws IOException, InterruptedException {
        Process p = main("explain", "dlvu");
        assertEquals(0, p.code(), p.err());
        assertTrue(p.out().contains("  33  W2[0,0]  leaf         1.0000  -0.4404"), "the last of 33 steps:\n" + p.out());
        assertTrue(p.out().endsWith("every row is first predicted as its target (class 0) after 1 step.\n"), p.out());
        sameAsInProcess("explain", "dlvu");
    }

    @Test
    void explainCmuPrintsAll68StepsAndTheRestThroughTheRealStdout() throws IOException, InterruptedException {
        Process p = main("explain", "cmu");
        assertEquals(0, p.code(), p.err());
        assertTrue(p.out().matches("(?s).*\\n  68  W2\\[0,0]  leaf +1\\.0000 +0\\.0215\\n.*"), "step 68 of 68:\n" + p.out());
        assertTrue(p.out().endsWith("every row is first predicted as its target (class 3) after 1 step.\n"), p.out());
        sameAsInProcess("explain", "cmu");
    }

    @Test
    void everyOtherKindOfOutputArrivesWholeToo() throws IOException, InterruptedException {
        sameAsInProcess("explain", "cmu-mse", "--vary", "activation=relu,tanh,sigmoid,identity");
        sameAsInProcess("explain", "cmu", "--json");
        sameAsInProcess("explain", "--print-file", "cmu");
        sameAsInProcess("--help");
        sameAsInProcess("train", "--help");
        sameAsInProcess("explain", "lenet");
        sameAsInProcess("experiment", "hlcv", "--quiet", "--out", dir.resolve("hlcv").toString());
    }
}
