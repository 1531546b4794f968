package org.twingrad.tensor.kernels;

import static org.twingrad.tensor.kernels.Exp.LN2_HI;
import static org.twingrad.tensor.kernels.Exp.LN2_LO;
import static org.twingrad.tensor.kernels.Exp.LOG2E;
import static org.twingrad.tensor.kernels.Exp.SHIFTER;
import static org.twingrad.tensor.kernels.Exp.SHIFTER_BITS;
import static org.twingrad.tensor.kernels.Exp.TAYLOR;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link Exp}'s steps on L lanes at a time, line for line, on the Vector API; the last x.length mod L values by {@link Exp}. */
public final class VectorExp {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    private VectorExp() {}

    /** out[i] = e^x[i] (the arrays may be the same), the same bits as {@link Exp#exp(double)}. */
    public static void exp(double[] x, double[] out) {
        int i = 0;
        for (; i + S.length() <= x.length; i += S.length()) {
            DoubleVector v = DoubleVector.fromArray(S, x, i).max(Tuning.EXP_MIN).min(Tuning.EXP_MAX);
            DoubleVector t = v.mul(LOG2E).add(SHIFTER);
            DoubleVector n = t.sub(SHIFTER);
            DoubleVector r = n.fma(DoubleVector.broadcast(S, -LN2_HI), v);
            r = n.fma(DoubleVector.broadcast(S, -LN2_LO), r);
            DoubleVector q = DoubleVector.broadcast(S, TAYLOR[0]);
            for (int c = 1; c < TAYLOR.length; c++) {
                q = q.fma(r, DoubleVector.broadcast(S, TAYLOR[c]));
            }
            DoubleVector er = q.fma(r.mul(r), r).add(1.0);
            LongVector bits = t.reinterpretAsLongs().sub(SHIFTER_BITS);
            LongVector half = bits.lanewise(VectorOperators.ASHR, 1);
            er.mul(powerOfTwo(half)).mul(powerOfTwo(bits.sub(half))).intoArray(out, i);
        }
        for (; i < x.length; i++) {
            out[i] = Exp.exp(x[i]);
        }
    }

    private static DoubleVector powerOfTwo(LongVector e) {
        return e.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
    }
}
