package org.twingrad.bench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An experiment's findings as data: headings, sentences, answers to the sheet's questions, departures from the sheet's
 * procedure, tables and plots, in order. One renderer turns them into the console text and another into
 * {@code report.md}, so each result sentence is written once and both say the same thing.
 *
 * <pre>{@code
 * ExperimentReport r = new ExperimentReport("TDT4265 assignment 2");
 * r.heading("Task 2c").answer("validation accuracy 92.10%").plot("task2c-loss.png", "loss against gradient steps");
 * r.print(out, dir);   // the console text
 * r.write(dir);        // report.md
 * }</pre>
 */
final class ExperimentReport {
    private enum Kind { HEADING, TEXT, ANSWER, DEPARTURE, TABLE, PLOT }

    private record Block(Kind kind, String text, Table table) {
    }

    private final String title;
    private final List<Block> blocks = new ArrayList<>();

    ExperimentReport(String title) {
        this.title = title;
    }

    /** A section: the sheet's question or task it serves. */
    ExperimentReport heading(String text) {
        blocks.add(new Block(Kind.HEADING, text, null));
        return this;
    }

    /** A sentence of context (settings, data). */
    ExperimentReport text(String text) {
        blocks.add(new Block(Kind.TEXT, text, null));
        return this;
    }

    /** The answer to the section's question, from the runs' figures. */
    ExperimentReport answer(String text) {
        blocks.add(new Block(Kind.ANSWER, text, null));
        return this;
    }

    /** Something done differently from the sheet's procedure, and why. */
    ExperimentReport departure(String text) {
        blocks.add(new Block(Kind.DEPARTURE, text, null));
        return this;
    }

    ExperimentReport table(Table t) {
        blocks.add(new Block(Kind.TABLE, null, t));
        return this;
    }

    /** A plot written to {@code file} (relative to the output folder). */
    ExperimentReport plot(String file, String caption) {
        blocks.add(new Block(Kind.PLOT, file + "\u0000" + caption, null));
        return this;
    }

    /** The console text; plots are named by their path under {@code dir}. */
    String text(Path dir) {
        StringBuilder sb = new StringBuilder(title).append('\n').append("=".repeat(title.length())).append('\n');
        for (Block b : blocks) {
            switch (b.kind()) {
                case HEADING -> sb.append('\n').append(b.text()).append('\n').append("-".repeat(b.text().length())).append('\n');
                case TEXT -> sb.append(b.text()).append('\n');
                case ANSWER -> sb.append("answer: ").append(b.text()).append('\n');
                case DEPARTURE -> sb.append("departure from the sheet: ").append(b.text()).append('\n');
                case TABLE -> sb.append(b.table().text());
                case PLOT -> {
                    String[] p = b.text().split("\u0000", 2);
                    sb.append("plot: ").append(dir.resolve(p[0])).append(" (").append(p[1]).append(")\n");
                }
            }
        }
        return sb.toString();
    }

    /** The Markdown of {@code report.md}; plots are linked relative to the report. */
    String markdown() {
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n");
        for (Block b : blocks) {
            switch (b.kind()) {
                case HEADING -> sb.append("## ").append(b.text()).append("\n\n");
                case TEXT -> sb.append(b.text()).append("\n\n");
                case ANSWER -> sb.append("**Answer:** ").append(b.text()).append("\n\n");
                case DEPARTURE -> sb.append("**Departure from the sheet:** ").append(b.text()).append("\n\n");
                case TABLE -> sb.append(b.table().markdown()).append('\n');
                case PLOT -> {
                    String[] p = b.text().split("\u0000", 2);
                    sb.append("![").append(p[1]).append("](").append(p[0]).append(")\n\n");
                }
            }
        }
        return sb.toString();
    }

    /** Prints the console text and writes {@code report.md} into {@code dir}. */
    void publish(PrintWriter out, Path dir) throws IOException {
        out.println();
        out.print(text(dir));
        out.printf("%nreport: %s%n", dir.resolve("report.md"));
        out.flush();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.md"), markdown());
    }
}
