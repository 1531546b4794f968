package org.twingrad.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twingrad.tensor.CrashPoints;

/**
 * Issue 12, case 5, and what only a real process shows (cases 4 and 8): the command in a child JVM, stopped dead at a
 * chosen point ({@code -Dtwingrad.crashAt}, a halt: no shutdown hooks, no finally blocks, as kill -9), then run again.
 */
class CrashTest {
    @TempDir
    Path dir;

    /** Momentum and shuffling, so the velocity and the shuffling generator must both come through the checkpoint. */
    private static final String[] RUN = {"--hidden", "8", "--lr", "0.5", "--epochs", "5", "--batch", "10", "--momentum", "0.9",
            "--shuffle", "--seed", "3", "--quiet"};

    private String[] train(String out, String... more) throws IOException {
        List<String> a = new ArrayList<>(List.of("train", "--data", TestData.data(dir)));
        a.addAll(List.of(RUN));
        a.addAll(List.of("--out", out));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    private ChildJvm.Run child(List<String> flags, String... args) throws Exception {
        return ChildJvm.twingrad(dir, flags, args);
    }

    private static List<String> crashAt(String point) {
        return List.of("-Dtwingrad.crashAt=" + point);
    }

    private List<String> files(String folder) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve(folder))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aRunKilledAfterEpoch3ResumesToTheBitIdenticalResultOfAnUninterruptedRun() throws Exception {
        ChildJvm.Run whole = child(List.of(), train("whole"));
        assertEquals(0, whole.code(), whole.err());

        ChildJvm.Run killed = child(crashAt("checkpoint:3"), train("run"));
        assertEquals(CrashPoints.EXIT_CODE, killed.code(), killed.err());
        assertFalse(Files.exists(dir.resolve("run")), "nothing is in place of a run that did not finish");
        assertEquals(List.of("checkpoint.twg"), files("run.partial"));

        ChildJvm.Run resumed = child(List.of(), "train", "--resume", "run");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().startsWith("resuming " + dir.resolve("run.partial/checkpoint.twg") + " after epoch 3 of 5\n"),
                resumed.out());
        assertTrue(resumed.out().contains("train epoch 4/5") && !resumed.out().contains("train epoch 3/5"), resumed.out());
        assertArrayEquals(Files.readAllBytes(dir.resolve("whole/model.twg")), Files.readAllBytes(dir.resolve("run/model.twg")),
                "the weights, bit for bit");
        assertEquals(Files.readString(dir.resolve("whole/steps.csv")), Files.readString(dir.resolve("run/steps.csv")),
                "every step's loss, all 45");
        assertEquals(withoutTimes("whole"), withoutTimes("run"), "every epoch's losses and accuracies");
        assertEquals(files("whole"), files("run"));
        assertFalse(Files.exists(dir.resolve("run.partial")));
    }

    /** epochs.csv without its last column, the epoch's wall time. */
    private List<String> withoutTimes(String folder) throws IOException {
        return Files.readAllLines(dir.resolve(folder).resolve("epochs.csv")).stream()
                .map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }

    @Test
    void aRunKilledWhileReplacingAnOlderOneLeavesTheOlderOneWholeAndIsNotDiscardedSilently() throws Exception {
        ChildJvm.Run first = child(List.of(), train("run", "--l2", "0.001"));
        assertEquals(0, first.code(), first.err());
        List<String> before = files("run");
        byte[] model = Files.readAllBytes(dir.resolve("run/model.twg"));
        String report = Files.readString(dir.resolve("run/report.md"));

        ChildJvm.Run killed = child(crashAt("checkpoint:2"), train("run"));
        assertEquals(CrashPoints.EXIT_CODE, killed.code(), killed.err());
        assertEquals(before, files("run"), "no new file beside the old ones");
        assertArrayEquals(model, Files.readAllBytes(dir.resolve("run/model.twg")));
        assertEquals(report, Files.readString(dir.resolve("run/report.md")));

        ChildJvm.Run again = child(List.of(), train("run"));
        assertEquals(2, again.code());
        assertEquals("twingrad: --out run: " + dir.resolve("run.partial") + " holds an interrupted run; continue it with"
                + " --resume run, or pass --overwrite to discard it\n", again.errLines());

        ChildJvm.Run overwrite = child(List.of(), train("run", "--overwrite"));
        assertEquals(0, overwrite.code(), overwrite.err());
        assertTrue(report.contains("L2 0.001") && !Files.readString(dir.resolve("run/report.md")).contains("L2 0.001"),
                "the new run replaced the old one");
        assertFalse(Files.exists(dir.resolve("run.partial")) || Files.exists(dir.resolve("run.old")));
    }

    @Test
    void aKillWhileSavingTheModelLeavesATemporaryFileThatTheResumedRunRemoves() throws Exception {
        ChildJvm.Run killed = child(crashAt("temp-written:model.twg"), train("run"));
        assertEquals(CrashPoints.EXIT_CODE, killed.code(), killed.err());
        List<String> left = files("run.partial");
        String tmp = left.stream().filter(f -> f.matches("model\\.twg\\d+\\.tmp")).findFirst().orElseThrow(() ->
                new AssertionError("the orphan of the interrupted save: " + left));
        assertFalse(left.contains("model.twg"), "the save never finished: " + left);

        ChildJvm.Run resumed = child(List.of(), "train", "--resume", "run", "--quiet");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("removed " + dir.resolve("run.partial").resolve(tmp)
                + ", the temporary file of a save that was interrupted\n"), resumed.out());
        assertEquals(List.of("accuracy.png", "epochs.csv", "loss.png", "model.twg", "report.md", "steps.csv"), files("run"));
    }

    /** Case 8: with stderr redirected, one plain line per epoch instead of the bar's \r-joined redraws. */
    @Test
    void whenStderrIsNotATerminalEachEpochGetsOnePlainProgressLine() throws Exception {
        ChildJvm.Run r = child(List.of(), "train", "--data", TestData.data(dir), "--hidden", "8", "--lr", "0.5", "--epochs", "3",
                "--batch", "10", "--out", "run");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("\r"), r.err());
        List<String> lines = r.errLines().lines().toList();
        assertEquals(3, lines.size(), r.err());
        for (int e = 1; e <= 3; e++) {
            assertTrue(lines.get(e - 1).matches("train epoch " + e + "/3: 90 samples, loss \\d\\.\\d{4}, [\\d,]+ samples/s"),
                    lines.get(e - 1));
        }
    }

    /** Case 4: a network too big for the heap is one line before anything is allocated, not an OutOfMemoryError. */
    @Test
    void aNetworkTooBigForTheHeapIsOneLineWithTheNeedTheLimitAndWhatToChange() throws Exception {
        ChildJvm.Run r = child(List.of("-Xmx64m"), "train", "--data", TestData.data(dir), "--hidden", "100000", "--out", "run");
        assertEquals(2, r.code(), r.err());
        String line = r.errLines();
        assertEquals(1, line.lines().count(), r.err());
        assertTrue(line.matches("twingrad: --hidden 100000 with --batch 50 needs about [\\d,]+ MB to train, more than the JVM's"
                + " maximum heap of \\d+ MB: lower --hidden or --batch, or give Java more memory with -Xmx \\(java -Xmx1g -jar"
                + " twingrad.jar \\.\\.\\.\\)\n"), line);
        assertFalse(r.err().contains("OutOfMemoryError") || r.err().contains("\tat "), r.err());
        assertFalse(Files.exists(dir.resolve("run")) || Files.exists(dir.resolve("run.partial")));
    }
}
