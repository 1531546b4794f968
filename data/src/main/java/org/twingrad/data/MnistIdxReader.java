package org.twingrad.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * Reads MNIST in its original IDX format (raw or {@code .gz}): an images file ({@code idx3-ubyte}: magic 0x00000803,
 * count, rows, columns, then one unsigned byte per pixel) and a labels file ({@code idx1-ubyte}: magic 0x00000801,
 * count, then one byte per label). All integers are big-endian, as in the original files; pixels are scaled to [0, 1].
 *
 * <pre>{@code
 * Dataset train = MnistIdxReader.read(dir.resolve("train-images-idx3-ubyte.gz"),
 *                                     dir.resolve("train-labels-idx1-ubyte.gz"));
 * Split both = MnistIdxReader.readDirectory(dir);   // train-* and t10k-* files
 * }</pre>
 */
public final class MnistIdxReader {
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    private MnistIdxReader() {}

    /** Reads one images file and its labels file into a dataset. */
    public static Dataset read(Path images, Path labels) throws IOException {
        byte[] img = DataFiles.readAll(images);
        byte[] lab = DataFiles.readAll(labels);
        String imgName = images.toString();
        String labName = labels.toString();

        int n = header(img, imgName, IMAGES_MAGIC, 16, "idx3-ubyte images");
        int rows = int32(img, 8);
        int cols = int32(img, 12);
        if (rows <= 0 || cols <= 0) {
            throw new MalformedDataException(imgName, "byte offset 8", "positive image dimensions", rows + " × " + cols);
        }
        long pixelBytes = (long) n * rows * cols;
        checkLength(img, imgName, 16, pixelBytes, n + " images of " + rows + " × " + cols + " pixels");

        int m = header(lab, labName, LABELS_MAGIC, 8, "idx1-ubyte labels");
        checkLength(lab, labName, 8, m, m + " labels");
        if (m != n) {
            throw new MalformedDataException(labName, "byte offset 4", n + " labels (as many as " + imgName + " has images)",
                    m + " labels");
        }

        int features = rows * cols;
        double[] x = new double[n * features];
        Arrays.setAll(x, i -> (img[16 + i] & 0xff) / 255.0);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = lab[8 + i] & 0xff;
            if (y[i] > 9) {
                throw new MalformedDataException(labName, "byte offset " + (8 + i), "a digit label 0..9", Integer.toString(y[i]));
            }
        }
        return Dataset.wrap(imgName, x, n, features, y, 10);
    }

    /**
     * Reads the four standard files from a folder: {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
     * {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, each raw or with {@code .gz}
     * (also accepting the dotted names {@code train-images.idx3-ubyte} some mirrors use).
     */
    public static Split readDirectory(Path dir) throws IOException {
        Path trainImages = find(dir, "train-images", "idx3-ubyte");
        Path testImages = find(dir, "t10k-images", "idx3-ubyte");
        Dataset train = read(trainImages, find(dir, "train-labels", "idx1-ubyte"));
        Dataset test = read(testImages, find(dir, "t10k-labels", "idx1-ubyte"));
        // Checked here, in pixels, rather than left to Split's check in features: "20 × 20" says what is wrong.
        byte[] a = DataFiles.readAll(trainImages);
        byte[] b = DataFiles.readAll(testImages);
        if (int32(a, 8) != int32(b, 8) || int32(a, 12) != int32(b, 12)) {
            throw new MalformedDataException(testImages.toString(), "byte offset 8", int32(a, 8) + " × " + int32(a, 12)
                    + " images, as " + trainImages + " has", int32(b, 8) + " × " + int32(b, 12));
        }
        return new Split(train, test);
    }

    private static Path find(Path dir, String stem, String kind) throws IOException {
        return Stream.of("-" + kind, "-" + kind + ".gz", "." + kind, "." + kind + ".gz").map(name -> dir.resolve(stem + name))
                .filter(Files::isRegularFile).findFirst().orElseThrow(() -> new NoSuchFileException(
                        dir.resolve(stem + "-" + kind + "[.gz]").toString(), null, "MNIST IDX file not found in " + dir));
    }

    /** Checks the magic number and header length; returns the item count. */
    private static int header(byte[] b, String name, int magic, int headerBytes, String what) throws MalformedDataException {
        if (b.length == 0) {
            throw new MalformedDataException(name, "byte offset 0", "an " + what + " file", "an empty file");
        }
        if (b.length < headerBytes) {
            throw new MalformedDataException(name, "byte offset " + b.length, "a " + headerBytes + "-byte " + what + " header",
                    "the end of the file");
        }
        int found = int32(b, 0);
        if (found != magic) {
            throw new MalformedDataException(name, "byte offset 0", String.format("magic number 0x%08x (%s)", magic, what),
                    String.format("0x%08x", found));
        }
        int n = int32(b, 4);
        if (n < 0) {
            throw new MalformedDataException(name, "byte offset 4", "a non-negative item count", Integer.toString(n));
        }
        return n;
    }

    private static void checkLength(byte[] b, String name, int header, long body, String what) throws MalformedDataException {
        long expected = header + body;
        if (b.length < expected) {
            throw new MalformedDataException(name, "byte offset " + b.length, what + " (" + expected + " bytes in all)",
                    "the end of the file: truncated");
        }
        if (b.length > expected) {
            throw new MalformedDataException(name, "byte offset " + expected, "the end of the file after " + what,
                    (b.length - expected) + " more bytes");
        }
    }

    /** A big-endian 32-bit integer, as IDX stores them. */
    private static int int32(byte[] b, int offset) {
        return ((b[offset] & 0xff) << 24) | ((b[offset + 1] & 0xff) << 16) | ((b[offset + 2] & 0xff) << 8) | (b[offset + 3] & 0xff);
    }
}
