package org.twingrad.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.IntStream;

/**
 * Reads CIFAR-10 binary batches ({@code data_batch_1.bin} … {@code data_batch_5.bin}, {@code test_batch.bin}): each
 * record is one label byte (0–9) then 3072 pixel bytes, the 32×32 red plane, then green, then blue. Features keep
 * that plane order and are scaled to [0, 1].
 *
 * <pre>{@code
 * Split cifar = Cifar10Reader.readDirectory(Path.of("cifar-10-batches-bin"));   // 50,000 train, 10,000 test
 * }</pre>
 */
public final class Cifar10Reader {
    /** Pixels per image: 3 planes of 32 × 32. */
    public static final int PIXELS = 3 * 32 * 32;
    private static final int RECORD = 1 + PIXELS;

    private Cifar10Reader() {}

    /** Reads and concatenates one or more batch files, in the order given. */
    public static Dataset read(Path... batches) throws IOException {
        byte[][] all = new byte[batches.length][];
        int n = 0;
        for (int f = 0; f < batches.length; f++) {
            all[f] = DataFiles.readAll(batches[f]);
            String name = batches[f].toString();
            if (all[f].length == 0) {
                throw new MalformedDataException(name, "byte offset 0", "CIFAR-10 records of " + RECORD + " bytes", "an empty file");
            }
            int whole = all[f].length / RECORD;
            if (all[f].length % RECORD != 0) {
                throw new MalformedDataException(name, "byte offset " + (long) whole * RECORD,
                        "a whole record of " + RECORD + " bytes (label + 3072 pixels)",
                        (all[f].length % RECORD) + " bytes: truncated");
            }
            for (int r = 0; r < whole; r++) {
                int label = all[f][r * RECORD] & 0xff;
                if (label > 9) {
                    throw new MalformedDataException(name, "byte offset " + (long) r * RECORD, "a class label 0..9",
                            Integer.toString(label));
                }
            }
            n += whole;
        }
        double[] x = new double[n * PIXELS];
        int[] y = new int[n];
        int row = 0;
        for (byte[] b : all) {
            for (int r = 0; r < b.length / RECORD; r++, row++) {
                y[row] = b[r * RECORD] & 0xff;
                int src = r * RECORD + 1;
                int dst = row * PIXELS;
                for (int i = 0; i < PIXELS; i++) {
                    x[dst + i] = (b[src + i] & 0xff) / 255.0;
                }
            }
        }
        return Dataset.wrap(batches.length == 1 ? batches[0].toString() : "cifar10", x, n, PIXELS, y, 10);
    }

    /** The five training batches and the test batch of the standard {@code cifar-10-batches-bin} folder. */
    public static Split readDirectory(Path dir) throws IOException {
        Path[] train = IntStream.rangeClosed(1, 5).mapToObj(i -> dir.resolve("data_batch_" + i + ".bin")).toArray(Path[]::new);
        return new Split(read(train).named("cifar10/train"), read(dir.resolve("test_batch.bin")).named("cifar10/test"));
    }
}
