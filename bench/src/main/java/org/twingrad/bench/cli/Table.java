package org.twingrad.bench.cli;

import java.util.ArrayList;
import java.util.List;

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
        String[] r = new String[header.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = i < cells.length ? String.valueOf(cells[i]) : "";
        }
        rows.add(r);
        return this;
    }

    /** Aligned columns for the terminal. */
    public String text() {
        int[] w = new int[header.length];
        for (int c = 0; c < w.length; c++) {
            w[c] = header[c].length();
            for (String[] r : rows) {
                w[c] = Math.max(w[c], r[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, w, right);
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < w.length; c++) {
            // An unnamed column after the first (a marker such as "← lowest") gets no rule; the first keeps its dashes.
            rule.append((c > 0 && header[c].isEmpty() ? " " : "-").repeat(w[c])).append(c < w.length - 1 ? "  " : "");
        }
        sb.append(rule.toString().stripTrailing()).append('\n');
        for (String[] r : rows) {
            line(sb, r, w, right);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] cells, int[] w, boolean[] right) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < w.length; c++) {
            String pad = " ".repeat(w[c] - cells[c].length());
            l.append(right[c] ? pad + cells[c] : cells[c] + pad).append(c < w.length - 1 ? "  " : "");
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }

    /** A Markdown pipe table. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("| ").append(String.join(" | ", header)).append(" |\n|");
        for (int c = 0; c < header.length; c++) {
            sb.append("---|");
        }
        sb.append('\n');
        for (String[] r : rows) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
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
