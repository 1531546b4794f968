package org.twingrad.bench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An experiment's results, or an answer key, as one list of blocks (headings, sentences, tables, plots, the sheet's questions with their
 * answers and the departures from its procedure), rendered twice: as console text and as {@code report.md}. Each
 * result sentence is written once, here, so the console and the report cannot say different things.
 */
public final class Writeup {
    /** One block: how it is written on the console, and in Markdown. */
    private record Block(Consumer<StringBuilder> text, Consumer<StringBuilder> markdown) {
    }

    private final Path dir;
    private final List<Block> blocks = new ArrayList<>();
    /** Whether the last block was a {@link #line}, so the next block of another kind starts after a blank line. */
    private boolean inLines;

    /** A writeup whose plots live in {@code dir}, the folder {@code report.md} is written to. */
    public Writeup(Path dir) {
        this.dir = dir;
    }

    /** The document's title (Markdown level 1). */
    public Writeup title(String title) {
        return add(sb -> sb.append(title).append('\n').append("=".repeat(title.length())).append("\n\n"),
                sb -> sb.append("# ").append(title).append("\n\n"));
    }

    /** A section (Markdown level 2). */
    public Writeup section(String title) {
        return add(sb -> sb.append(title).append('\n').append("-".repeat(title.length())).append("\n\n"),
                sb -> sb.append("## ").append(title).append("\n\n"));
    }

    /** One line; consecutive lines stay together (a hard line break in Markdown). */
    public Writeup line(String text) {
        inLines = false;    // lines in a row stay together
        add(sb -> sb.append(text).append('\n'), sb -> sb.append(text).append("  \n"));
        inLines = true;
        return this;
    }

    /** Text kept as it is, such as a table aligned elsewhere: as printed on the console, fenced in Markdown. */
    public Writeup pre(String text) {
        return add(sb -> sb.append(text).append('\n'), sb -> sb.append("```\n").append(text).append("```\n\n"));
    }

    /** A paragraph of plain sentences. */
    public Writeup para(String text) {
        Consumer<StringBuilder> p = sb -> sb.append(text).append("\n\n");
        return add(p, p);
    }

    /** The sheet's question this part answers, in the sheet's words or close to them. */
    Writeup question(String id, String text) {
        return para("Sheet question " + id + ": " + text);
    }

    /** The answer to the question above, from the numbers of this run. */
    Writeup answer(String text) {
        return add(sb -> sb.append("Answer: ").append(text).append("\n\n"), sb -> sb.append("**Answer:** ").append(text).append("\n\n"));
    }

    /** Every way this run's procedure differs from the sheet's; an empty list says there is none. */
    Writeup departures(List<String> items) {
        if (items.isEmpty()) {
            return para("Departures from the sheet's procedure: none.");
        }
        Consumer<StringBuilder> list = sb -> {   // a bulleted list

            items.forEach(i -> sb.append("- ").append(i).append('\n'));
            sb.append('\n');
        };
        return para("Departures from the sheet's procedure:").add(list, list);
    }

    /** A table: aligned columns on the console, a Markdown table in the report. */
    public Writeup table(Table t) {
        return add(sb -> sb.append(t.text()).append('\n'), sb -> sb.append(t.markdown()).append('\n'));
    }

    /** A plot, {@code file} relative to the report's folder: its path on the console, the image in the report. */
    Writeup plot(String file, String caption) {
        return add(sb -> sb.append("plot: ").append(dir.resolve(file)).append(" (").append(caption).append(")\n\n"),
                sb -> sb.append("![").append(caption).append("](").append(file).append(")\n\n"));
    }

    /** One way this run's procedure differs from the sheet's, and why. */
    Writeup departure(String text) {
        return add(sb -> sb.append("departure from the sheet: ").append(text).append("\n\n"),
                sb -> sb.append("**Departure from the sheet:** ").append(text).append("\n\n"));
    }

    private Writeup add(Consumer<StringBuilder> text, Consumer<StringBuilder> md) {
        if (inLines) {      // a run of lines ends as a paragraph does, with a blank line
            inLines = false;
            add(sb -> sb.append('\n'), sb -> sb.append('\n'));
        }
        blocks.add(new Block(text, md));
        return this;
    }

    public String text() {
        return render(Block::text);
    }

    public String markdown() {
        return render(Block::markdown);
    }

    private String render(Function<Block, Consumer<StringBuilder>> side) {
        StringBuilder sb = new StringBuilder();
        blocks.forEach(b -> side.apply(b).accept(sb));
        return sb.toString();
    }

    /** Prints the text version to {@code out} and writes the Markdown version to {@code report.md} in the folder. */
    void publish(PrintWriter out) throws IOException {
        out.print(text());
        out.flush();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.md"), markdown());
    }
}
