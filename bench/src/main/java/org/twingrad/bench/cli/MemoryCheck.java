package org.twingrad.bench.cli;

/**
 * Before a network is built: will it and a batch fit in the JVM's heap? Without this check, a network too big for the
 * heap ends in an {@link OutOfMemoryError} and a stack trace part-way through allocating it.
 *
 * <p>The estimate counts what training holds at once, in float64: per parameter its value, its gradient, the
 * optimizer's copy of it before the last step (to undo a step whose loss is not finite) and, with momentum, its
 * velocity; per row of a batch, every layer's output and its gradient, with room for an activation's own copy
 * (sigmoid keeps σ), for the training batch and for the evaluation batches of 1000 rows. It leaves out the data, which
 * is already loaded, and small change.
 */
final class MemoryCheck {
    private static final long MB = 1L << 20;

    private MemoryCheck() {}

    /** Bytes training needs for this network, batch size and optimizer. */
    static long bytesNeeded(int inputs, int[] hidden, int outputs, int batch, boolean momentum) {
        long params = 0;
        long widths = inputs;
        int prev = inputs;
        for (int h : hidden) {
            params += (long) prev * h + h;
            widths += h;
            prev = h;
        }
        params += (long) prev * outputs + outputs;
        widths += outputs;
        long perParameter = 8L * (momentum ? 4 : 3);
        long perRow = 8L * 4 * widths;
        return params * perParameter + ((long) batch + 1000) * perRow;
    }

    /**
     * @param dataBytes what the loaded data takes (for the -Xmx to suggest)
     * @throws IllegalArgumentException (one line: the need, the limit, what to change) if training would not fit in
     *                                  the heap beside what is already in it, or a weight matrix would not fit in a
     *                                  Java array
     */
    static void check(int inputs, int[] hidden, int outputs, int batch, boolean momentum, String hiddenFlag, long dataBytes) {
        int prev = inputs;
        for (int h : hidden) {
            if ((long) prev * h > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("--hidden " + hiddenFlag + ": a " + prev + " × " + h
                        + " weight matrix has more than 2^31 − 1 entries, the most a Java array holds; use smaller widths");
            }
            prev = h;
        }
        Runtime rt = Runtime.getRuntime();
        long limit = rt.maxMemory();
        long used = rt.totalMemory() - rt.freeMemory();
        long need = bytesNeeded(inputs, hidden, outputs, batch, momentum);
        if (need + used > limit) {
            // The suggestion leaves a quarter for the JVM's own needs and the garbage collector's headroom.
            long suggestGb = Math.max(1, ((need + dataBytes) / 4 * 5 + (1L << 30) - 1) >> 30);
            throw new IllegalArgumentException(String.format("--hidden %s with --batch %d needs about %,d MB to train, more"
                    + " than the JVM's maximum heap of %,d MB: lower --hidden or --batch, or give Java more memory with -Xmx"
                    + " (java -Xmx%dg -jar twingrad.jar ...)", hiddenFlag, batch, ceilMb(need), limit / MB, suggestGb));
        }
    }

    private static long ceilMb(long bytes) {
        return (bytes + MB - 1) / MB;
    }
}
