package org.twingrad.bench.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.twingrad.tensor.train.Trainer;

/**
 * A progress bar per epoch (samples, running loss, samples/s) on stderr, and one summary line per epoch on stdout.
 * When stderr is not a terminal (redirected to a file or a pipe), the bar's hundreds of {@code \r}-joined redraws would
 * be unreadable there, so it gets one plain line per epoch instead.
 */
final class Progress implements Trainer.Listener {
    private final String run;
    private final int epochs;
    private final int rows;
    private final int batch;
    private final boolean bars;
    private final PrintWriter out;
    private final String heldOut;
    private final boolean terminal = Terminal.stderrIsTerminal();
    private ProgressBar bar;
    private double lossSum;
    private int steps;

    Progress(String run, int epochs, int rows, int batch, boolean bars, PrintWriter out, String heldOut) {
        this.run = run;
        this.epochs = epochs;
        this.rows = rows;
        this.batch = batch;
        this.bars = bars;
        this.out = out;
        this.heldOut = heldOut;
    }

    @Override
    public void step(int epoch, int step, int stepsPerEpoch, double loss) {
        if (step == 1) {
            lossSum = 0;
            steps = 0;
            if (bars && terminal) {
                // An explicit consumer of a fixed width: left to itself, the builder asks the terminal for its width,
                // which took 25–50 ms per bar here, inside the timed epoch.
                bar = new ProgressBarBuilder().setTaskName(run + " epoch " + epoch + "/" + epochs).setInitialMax(rows)
                        .setStyle(ProgressBarStyle.ASCII).setUnit(" samples", 1).showSpeed().setUpdateIntervalMillis(200)
                        .setConsumer(new ConsoleProgressBarConsumer(System.err, 110)).build();
            }
        }
        lossSum += loss;
        steps++;
        if (bar != null) {
            bar.stepTo(Math.min(rows, (long) step * batch));
            bar.setExtraMessage(String.format("  loss %.4f", lossSum / steps));
        }
    }

    @Override
    public void epoch(Trainer.Epoch e) {
        if (bar != null) {
            closeBar();
        } else if (bars && !terminal) {
            System.err.printf("%s epoch %d/%d: %d samples, loss %s, %,.0f samples/s%n", run, e.epoch(), epochs, rows,
                    Table.num(lossSum / Math.max(steps, 1)), e.samplesPerSecond());
            System.err.flush();
        }
        out.printf("%s epoch %d/%d  train loss %s acc %.2f%%  %s loss %s acc %.2f%%  %,.0f samples/s%n", run, e.epoch(),
                epochs, Table.num(e.trainLoss()), 100 * e.trainAccuracy(), heldOut, Table.num(e.testLoss()),
                100 * e.testAccuracy(), e.samplesPerSecond());
        out.flush();
    }

    /** Ends the epoch's progress bar, for loops that print their own epoch line. */
    void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
