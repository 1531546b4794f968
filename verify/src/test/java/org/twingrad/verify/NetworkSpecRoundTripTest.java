package org.twingrad.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.twingrad.data.NetworkSpec;
import org.twingrad.data.NumpyRandom;
import org.twingrad.data.WeightInit;

/** Moving a network between the engines (export, then from) keeps every number, and both compute the same outputs. */
class NetworkSpecRoundTripTest {
    @Test
    void scalarToTensorAndBackKeepsEveryNumber() {
        NetworkSpec spec = NetworkSpec.random(5, new int[] {4, 3}, 2, "improved-sigmoid", WeightInit.xavier(), new NumpyRandom(3));
        NetworkSpec back = org.twingrad.scalar.nn.MLP.from(org.twingrad.tensor.nn.MLP.from(spec).export()).export();
        for (int l = 0; l < spec.layers().size(); l++) {
            assertArrayEquals(spec.layers().get(l).weights(), back.layers().get(l).weights());
            assertArrayEquals(spec.layers().get(l).bias(), back.layers().get(l).bias(), 0.0);
            assertEquals(spec.layers().get(l).activation(), back.layers().get(l).activation());
        }
        double[] x = {0.5, -1, 2, 0.25, -0.75};
        double[] t = org.twingrad.tensor.nn.MLP.from(spec).forward(org.twingrad.tensor.Tensor.constant(x, 1, 5)).values();
        double[] s = org.twingrad.scalar.nn.MLP.from(spec).forward(x).stream()
                .mapToDouble(org.twingrad.scalar.Value::data).toArray();
        assertArrayEquals(s, t, 1e-12);
    }
}
