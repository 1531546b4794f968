package org.twingrad.tensor.train;

/**
 * How a classifier does on a dataset.
 *
 * @param loss      mean softmax cross-entropy
 * @param accuracy  fraction of rows classified correctly
 * @param confusion confusion[true class][predicted class] = count
 */
public record Evaluation(double loss, double accuracy, int[][] confusion) {

    /** The confusion matrix as aligned text: rows are true classes, columns predictions. */
    public String confusionTable() {
        StringBuilder sb = new StringBuilder("true\\pred");
        int k = confusion.length;
        for (int j = 0; j < k; j++) {
            sb.append(String.format("%6d", j));
        }
        sb.append('\n');
        for (int i = 0; i < k; i++) {
            sb.append(String.format("%9d", i));
            for (int j = 0; j < k; j++) {
                sb.append(String.format("%6d", confusion[i][j]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
