package org.twingrad.tensor.nn;

import java.util.List;
import org.twingrad.tensor.Tensor;

/** A piece of a network: a function of a batch, with parameters (possibly none). */
public interface Module {
    /** The output for a batch x of shape [N, in]. */
    Tensor forward(Tensor x);

    /** Every parameter tensor, weights and biases. */
    List<Tensor> parameters();

    /** The weights only (what an L2 penalty covers): parameters without biases. */
    List<Tensor> weights();
}
