package org.twingrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MnistIdxReader on tiny IDX files written by the test, raw and gzipped, and damaged in every way the issue lists. */
class MnistIdxReaderTest {
    @TempDir
    Path dir;

    /** An idx3-ubyte file of n images of 2 × 2 pixels, big-endian header. */
    static byte[] images(int magic, int n, int rows, int cols, int pixelBytes) {
        ByteBuffer b = ByteBuffer.allocate(16 + pixelBytes);
        b.putInt(magic).putInt(n).putInt(rows).putInt(cols);
        for (int i = 0; i < pixelBytes; i++) {
            b.put((byte) (i * 51));
        }
        return b.array();
    }

    static byte[] labels(int magic, int n, byte... values) {
        ByteBuffer b = ByteBuffer.allocate(8 + values.length);
        b.putInt(magic).putInt(n).put(values);
        return b.array();
    }

    private Path file(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private Path gz(String name, byte[] bytes) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bo)) {
            out.write(bytes);
        }
        return file(name, bo.toByteArray());
    }

    @Test
    void readsTwoImagesAndLabelsScaledTo01() throws IOException {
        Dataset d = MnistIdxReader.read(file("i", images(0x803, 2, 2, 2, 8)), file("l", labels(0x801, 2, (byte) 7, (byte) 0)));
        assertEquals(2, d.rows());
        assertEquals(4, d.cols());
        assertArrayEquals(new int[] {7, 0}, d.labels());
        assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6}, d.row(0), 1e-15);
        assertEquals(((7 * 51) & 0xff) / 255.0, d.feature(1, 3));
    }

    @Test
    void readsGzippedFilesAndTheStandardFolderLayout() throws IOException {
        gz("train-images-idx3-ubyte.gz", images(0x803, 2, 2, 2, 8));
        gz("train-labels-idx1-ubyte.gz", labels(0x801, 2, (byte) 1, (byte) 2));
        file("t10k-images-idx3-ubyte", images(0x803, 1, 2, 2, 4));
        file("t10k-labels-idx1-ubyte", labels(0x801, 1, (byte) 9));
        Split s = MnistIdxReader.readDirectory(dir);
        assertArrayEquals(new int[] {1, 2}, s.train().labels());
        assertArrayEquals(new int[] {9}, s.test().labels());
    }

    /** Issue 12, case 2: test images of another size loaded, trained an epoch, then failed in a matrix product. */
    @Test
    void testImagesOfAnotherSizeThanTheTrainingImagesAreRejectedAtLoadTime() throws IOException {
        file("train-images-idx3-ubyte", images(0x803, 1, 2, 2, 4));
        file("train-labels-idx1-ubyte", labels(0x801, 1, (byte) 1));
        file("t10k-images-idx3-ubyte", images(0x803, 1, 3, 1, 3));
        file("t10k-labels-idx1-ubyte", labels(0x801, 1, (byte) 9));
        var e = assertThrows(MalformedDataException.class, () -> MnistIdxReader.readDirectory(dir));
        assertEquals(dir.resolve("t10k-images-idx3-ubyte") + " byte offset 8: expected 2 × 2 images, as "
                + dir.resolve("train-images-idx3-ubyte") + " has, found 3 × 1", e.getMessage());
    }

    private String error(byte[] img, byte[] lab) throws IOException {
        Path i = file("img", img);
        Path l = file("lab", lab);
        return assertThrows(MalformedDataException.class, () -> MnistIdxReader.read(i, l)).getMessage();
    }

    @Test
    void aWrongMagicNumberIsNamedWithOffsetAndBothValues() throws IOException {
        String m = error(images(0x801, 1, 2, 2, 4), labels(0x801, 1, (byte) 0));
        assertTrue(m.endsWith("img byte offset 0: expected magic number 0x00000803 (idx3-ubyte images), found 0x00000801"), m);
    }

    @Test
    void aTruncatedImageFileSaysWhereItEnds() throws IOException {
        String m = error(Arrays.copyOf(images(0x803, 2, 2, 2, 8), 21), labels(0x801, 2, (byte) 0, (byte) 1));
        assertTrue(m.contains("img byte offset 21: expected 2 images of 2 × 2 pixels (24 bytes in all), found the end of the file: truncated"), m);
        String h = error(new byte[] {0, 0, 8}, labels(0x801, 1, (byte) 0));
        assertTrue(h.contains("byte offset 3: expected a 16-byte idx3-ubyte images header"), h);
    }

    @Test
    void imageAndLabelCountsThatDifferAreRejected() throws IOException {
        String m = error(images(0x803, 2, 2, 2, 8), labels(0x801, 1, (byte) 0));
        assertTrue(m.endsWith("lab byte offset 4: expected 2 labels (as many as " + dir.resolve("img") + " has images), found 1 labels"), m);
    }

    @Test
    void aLabelAbove9IsRejectedAtItsByteOffset() throws IOException {
        String m = error(images(0x803, 2, 2, 2, 8), labels(0x801, 2, (byte) 3, (byte) 12));
        assertTrue(m.endsWith("lab byte offset 9: expected a digit label 0..9, found 12"), m);
    }

    @Test
    void anEmptyFileIsRejected() throws IOException {
        String m = error(new byte[0], labels(0x801, 1, (byte) 0));
        assertTrue(m.endsWith("img byte offset 0: expected an idx3-ubyte images file, found an empty file"), m);
    }

    @Test
    void trailingBytesAreRejected() throws IOException {
        String m = error(images(0x803, 1, 2, 2, 5), labels(0x801, 1, (byte) 0));
        assertTrue(m.endsWith("byte offset 20: expected the end of the file after 1 images of 2 × 2 pixels, found 1 more bytes"), m);
    }
}
