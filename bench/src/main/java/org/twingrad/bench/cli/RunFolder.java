package org.twingrad.bench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.twingrad.tensor.nn.ModelFile;

/**
 * A run's output folder, consistent at every instant: the run writes into {@code <out>.partial} and only a finished
 * run is renamed into place as {@code <out>}. A run killed half-way leaves {@code <out>} as it was (an older run's
 * files stay together, never mixed with new ones) and its checkpoint in {@code <out>.partial}, from which
 * {@code --resume} continues it.
 *
 * <p>Replacing an older run takes two renames, {@code <out>} to {@code <out>.old} and {@code <out>.partial} to
 * {@code <out>}; a crash between them is repaired by the next run, which moves {@code <out>.old} back if
 * {@code <out>} is missing, and deletes it otherwise.
 *
 * @param out the folder the finished run is renamed to
 * @param dir where the run writes until it is finished, {@code <out>.partial}
 */
record RunFolder(Path out, Path dir) {
    /** {@code runs/train} → {@code runs/train.partial}. */
    static Path partialOf(Path out) {
        return sibling(out, ".partial");
    }

    /** {@code runs/train} → {@code runs/train} + {@code suffix}, as an absolute path. */
    private static Path sibling(Path out, String suffix) {
        Path abs = out.toAbsolutePath().normalize();
        return abs.resolveSibling(abs.getFileName() + suffix);
    }

    /**
     * Prepares a fresh run into {@code out} (a folder or no file yet: {@code train} checked), repairs what an earlier
     * crash left, and makes an empty {@code <out>.partial}. An earlier interrupted run with a checkpoint is not thrown
     * away unless {@code overwrite} says so.
     */
    static RunFolder start(Path out, boolean overwrite, PrintWriter log) throws IOException {
        repair(out, log);
        refuseForeignFiles(out);
        Path partial = partialOf(out);
        if (Files.isRegularFile(partial.resolve(Checkpoint.FILE)) && !overwrite) {
            throw new IllegalArgumentException("--out " + out + ": " + partial + " holds an interrupted run; continue it with"
                    + " --resume " + out + ", or pass --overwrite to discard it");
        }
        delete(partial);
        Files.createDirectories(partial);
        return new RunFolder(out, partial);
    }

    /**
     * The files a finished run can leave in its folder, in the order the console lists them: only a folder holding
     * nothing else (but a checkpoint) is replaced by a new run.
     */
    private static final List<String> RUN_FILES = List.of("steps.csv", "epochs.csv", "loss.png", "accuracy.png", "model.twg",
            "report.md");

    /**
     * A new run replaces an earlier run's folder whole, so it must never replace anything else: a folder that holds a
     * file or folder a run does not write (a thesis, the current directory) is refused, with or without
     * {@code --overwrite}.
     */
    private static void refuseForeignFiles(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return;
        }
        try (Stream<Path> entries = Files.list(out)) {
            List<String> foreign = entries.map(p -> p.getFileName().toString()).filter(name -> !RUN_FILES.contains(name)
                    && !name.equals(Checkpoint.FILE) && !name.matches(".*\\.twg\\d+\\.tmp")).sorted().toList();
            if (!foreign.isEmpty()) {
                throw new IllegalArgumentException("--out " + out + " holds " + (foreign.size() == 1 ? "a file" : foreign.size()
                        + " files") + " that no twingrad run writes (" + String.join(", ", foreign.subList(0, Math.min(3,
                        foreign.size()))) + (foreign.size() > 3 ? ", …" : "") + "): expected a new folder, an empty one, or an"
                        + " earlier run's folder (which the new run replaces)");
            }
        }
    }

    /** Continues the interrupted run whose checkpoint is in {@code partial}. */
    static RunFolder resume(Path out, Path partial, PrintWriter log) throws IOException {
        repair(out, log);
        for (Path p : ModelFile.removeStaleTemporaries(partial)) {
            log.println("removed " + p + ", the temporary file of a save that was interrupted");
        }
        return new RunFolder(out, partial);
    }

    /** The run's files in {@code dir}, in the order the console lists them. */
    static List<String> filesIn(Path dir) {
        return RUN_FILES.stream().filter(f -> Files.exists(dir.resolve(f))).toList();
    }

    private static void repair(Path out, PrintWriter log) throws IOException {
        Path old = sibling(out, ".old");
        if (Files.isDirectory(old)) {
            if (Files.exists(out)) {
                delete(old);
            } else {
                Files.move(old, out.toAbsolutePath().normalize(), StandardCopyOption.ATOMIC_MOVE);
                log.println("restored " + out + " from " + old + ", left by a run interrupted while replacing it");
            }
        }
        for (Path p : ModelFile.removeStaleTemporaries(out)) {
            log.println("removed " + p + ", the temporary file of a save that was interrupted");
        }
    }

    /** The run is finished: drop its checkpoint and put the folder in place of {@code <out>}. */
    void finish() throws IOException {
        Files.deleteIfExists(dir.resolve(Checkpoint.FILE));
        Path target = out.toAbsolutePath().normalize();
        Path old = sibling(out, ".old");
        if (Files.exists(target)) {
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
        delete(old);
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
