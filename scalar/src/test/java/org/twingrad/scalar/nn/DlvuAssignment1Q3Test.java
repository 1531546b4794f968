package org.twingrad.scalar.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.twingrad.data.Activation.IDENTITY;
import static org.twingrad.data.Activation.SIGMOID;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.twingrad.scalar.Value;

/**
 * DLVU (Deep Learning, VU Amsterdam) assignment 1, question 3: one forward and backward pass by hand.
 * x = [1, −1]; k_j = Σ_i x_i·W[i][j] + b_j; h = σ(k); o_i = Σ_j h_j·V[j][i] + c_i; softmax; target class 0.
 * The sheet's answers: ∂L/∂W = 0, ∂L/∂b = 0, every row of ∂L/∂V = [−0.4404, 0.4404], ∂L/∂c = [−0.5, 0.5].
 */
class DlvuAssignment1Q3Test {
    static final double[][] W = {{1, 1, 1}, {-1, -1, -1}};
    static final double[][] V = {{1, 1}, {-1, -1}, {-1, -1}};

    /** The network as the sheet writes it: W[i][j] from input i to hidden unit j. */
    static MLP network() {
        return new MLP(Linear.fromInputRows(W, new double[3], SIGMOID), Linear.fromInputRows(V, new double[2], IDENTITY));
    }

    @Test
    void dlvuQ3GradientsAreThePublishedOnes() {
        MLP net = network();
        Value loss = SoftmaxCrossEntropy.of(net.forward(new double[] {1, -1}), 0);
        loss.backward();
        Linear hidden = net.layer(1);
        Linear out = net.layer(2);
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 2; i++) {
                assertEquals(0.0, hidden.weight(j, i).grad(), 1e-15, "dL/dW[" + i + "][" + j + "]");
            }
            assertEquals(0.0, hidden.bias(j).grad(), 1e-15, "dL/db[" + j + "]");
            // V[j][i] is the weight from hidden unit j to output i: unit i's weight j.
            assertEquals(-0.4404, out.weight(0, j).grad(), 0.00005, "dL/dV[" + j + "][0]");
            assertEquals(0.4404, out.weight(1, j).grad(), 0.00005, "dL/dV[" + j + "][1]");
        }
        assertEquals(-0.5, out.bias(0).grad(), 1e-15, "dL/dc[0]");
        assertEquals(0.5, out.bias(1).grad(), 1e-15, "dL/dc[1]");
    }

    @Test
    void dlvuQ3FusedAndElementaryCrossEntropyAgree() {
        MLP a = network();
        MLP b = network();
        Value fused = SoftmaxCrossEntropy.of(a.forward(new double[] {1, -1}), 0);
        Value built = SoftmaxCrossEntropy.fromOps(b.forward(new double[] {1, -1}), 0);
        fused.backward();
        built.backward();
        assertEquals(fused.data(), built.data(), 1e-15);
        assertEquals(Math.log(2), fused.data(), 1e-15, "equal logits: L = log 2");
        List<Value> pa = a.parameters();
        List<Value> pb = b.parameters();
        for (int i = 0; i < pa.size(); i++) {
            assertEquals(pa.get(i).grad(), pb.get(i).grad(), 1e-15, pa.get(i).label());
        }
    }
}
