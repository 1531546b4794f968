package org.twingrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The layouts a sheet prints all give the same [out][in] layer, and a bad description names what is wrong. */
class NetworkSpecTest {
    static final double[][] ROWS = {{1, 2}, {3, 4}, {5, 6}};

    @Test
    void theLayoutsGiveTheSameLayer() {
        double[] b = {7, 8, 9};
        for (NetworkSpec.Layer l : List.of(NetworkSpec.Layer.fromInputRows(new double[][] {{1, 3, 5}, {2, 4, 6}}, b, "tanh"),
                NetworkSpec.Layer.fromInputRows(new double[] {1, 3, 5, 2, 4, 6}, b, "TANH"),
                NetworkSpec.Layer.withBiasColumn(new double[][] {{7, 1, 2}, {8, 3, 4}, {9, 5, 6}}, "tanh"))) {
            assertArrayEquals(ROWS, l.weights());
            assertArrayEquals(b, l.bias());
            assertEquals("tanh", l.activation());
            assertEquals(2, l.inputs());
            assertEquals(3, l.outputs());
        }
    }

    @Test
    void randomLayersDrawInNumpysFanInFanOutOrder() {
        NetworkSpec.Layer l = NetworkSpec.Layer.random(3, 2, "relu", WeightInit.uniform(1), new NumpyRandom(1));
        double[] w = new NumpyRandom(1).uniform(-1, 1, 6);   // np.random.uniform(-1, 1, (3, 2))
        assertEquals(w[1], l.weights()[1][0], "w[i=0][j=1]");
        assertEquals(w[4], l.weights()[0][2], "w[i=2][j=0]");
    }

    @Test
    void badDescriptionsNameWhatIsWrong() {
        assertEquals("ragged weight matrix: row 1 has 1 entries, row 0 has 2", assertThrows(IllegalArgumentException.class,
                () -> new NetworkSpec.Layer(new double[][] {{1, 2}, {3}}, new double[2], "relu")).getMessage());
        assertEquals("bias has 2 entries, weight matrix has 3 rows (units)", assertThrows(IllegalArgumentException.class,
                () -> new NetworkSpec.Layer(ROWS, new double[2], "relu")).getMessage());
        assertEquals("unknown activation 'swish': expected sigmoid, relu, tanh, identity or improved-sigmoid",
                assertThrows(IllegalArgumentException.class, () -> new NetworkSpec.Layer(ROWS, new double[3], "swish")).getMessage());
        NetworkSpec.Layer l = new NetworkSpec.Layer(ROWS, new double[3], "relu");
        assertEquals("layer 2 takes 2 inputs but layer 1 has 3 units",
                assertThrows(IllegalArgumentException.class, () -> new NetworkSpec(List.of(l, l))).getMessage());
    }
}
