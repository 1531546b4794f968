package org.twingrad.tensor;

import static java.util.stream.Collectors.joining;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Thrown in anomaly mode ({@link Tensor#detectAnomaly(boolean)}) by the first op whose output or gradient is not
 * finite. The message names the op, its input shapes and which inputs were already non-finite, for example:
 * <pre>anomaly: matmul gave NaN (at index 3 of [10, 8]) from inputs of shapes [10, 16], [16, 8]; input 0 was already non-finite</pre>
 * It is an {@link ArithmeticException}, like the other errors of arithmetic the engines report.
 */
public final class AnomalyException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    private final String op;
    private final boolean inBackward;

    AnomalyException(String op, boolean inBackward, String message) {
        super(message);
        this.op = op;
        this.inBackward = inBackward;
    }

    /** The op that produced the first non-finite number. */
    public String op() {
        return op;
    }

    /** True if it was a gradient (backward), false if an output (forward). */
    public boolean inBackward() {
        return inBackward;
    }

    /** In anomaly mode, after {@code op} made {@code data} from {@code inputs}: throws if an output is not finite. */
    static void checkOutput(String op, double[] data, int[] shape, Tensor[] inputs) {
        int bad = firstNonFinite(data);
        if (bad >= 0) {
            throw new AnomalyException(op, false, "anomaly: " + op + " gave " + data[bad] + " (at index " + bad + " of "
                    + Arrays.toString(shape) + ") from inputs of shapes " + shapes(inputs) + "; " + nonFiniteInputs(inputs));
        }
    }

    /** After the backward of {@code op}: throws at the first input whose gradient it made non-finite. */
    static void checkGradients(String op, Tensor[] inputs) {
        for (int i = 0; i < inputs.length; i++) {
            double[] g = inputs[i].requiresGrad() ? inputs[i].grad() : new double[0];
            int bad = firstNonFinite(g);
            if (bad >= 0) {
                throw new AnomalyException(op, true, "anomaly: the backward of " + op + " (inputs of shapes "
                        + shapes(inputs) + ") gave input " + i + " the gradient " + g[bad] + " (at index " + bad
                        + ") from a finite gradient of its output; " + nonFiniteInputs(inputs));
            }
        }
    }

    private static int firstNonFinite(double[] v) {
        return IntStream.range(0, v.length).filter(i -> !Double.isFinite(v[i])).findFirst().orElse(-1);
    }

    /** "input 0 was already non-finite", "inputs 0, 1 were …", or "every input was finite". */
    private static String nonFiniteInputs(Tensor[] inputs) {
        String[] bad = IntStream.range(0, inputs.length).filter(i -> firstNonFinite(inputs[i].data()) >= 0)
                .mapToObj(String::valueOf).toArray(String[]::new);
        String list = String.join(", ", bad);
        return bad.length == 0 ? "every input was finite"
                : (bad.length == 1 ? "input " + list + " was" : "inputs " + list + " were") + " already non-finite";
    }

    private static String shapes(Tensor[] inputs) {
        return Arrays.stream(inputs).map(t -> Arrays.toString(t.shape())).collect(joining(", "));
    }
}
