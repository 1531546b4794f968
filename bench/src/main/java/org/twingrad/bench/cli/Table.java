package org.twingrad.bench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** A results table, printed aligned for the terminal and as Markdown for {@code report.md}. */
public final class Table {
    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();
    private boolean[] right;

    /** A table with these column headings. */
    public Table(String... header) {
        this.header = header;
        this.right = new boolean[header.length];
    }

    /** Right-aligns these columns in {@link #text()} (numbers of one column then line up at the decimal point). */
    public Table alignRight(int... columns) {
        for (int c : columns) {
            right[c] = true;
        }
        return this;
    }

    /** Adds a row; missing cells are empty. */
    public Table row(Object... cells) {
        rows.add(IntStream.range(0, header.length).mapToObj(i -> i < cells.length ? String.valueOf(cells[i]) : "")
                .toArray(String[]::new));
        return this;
    }

    /** Aligned columns for the terminal. */
    public String text() {
        int[] w = IntStream.range(0, header.length)
                .map(c -> Math.max(header[c].length(), rows.stream().mapToInt(r -> r[c].length()).max().orElse(0))).toArray();
        StringBuilder sb = new StringBuilder(line(header, w));
        // An unnamed column after the first (a marker such as "← lowest") gets no rule; the first keeps its dashes.
        String rule = IntStream.range(0, w.length).mapToObj(c -> (c > 0 && header[c].isEmpty() ? " " : "-").repeat(w[c]))
                .collect(Collectors.joining("  "));
        sb.append(rule.stripTrailing()).append('\n');
        rows.forEach(r -> sb.append(line(r, w)));
        return sb.toString();
    }

    /** One row of cells padded to the widths {@code w}, two spaces apart. */
    private String line(String[] cells, int[] w) {
        return IntStream.range(0, w.length).mapToObj(c -> right[c] ? " ".repeat(w[c] - cells[c].length()) + cells[c]
                : cells[c] + " ".repeat(w[c] - cells[c].length())).collect(Collectors.joining("  ")).stripTrailing() + "\n";
    }

    /** A Markdown pipe table. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("| ").append(String.join(" | ", header)).append(" |\n|")
                .append("---|".repeat(header.length)).append('\n');
        rows.forEach(r -> sb.append("| ").append(String.join(" | ", r)).append(" |\n"));
        return sb.toString();
    }

    static String pct(double fraction) {
        return String.format("%.2f%%", 100 * fraction);
    }

    /**
     * A loss to 4 decimals, or in scientific notation when fixed point would not show it: a diverging run's 1e300
     * would otherwise print as a 301-digit number, and 3e-7 as 0.0000. One place for the console, report.md and evaluate.
     */
    public static String num(double v) {
        double a = Math.abs(v);
        return a != 0 && (a >= 1e5 || a < 1e-4) && Double.isFinite(v) ? String.format("%.4e", v) : String.format("%.4f", v);
    }
}
