package org.twingrad.data;

/**
 * How a CSV file of labelled examples is laid out, for {@link CsvReader}.
 *
 * <pre>{@code
 * CsvFormat.CMU                       // 784 pixels then the label, no header, pixels already in [0, 1]
 * CsvFormat.KAGGLE                    // header line, label first, pixels 0–255
 * CsvFormat.CMU.withScale(CsvFormat.DETECT)
 * }</pre>
 *
 * @param labelFirst true if the label is the first column (Kaggle style), false if it is the last (CMU style)
 * @param header     whether the first line is a header: {@link Header#AUTO} takes it as one only when
 *                   no cell of it is a number (a line with some numbers is data, and a bad cell in it is an error)
 * @param scale      raw feature values are divided by this and must lie in [0, scale]; {@link #DETECT} picks 1 when
 *                   every value is at most 1 and 255 otherwise; {@link #UNBOUNDED} keeps values as they are with no range check
 * @param classes    labels must be integers in 0 … classes−1
 */
public record CsvFormat(boolean labelFirst, Header header, double scale, int classes) {

    /** Pick the scale from the data: 1 if every value is at most 1, else 255. */
    public static final double DETECT = 0;
    /** No scaling and no range check, for data that is not pixels. */
    public static final double UNBOUNDED = Double.POSITIVE_INFINITY;

    /** CMU 10-701 HW3: 785 columns, the 784 pixels in [0, 1] then the label; no header. */
    public static final CsvFormat CMU = new CsvFormat(false, Header.NONE, 1.0, 10);
    /** Kaggle's MNIST CSV: a header line, the label first, pixels 0–255. */
    public static final CsvFormat KAGGLE = new CsvFormat(true, Header.PRESENT, 255.0, 10);

    /** Whether a file starts with a header line. */
    public enum Header { NONE, PRESENT, AUTO }

    public CsvFormat {
        if (!(scale >= 0) || classes < 1) {
            throw new IllegalArgumentException("a CSV format needs scale >= 0 and classes >= 1, got scale " + scale
                    + ", classes " + classes);
        }
    }

    /** The same format with another pixel scale ({@link #DETECT}, {@link #UNBOUNDED} or a positive number). */
    public CsvFormat withScale(double newScale) {
        return new CsvFormat(labelFirst, header, newScale, classes);
    }

    /** The same format with another header rule. */
    public CsvFormat withHeader(Header newHeader) {
        return new CsvFormat(labelFirst, newHeader, scale, classes);
    }

    /** The same format with another number of classes. */
    public CsvFormat withClasses(int newClasses) {
        return new CsvFormat(labelFirst, header, scale, newClasses);
    }
}
