package org.twingrad.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ObjLongConsumer;
import java.util.function.ToLongFunction;

/**
 * The order backward visits a computation graph in, written once for both engines ({@code Value} and {@code Tensor}):
 * every node the root depends on, and the root, each after all of its inputs. An iterative depth-first search with
 * an explicit stack, so a chain of a million nodes needs no deep Java call stack; each node keeps the number of the
 * traversal that last saw it, so no visited-set is needed.
 *
 * <pre>{@code
 * List<Value> order = TopologicalOrder.of(loss, v -> v.inputs, v -> v.visited, (v, t) -> v.visited = t);
 * }</pre>
 */
public final class TopologicalOrder {
    private static final AtomicLong TRAVERSALS = new AtomicLong();

    private TopologicalOrder() {}

    /**
     * The nodes {@code root} depends on, and {@code root} last, each after all of its inputs; {@code seen} reads and
     * {@code see} writes the number of the traversal that last saw a node.
     */
    @SuppressWarnings("unchecked")
    public static <N> List<N> of(N root, Function<N, N[]> inputs, ToLongFunction<N> seen, ObjLongConsumer<N> see) {
        long traversal = TRAVERSALS.incrementAndGet();
        List<N> order = new ArrayList<>();
        Object[] stack = {root};
        int[] nextInput = new int[1];
        see.accept(root, traversal);
        for (int top = 0; top >= 0; ) {
            N node = (N) stack[top];
            N[] in = inputs.apply(node);
            int i = nextInput[top]++;
            if (i == in.length) {                          // every input is placed: the node goes next
                order.add(node);
                stack[top--] = null;
            } else if (seen.applyAsLong(in[i]) != traversal) {
                see.accept(in[i], traversal);
                if (++top == stack.length) {
                    stack = Arrays.copyOf(stack, top * 2);
                    nextInput = Arrays.copyOf(nextInput, top * 2);
                }
                stack[top] = in[i];
                nextInput[top] = 0;
            }
        }
        return order;
    }
}
