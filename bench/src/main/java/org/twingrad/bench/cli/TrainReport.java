package org.twingrad.bench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code report.md} of a {@code train} run, and the list of what the run wrote. Both name only files that are on disk:
 * a run whose loss became NaN in its first epoch has no curves to plot, and a report linking them would lie.
 */
final class TrainReport {
    /** Every file a finished run can hold, in the order the console lists them. */
    private static final String[] FILES = {"steps.csv", "epochs.csv", "loss.png", "accuracy.png", "model.twg", "report.md"};

    private TrainReport() {}

    /** Writes {@code dir/report.md}: {@code head} (data and network), the table, why it stopped, the time, the plots. */
    static void write(Path dir, String head, TrainingRun.Outcome r, Table t) throws IOException {
        Writeup w = new Writeup(dir).title("twingrad train").para(head);
        if (r.last() != null) {
            w.table(t);
        } else {
            w.para("No epoch finished.");
        }
        if (r.result().stoppedReason() != null) {
            w.para("Stopped: " + r.result().stoppedReason());
        }
        w.para(String.format("Time: %.1f s.", r.seconds()));
        for (String plot : new String[] {"loss", "accuracy"}) {
            if (Files.exists(dir.resolve(plot + ".png"))) {
                w.plot(plot + ".png", plot);
            }
        }
        Files.writeString(dir.resolve("report.md"), w.markdown());
    }

    /** The run's files that exist in {@code dir}. */
    static List<String> filesIn(Path dir) {
        return java.util.Arrays.stream(FILES).filter(f -> Files.exists(dir.resolve(f))).toList();
    }
}
