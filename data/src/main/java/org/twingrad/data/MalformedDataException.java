package org.twingrad.data;

import java.io.IOException;

/**
 * A data file that cannot be read as what it claims to be. The message always names the file, where in it the
 * problem is (a line and column, or a byte offset), what was expected and what was found, for example:
 * <pre>train.csv line 3: expected 785 columns, found 784</pre>
 * Readers throw it before returning anything: a dataset is never loaded half.
 */
public final class MalformedDataException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param source   the file (or resource) name
     * @param location where in it, e.g. {@code "line 3"} or {@code "byte offset 16"}
     * @param expected what a well-formed file has there
     * @param found    what this file has there
     */
    public MalformedDataException(String source, String location, String expected, String found) {
        super(source + " " + location + ": expected " + expected + ", found " + found);
    }
}
