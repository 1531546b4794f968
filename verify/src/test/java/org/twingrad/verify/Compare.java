package org.twingrad.verify;

/** Comparisons with the error measures the properties name, failing with both values and the index. */
final class Compare {
    private Compare() {}

    /** |a − b| / max(|a|, |b|, 1e-300). */
    static double relativeError(double a, double b) {
        return Math.abs(a - b) / Math.max(Math.max(Math.abs(a), Math.abs(b)), 1e-300);
    }

    /** Twin agreement: relative error ≤ {@code rel}, or absolute ≤ {@code abs} near zero. */
    static void assertClose(String what, double[] expected, double[] actual, double rel, double abs) {
        if (expected.length != actual.length) {
            throw new AssertionError(what + ": " + expected.length + " values vs " + actual.length);
        }
        for (int i = 0; i < expected.length; i++) {
            assertClose(what + "[" + i + "]", expected[i], actual[i], rel, abs);
        }
    }

    static void assertClose(String what, double expected, double actual, double rel, double abs) {
        double diff = Math.abs(expected - actual);
        if (!(diff <= abs || relativeError(expected, actual) <= rel)) {
            throw new AssertionError(String.format("%s: %.17g vs %.17g (relative error %.3g, absolute %.3g)", what,
                    expected, actual, relativeError(expected, actual), diff));
        }
    }
}
