package org.twingrad.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;

/**
 * Reads labelled examples from CSV (plain or gzipped), one example per line, in a {@link CsvFormat}.
 *
 * <pre>{@code
 * Dataset train = CsvReader.read(Path.of("mnist_train.csv"), CsvFormat.CMU);
 * }</pre>
 *
 * Every line must have the same number of columns as the first data line; every cell must be a number; labels must be
 * whole numbers in 0 … classes−1; pixels must lie in their range. Anything else is a {@link MalformedDataException}
 * naming the file, the line (and column) and what was expected, and nothing is returned.
 */
public final class CsvReader {
    private CsvReader() {}

    /** Reads a CSV file; gzip is recognized by its magic bytes. */
    public static Dataset read(Path file, CsvFormat format) throws IOException {
        return parse(DataFiles.readAll(file), file.toString(), format);
    }

    /** Reads CSV from a stream; {@code source} names it in error messages. */
    public static Dataset read(InputStream in, String source, CsvFormat format) throws IOException {
        return parse(DataFiles.readAll(in, source), source, format);
    }

    private static Dataset parse(byte[] text, String source, CsvFormat format) throws IOException {
        Cursor c = new Cursor(text, source);
        if (!c.skipBlankLines()) {
            throw new MalformedDataException(source, "line 1", "CSV rows of features and a label", "an empty file");
        }
        // AUTO takes the first line for a header only if no cell of it reads as a number: a single typo, "nan" or
        // stray character in a data row must be an error, not a silently dropped row.
        if (format.header() == CsvFormat.Header.PRESENT
                || (format.header() == CsvFormat.Header.AUTO && c.lineHasNoNumber())) {
            c.skipLine();
            if (!c.skipBlankLines()) {
                throw new MalformedDataException(source, "line " + c.line, "data rows after the header", "none");
            }
        }
        int cols = -1;
        // At most one cell per comma or line end, counted first: a list grown by doubling held 2.5 times the data.
        int cells = 1;
        for (int i = c.pos; i < text.length; i++) {
            cells += text[i] == ',' || text[i] == '\n' ? 1 : 0;
        }
        double[] values = new double[cells];
        int size = 0;
        IntStream.Builder labels = IntStream.builder();
        double rawMax = 0;
        double max = format.scale() == CsvFormat.DETECT ? 255 : format.scale();
        while (c.skipBlankLines()) {
            int start = size;
            int column = 0;
            double rawLabel = 0;
            do {
                column++;
                double v = c.number(column);
                if (format.labelFirst() && column == 1) {
                    rawLabel = v;
                } else {
                    values[size++] = v;
                }
            } while (c.comma());
            if (!format.labelFirst()) {
                rawLabel = values[--size];
            }
            // The width first, then the label: a short row's last cell is a feature, and "wrong label" would
            // send the reader of the message looking in the wrong place.
            if (cols < 0) {
                cols = column;
                if (cols < 2) {
                    throw new MalformedDataException(source, "line " + c.line, "at least 2 columns (features and a label)",
                            cols + " column");
                }
            } else if (column != cols) {
                throw new MalformedDataException(source, "line " + c.line, cols + " columns", column + " columns");
            }
            int label = c.label(rawLabel, format.labelFirst() ? 1 : column, format.classes());
            for (int i = start; i < size; i++) {
                double v = values[i];
                if (format.scale() != CsvFormat.UNBOUNDED && (v < 0 || v > max)) {
                    int col = (i - start) + (format.labelFirst() ? 2 : 1);
                    throw new MalformedDataException(source, "line " + c.line + ", column " + col,
                            "a pixel value in [0, " + fmt(max) + "]", fmt(v));
                }
                rawMax = Math.max(rawMax, v);
            }
            labels.add(label);
            c.endLine();
        }
        double scale = format.scale() == CsvFormat.DETECT ? (rawMax <= 1.0 ? 1.0 : 255.0) : format.scale();
        double[] x = Arrays.copyOf(values, size);
        if (scale != 1.0 && scale != CsvFormat.UNBOUNDED) {
            Arrays.setAll(x, i -> x[i] / scale);
        }
        int[] y = labels.build().toArray();
        return Dataset.wrap(source, x, y.length, cols - 1, y, format.classes());
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** A position in the text, counting lines from 1. */
    private static final class Cursor {
        final byte[] b;
        final String source;
        int pos;
        int line = 1;

        Cursor(byte[] b, String source) {
            this.b = b;
            this.source = source;
            // Past a UTF-8 byte order mark (EF BB BF), which some editors put before the first line.
            pos = b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf ? 3 : 0;
        }

        /** Moves past empty lines; false at end of input. */
        boolean skipBlankLines() {
            while (pos < b.length) {
                byte ch = b[pos];
                if (ch == '\n') {
                    line++;
                    pos++;
                } else if (ch == '\r' || ch == ' ' || ch == '\t') {
                    pos++;
                } else {
                    return true;
                }
            }
            return false;
        }

        /** True if no cell of the current line reads as a number (NaN and Infinity count as numbers here). */
        boolean lineHasNoNumber() {
            int end = pos;
            while (end < b.length && b[end] != '\n') {
                end++;
            }
            String line = new String(b, pos, end - pos, java.nio.charset.StandardCharsets.UTF_8);
            for (String cell : line.split(",", -1)) {
                try {
                    Double.parseDouble(cell.strip());
                    return false;
                } catch (NumberFormatException e) {
                    // not a number: a header cell, or a bad cell of a data row; the other cells decide
                }
            }
            return true;
        }

        void skipLine() {
            while (pos < b.length && b[pos] != '\n') {
                pos++;
            }
        }

        boolean comma() {
            skipSpaces();
            if (pos < b.length && b[pos] == ',') {
                pos++;
                return true;
            }
            return false;
        }

        void endLine() throws MalformedDataException {
            skipSpaces();
            if (pos < b.length && b[pos] != '\n') {
                throw new MalformedDataException(source, "line " + line, "a comma or the end of the line",
                        "'" + (char) b[pos] + "'");
            }
        }

        private void skipSpaces() {
            while (pos < b.length && (b[pos] == ' ' || b[pos] == '\t' || b[pos] == '\r')) {
                pos++;
            }
        }

        /**
         * Parses one cell. Short decimals (up to 15 digits, no exponent) take the exact fast path digits / 10^k,
         * which is correctly rounded because both operands are exact doubles; anything else goes to
         * {@link Double#parseDouble}.
         */
        double number(int column) throws MalformedDataException {
            skipSpaces();
            int start = pos;
            while (pos < b.length && b[pos] != ',' && b[pos] != '\n' && b[pos] != '\r') {
                pos++;
            }
            int end = pos;
            while (end > start && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
                end--;
            }
            if (end == start) {
                throw new MalformedDataException(source, "line " + line + ", column " + column, "a number", "an empty cell");
            }
            long digits = 0;
            int nDigits = 0;
            int fraction = -1;
            boolean negative = false;
            boolean simple = true;
            for (int p = start; p < end; p++) {
                byte ch = b[p];
                if (ch >= '0' && ch <= '9') {
                    digits = digits * 10 + (ch - '0');
                    if (digits != 0 || fraction >= 0) {
                        nDigits++;
                    }
                    if (fraction >= 0) {
                        fraction++;
                    }
                } else if (ch == '.' && fraction < 0) {
                    fraction = 0;
                } else if (ch == '-' && p == start) {
                    negative = true;
                } else {
                    simple = false;
                    break;
                }
            }
            boolean hasDigit = end - start > (negative ? 1 : 0) + (fraction >= 0 ? 1 : 0);
            if (simple && hasDigit && nDigits <= 15 && fraction <= 22) {
                double v = fraction > 0 ? digits / POW10[fraction] : (double) digits;
                return negative ? -v : v;
            }
            String cell = new String(b, start, end - start, java.nio.charset.StandardCharsets.UTF_8);
            try {
                double v = Double.parseDouble(cell);
                if (!Double.isFinite(v)) {
                    throw new NumberFormatException();
                }
                return v;
            } catch (NumberFormatException e) {
                throw new MalformedDataException(source, "line " + line + ", column " + column, "a number",
                        "'" + cell + "'");
            }
        }

        int label(double v, int column, int classes) throws MalformedDataException {
            if (v != Math.rint(v) || v < 0 || v >= classes) {
                throw new MalformedDataException(source, "line " + line + ", column " + column,
                        "an integer label in 0.." + (classes - 1), fmt(v));
            }
            return (int) v;
        }
    }

    /** 10^0 … 10^22, each exact in a double. */
    private static final double[] POW10 = DoubleStream.iterate(1, p -> p * 10).limit(23).toArray();
}
