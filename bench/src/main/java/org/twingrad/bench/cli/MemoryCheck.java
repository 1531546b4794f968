package org.twingrad.bench.cli;

/**
 * Before a network is built: will it and a batch fit in the JVM's heap? Without this check, a network too big for the
 * heap ends in an {@link OutOfMemoryError} and a stack trace part-way through allocating it.
 *
 * <p>The estimate counts what training holds at once, in float64: per parameter its value, its gradient, the
 * optimizer's copy of it before the last step (to undo a step whose loss is not finite) and, with momentum, its
 * velocity; per row of a training batch, every layer's output and the activation's, each with its gradient; per row
 * of an evaluation batch (up to 1000 rows), the same without gradients. The data is already loaded, so the check
 * compares with what is left of the heap; small change is left out.
 */
final class MemoryCheck {
    private static final long MB = 1L << 20;

    private MemoryCheck() {}

    /**
     * Refuses (one line: the need, the limit, what to change) training that would not fit in the heap beside what is
     * already in it, or a weight matrix too big for a Java array; {@code dataBytes} sizes the -Xmx to suggest.
     */
    static void check(int inputs, int[] hidden, int outputs, int batch, int evaluationRows, boolean momentum, String hiddenFlag,
                      long dataBytes) {
        long params = 0;
        long widths = inputs;
        int prev = inputs;
        for (int h : hidden) {
            Experiment.require((long) prev * h <= Integer.MAX_VALUE - 8, "--hidden " + hiddenFlag + ": a " + prev + " × " + h
                    + " weight matrix has more than 2^31 − 1 entries, the most a Java array holds; use smaller widths");
            params += (long) prev * h + h;
            widths += h;
            prev = h;
        }
        params += (long) prev * outputs + outputs;
        widths += outputs;
        // Training: each layer's output and its gradient, and the activation's output and gradient. Evaluation (no
        // gradients): each layer's output and the activation's.
        long need = params * 8L * (momentum ? 4 : 3) + (long) batch * 8 * 4 * widths + (long) evaluationRows * 8 * 2 * widths;
        Runtime rt = Runtime.getRuntime();
        long limit = rt.maxMemory();
        if (need + rt.totalMemory() - rt.freeMemory() > limit) {
            // The suggestion leaves a quarter for the JVM's own needs and the garbage collector's headroom.
            long suggestGb = Math.max(1, ((need + dataBytes) / 4 * 5 + (1L << 30) - 1) >> 30);
            throw new IllegalArgumentException(String.format("--hidden %s with --batch %d needs about %,d MB to train, more"
                    + " than the JVM's maximum heap of %,d MB: lower --hidden or --batch, or give Java more memory with -Xmx"
                    + " (java -Xmx%dg -jar twingrad.jar ...)", hiddenFlag, batch, (need + MB - 1) / MB, limit / MB, suggestGb));
        }
    }
}
