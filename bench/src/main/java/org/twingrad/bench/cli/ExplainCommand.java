package org.twingrad.bench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.twingrad.scalar.BackpropTrace;
import org.twingrad.scalar.Dot;
import org.twingrad.scalar.Value;
import org.twingrad.scalar.nn.Activation;
import org.twingrad.scalar.nn.Layer;
import org.twingrad.scalar.nn.MLP;
import org.twingrad.scalar.nn.SoftmaxCrossEntropy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code twingrad explain dlvu|cmu}: the scalar engine's step-through table for a hand-worked network. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Print the backprop step table of a hand-worked network: dlvu (DLVU A1 Q3) or cmu (CMU 10-701 HW3 §1).")
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NETWORK", description = "dlvu or cmu")
    String network;

    @Option(names = "--decimals", defaultValue = "4", description = "decimals in the table (default: ${DEFAULT-VALUE})")
    int decimals;

    @Option(names = "--dot", paramLabel = "FILE", description = "also write the graph as Graphviz DOT")
    Path dot;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        if (decimals < 0 || decimals > 17) {
            throw new IllegalArgumentException("--decimals must be between 0 and 17, got " + decimals);
        }
        Value loss;
        switch (network) {
            case "dlvu": {
                MLP net = new MLP(Layer.fromColumns(new double[][] {{1, 1, 1}, {-1, -1, -1}}, new double[3], Activation.SIGMOID),
                        Layer.fromColumns(new double[][] {{1, 1}, {-1, -1}, {-1, -1}}, new double[2], Activation.IDENTITY));
                o.println("DLVU assignment 1, Q3: x = [1, -1], W = [[1,1,1],[-1,-1,-1]], b = 0, sigmoid; V = [[1,1],[-1,-1],[-1,-1]],"
                        + " c = 0, softmax; target class 0");
                o.println("W1[j,i] is the sheet's W[i][j]; W2[k,j] is V[j][k]. The sheet's answers: dL/dW = 0, dL/db = 0, "
                        + "dL/dV[j] = [-0.4404, 0.4404], dL/dc = [-0.5, 0.5].");
                loss = SoftmaxCrossEntropy.of(net.forward(new double[] {1, -1}), 0).label("L");
                break;
            }
            case "cmu": {
                double[][] alpha = {{1, 1, 2, -3, 0, 1, -3}, {1, 2, 1, 1, 1, 0, 2}, {1, 3, 2, 2, 2, 2, 1}, {1, 2, 0, 3, 1, -2, 2}};
                double[][] beta = {{1, 1, 2, -2, 3}, {1, 2, -1, 3, 1}, {1, 3, 1, -1, 1}};
                MLP net = new MLP(Layer.withBiasColumn(alpha, Activation.SIGMOID), Layer.withBiasColumn(beta, Activation.IDENTITY));
                o.println("CMU 10-701 HW3 §1: x = [1,0,1,0,1,1], label class 3; α (bias in column 0), sigmoid; β, softmax.");
                o.println("The sheet's a_j is z1[j-1], z_j is h1[j-1], b_k is z2[k-1]; W1[j,i] is α(j+1, i+1), W2[k,j] is β(k+1, j+1).");
                List<Value> b = net.forward(new double[] {1, 0, 1, 0, 1, 1});
                loss = SoftmaxCrossEntropy.of(b, 2).label("L");
                break;
            }
            default:
                throw new IllegalArgumentException("unknown network '" + network + "': expected dlvu or cmu");
        }
        BackpropTrace trace = loss.backwardTraced();
        o.println();
        o.print(trace.toTable(decimals));
        if (dot != null) {
            Files.writeString(dot, Dot.of(loss));
            o.println("wrote " + dot + " (render with: dot -Tsvg " + dot + " -o graph.svg)");
        }
        return 0;
    }
}
