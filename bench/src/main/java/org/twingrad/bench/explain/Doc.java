package org.twingrad.bench.explain;

import org.twingrad.bench.cli.Table;

/**
 * Where a report is written: the console or a Markdown file. A report is rendered once, into either, so every
 * sentence of it exists once in the code.
 */
public interface Doc {
    /** The report's title. */
    void title(String text);

    /** A section heading. */
    void heading(String text);

    /** One line of prose. */
    void line(String text);

    /** A table. */
    void table(Table table);

    /** Preformatted text, kept as it is (an aligned table from elsewhere). */
    void pre(String text);

    /** Plain text for the terminal: underlined title and headings, aligned tables. */
    final class Text implements Doc {
        private final StringBuilder sb = new StringBuilder();

        @Override
        public void title(String text) {
            sb.append(text).append('\n').append("=".repeat(text.length())).append('\n');
        }

        @Override
        public void heading(String text) {
            sb.append('\n').append(text).append('\n').append("-".repeat(text.length())).append('\n');
        }

        @Override
        public void line(String text) {
            sb.append(text).append('\n');
        }

        @Override
        public void table(Table table) {
            sb.append(table.text()).append('\n');
        }

        @Override
        public void pre(String text) {
            sb.append(text);
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }

    /** Markdown: headings, paragraphs with hard line breaks, pipe tables, fenced blocks. */
    final class Markdown implements Doc {
        private final StringBuilder sb = new StringBuilder();

        @Override
        public void title(String text) {
            sb.append("# ").append(text).append("\n\n");
        }

        @Override
        public void heading(String text) {
            sb.append("\n## ").append(text).append("\n\n");
        }

        @Override
        public void line(String text) {
            sb.append(text).append("  \n");    // two spaces: a line break, not a new paragraph
        }

        @Override
        public void table(Table table) {
            sb.append('\n').append(table.markdown()).append('\n');
        }

        @Override
        public void pre(String text) {
            sb.append("\n```\n").append(text).append("```\n\n");
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }
}
